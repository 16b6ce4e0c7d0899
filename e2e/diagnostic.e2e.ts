// Issue 16 on a fresh demo: the analyst opens the five-gap diagnostic of Oficina Bilbao Gran Vía,
// sees every gap from the branch's own data (no missing-evidence notice for gaps 1, 4, 5 and the
// causes), the ranked candidates and the action plan, and downloads the PDF in Spanish and in
// English. The PDF's pages are opened as images with poppler's pdftoppm (A4, not blank) and its
// text read with pdftotext. PDF_PAGES_DIR=<dir> keeps PNGs of the pages for a person to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed } from '../packages/web/src/lib/format';
import { launchBrowser, type RunningServer, startServer } from './harness';

function inspect(pdf: Buffer, keepAs: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fidelia-diag-e2e-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '50', '-gray', file, join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const b = readFileSync(join(dir, f));
        const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(b.subarray(0, 64).toString('latin1'));
        if (!m) throw new Error('not a PGM');
        const width = Number(m[1]);
        const height = Number(m[2]);
        const px = b.subarray(m[0].length);
        let dark = 0;
        for (const v of px) if (v < 128) dark++;
        return { width, height, darkShare: dark / (width * height) };
      });
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    if (process.env.PDF_PAGES_DIR) {
      mkdirSync(process.env.PDF_PAGES_DIR, { recursive: true });
      execFileSync('pdftoppm', ['-r', '80', '-png', file, join(process.env.PDF_PAGES_DIR, keepAs)]);
    }
    return { pages, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('five-gap diagnostic (demo data, real server, Chromium, poppler)', () => {
  let server: RunningServer;
  let browser: Browser;
  let unitId: string;

  async function open(locale: string): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ locale, acceptDownloads: true });
    const r = await ctx.request.post(`${server.url}/api/auth/login`, {
      data: { email: server.adminEmail, password: server.adminPassword },
    });
    expect(r.status(), await r.text()).toBe(200);
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    return { ctx, page };
  }
  async function downloadPdf(page: Page, label: string): Promise<Buffer> {
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByRole('button', { name: label }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/bilbao.*\.pdf$/);
    return readFileSync(await dl.path());
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Spanish: all five gaps of the branch, candidates, actions and the PDF', async () => {
    const { ctx, page } = await open('es-ES');
    type Unit = { id: string; name: string };
    const units = (await (await ctx.request.get(`${server.url}/api/org-units`)).json()) as
      | Unit[]
      | { items?: Unit[] };
    const list: Unit[] = Array.isArray(units) ? units : (units.items ?? []);
    unitId = list.find((u) => u.name === 'Oficina Bilbao Gran Vía')?.id as string;
    expect(unitId).toBeTruthy();
    const d = await (await ctx.request.get(`${server.url}/api/diagnostic?unitId=${unitId}`)).json();
    for (const k of ['gap5', 'gap1', 'gap4', 'causes']) expect(d[k].status, k).toBe('ok');
    await page.goto(`${server.url}/diagnostic?unitId=${unitId}`);
    await page.getByRole('heading', { name: 'Brecha 5' }).waitFor();
    await page.getByText('Acciones propuestas, por prioridad').waitFor();
    expect(await page.locator('[data-missing="no_servqual_answers"]').count()).toBe(0);
    expect(await page.locator('[data-missing="no_manager_answers"]').count()).toBe(0);
    await page.getByText('No se cumple').first().waitFor();
    expect(await page.locator('[data-candidate]').count()).toBeGreaterThan(2);
    const pdf = await downloadPdf(page, 'Descargar PDF');
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const { pages, text } = inspect(pdf, 'diagnostic-es');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const p of pages) {
      expect(Math.abs(p.width - 413)).toBeLessThanOrEqual(3);
      expect(Math.abs(p.height - 585)).toBeLessThanOrEqual(3);
      expect(p.darkShare).toBeLessThan(0.5);
    }
    expect(pages[0]?.darkShare).toBeGreaterThan(0.01);
    expect(text).toContain('Diagnóstico de las cinco brechas');
    expect(text).toContain('Oficina Bilbao Gran Vía');
    expect(text).toContain(fixed(d.gap5.data.overall.gap, 'es', 2));
    expect(text).toContain(fixed(d.gap1.data.overall.gap, 'es', 2));
    expect(text).toContain('No se cumple');
    expect(text).toContain('Acciones propuestas, por prioridad');
    // the action plan page lists the demo's closed action with the next period's gap 5
    await page.goto(`${server.url}/diagnostic/actions`);
    await page.locator('[data-action="done"]').first().waitFor();
    await ctx.close();
  }, 240_000);

  it('English: the same branch, texts and numbers in English', async () => {
    const { ctx, page } = await open('en-US');
    const d = await (await ctx.request.get(`${server.url}/api/diagnostic?unitId=${unitId}`)).json();
    await page.goto(`${server.url}/diagnostic?unitId=${unitId}`);
    await page.getByRole('heading', { name: 'Gap 5' }).waitFor();
    const pdf = await downloadPdf(page, 'Download PDF');
    const { pages, text } = inspect(pdf, 'diagnostic-en');
    expect(pages[0]?.darkShare).toBeGreaterThan(0.01);
    expect(text).toContain('Five-gap diagnostic');
    expect(text).toContain(fixed(d.gap5.data.overall.gap, 'en', 2));
    expect(text).toContain('Not kept');
    expect(text).not.toContain('Diagnóstico de las cinco');
    await ctx.close();
  }, 240_000);
});
