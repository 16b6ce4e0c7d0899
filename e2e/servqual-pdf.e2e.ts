// Issue 11's PDF report on a fresh demo: a manager opens the SERVQUAL gap report, presses
// "Descargar PDF" / "Download PDF", and gets a real PDF printed by the server's Chromium. Its
// pages are turned into images with poppler's pdftoppm (not blank, A4-sized) and its text read
// with pdftotext: the survey name, the filters in words and the API's numbers in the UI's locale.
// PDF_PAGES_DIR=<dir> keeps PNGs of the pages for a person to look at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed } from '../packages/web/src/lib/format';
import { launchBrowser, type RunningServer, startServer } from './harness';
import { downloadPdf, expectA4, inspectPdf } from './pdf';

interface TServqual {
  n: number;
  overall: { gap: number | null; weightedGap: number | null };
  dimensions: { dimension: string; gap: number | null }[];
}
interface TLeague {
  units: { unitId: string; unitName: string; n: number; gap: number | null }[];
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
    const { pages, text } = inspectPdf(pdf, 'servqual-es');
    // A4 pages; the first carries title, tiles, chart and tables: clearly inked, not a black box
    expectA4(pages);
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
    const { pages, text } = inspectPdf(pdf, 'servqual-en');
    expectA4(pages);
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
