// Issue 11's PDF report on a fresh demo: a manager opens the SERVQUAL gap report, presses
// "Descargar PDF" / "Download PDF", and gets a real PDF printed by the server's Chromium. Its
// pages are turned into images with poppler's pdftoppm (not blank, A4-sized) and its text read
// with pdftotext: the survey name, the filters in words and the API's numbers in the UI's locale.
// PDF_PAGES_DIR=<dir> keeps PNGs of the pages for a person to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed } from '../packages/web/src/lib/format';
import { launchBrowser, type RunningServer, startServer } from './harness';

interface TServqual {
  n: number;
  overall: { gap: number | null; weightedGap: number | null };
  dimensions: { dimension: string; gap: number | null }[];
}
interface TLeague {
  units: { unitId: string; unitName: string; n: number; gap: number | null }[];
}

/** Grey levels of a binary PGM (P5, 8 bit) as pdftoppm -gray writes it. */
function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const b = readFileSync(file);
  // header: "P5" whitespace width whitespace height whitespace maxval single-whitespace data
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(b.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error(`not a PGM: ${file}`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: b.subarray(m[0].length) };
}

/** Page images and text of a PDF; at 50 dpi an A4 page is 413 × 585 px. */
function inspect(pdf: Buffer, keepAs?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fidelia-pdf-e2e-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '50', '-gray', file, join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const { width, height, pixels } = readPgm(join(dir, f));
        let dark = 0;
        for (const v of pixels) if (v < 128) dark++;
        return { width, height, darkShare: dark / (width * height) };
      });
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    if (keepAs && process.env.PDF_PAGES_DIR) {
      mkdirSync(process.env.PDF_PAGES_DIR, { recursive: true });
      execFileSync('pdftoppm', ['-r', '80', '-png', file, join(process.env.PDF_PAGES_DIR, keepAs)]);
    }
    return { pages, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('SERVQUAL gap report as PDF (demo data, real server, Chromium, poppler)', () => {
  let server: RunningServer;
  let browser: Browser;
  let surveyId: string;

  async function managerPage(locale: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ locale, acceptDownloads: true });
    const r = await ctx.request.post(`${server.url}/api/auth/login`, {
      data: { email: server.adminEmail, password: server.adminPassword },
    });
    expect(r.status(), await r.text()).toBe(200);
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    return { ctx, page };
  }

  const getJson = async <T>(ctx: BrowserContext, path: string): Promise<T> => {
    const r = await ctx.request.get(`${server.url}${path}`);
    expect(r.status(), path).toBe(200);
    return (await r.json()) as T;
  };

  async function downloadPdf(page: Page, label: string): Promise<Buffer> {
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByRole('button', { name: label }).click(),
    ]);
    const path = await dl.path();
    expect(dl.suggestedFilename()).toMatch(/\.pdf$/);
    return readFileSync(path);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Spanish: the button downloads the report; pages not blank; name and numbers in es', async () => {
    const { ctx, page } = await managerPage('es-ES');
    const surveys = await getJson<{
      items: { id: string; name: string; template: string | null }[];
    }>(ctx, '/api/surveys');
    const s = surveys.items.find((x) => x.template === 'servqual');
    expect(s).toBeDefined();
    surveyId = s?.id as string;
    const sq = await getJson<TServqual>(ctx, `/api/analytics/surveys/${surveyId}/servqual`);
    const league = await getJson<TLeague>(ctx, `/api/analytics/surveys/${surveyId}/league`);
    await page.goto(`${server.url}/analytics/servqual?survey=${surveyId}`);
    await page.getByTestId('sq-overall').waitFor();
    const pdf = await downloadPdf(page, 'Descargar PDF');
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const { pages, text } = inspect(pdf, 'servqual-es');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const p of pages) {
      expect(Math.abs(p.width - 413)).toBeLessThanOrEqual(3);
      expect(Math.abs(p.height - 585)).toBeLessThanOrEqual(3);
    }
    // the first page carries title, tiles, chart and tables: clearly inked, not a black box
    expect(pages[0]?.darkShare).toBeGreaterThan(0.01);
    expect(pages[0]?.darkShare).toBeLessThan(0.5);
    expect(text).toContain('Informe de brechas SERVQUAL');
    expect(text).toContain(s?.name as string);
    expect(text).toContain('Todos los canales');
    expect(text).toMatch(new RegExp(`Encuestados\\s[\\s\\S]*${sq.n}`));
    const gap = fixed(sq.overall.gap, 'es', 2);
    expect(gap).toMatch(/^-?\d,\d\d$/); // a decimal comma
    expect(text).toContain(gap);
    expect(text).toContain(fixed(sq.overall.weightedGap, 'es', 2));
    for (const d of sq.dimensions) expect(text).toContain(fixed(d.gap, 'es', 2));
    expect(text).toContain('Clasificación de oficinas');
    for (const u of league.units) expect(text).toContain(u.unitName);
    await ctx.close();
  });

  it('English with a unit filter from the URL: filters in words, that unit’s numbers in en', async () => {
    const { ctx, page } = await managerPage('en-US');
    const league = await getJson<TLeague>(ctx, `/api/analytics/surveys/${surveyId}/league`);
    const unit = league.units[0];
    expect(unit).toBeDefined();
    const sq = await getJson<TServqual>(
      ctx,
      `/api/analytics/surveys/${surveyId}/servqual?unitId=${unit?.unitId}`,
    );
    expect(sq.n).toBe(unit?.n);
    await page.goto(`${server.url}/analytics/servqual?survey=${surveyId}&unit=${unit?.unitId}`);
    await page.getByTestId('sq-overall').waitFor();
    const pdf = await downloadPdf(page, 'Download PDF');
    const { pages, text } = inspect(pdf, 'servqual-en');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages[0]?.darkShare).toBeGreaterThan(0.01);
    expect(text).toContain('SERVQUAL gap report');
    expect(text).toContain(unit?.unitName as string);
    expect(text).toContain('All channels');
    const gap = fixed(sq.overall.gap, 'en', 2);
    expect(gap).toMatch(/^-?\d\.\d\d$/);
    expect(text).toContain(gap);
    expect(text).not.toContain('Informe de brechas');
    await ctx.close();
  });
});
