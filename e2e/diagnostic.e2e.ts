// Issue 16 on a fresh demo: the analyst opens the five-gap diagnostic of Oficina Bilbao Gran Vía,
// sees every gap from the branch's own data (no missing-evidence notice for gaps 1, 4, 5 and the
// causes), the ranked candidates and the action plan, and downloads the PDF in Spanish and in
// English. The PDF's pages are opened as images with poppler's pdftoppm (A4, not blank) and its
// text read with pdftotext. PDF_PAGES_DIR=<dir> keeps PNGs of the pages for a person to look at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed } from '../packages/web/src/lib/format';
import { launchBrowser, type RunningServer, startServer } from './harness';
import { downloadPdf, expectA4, inspectPdf } from './pdf';

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
    const pdf = await downloadPdf(page, 'Descargar PDF', /bilbao.*\.pdf$/);
    const { pages, text } = inspectPdf(pdf, 'diagnostic-es');
    expectA4(pages);
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
    const pdf = await downloadPdf(page, 'Download PDF', /bilbao.*\.pdf$/);
    const { pages, text } = inspectPdf(pdf, 'diagnostic-en');
    expectA4(pages);
    expect(text).toContain('Five-gap diagnostic');
    expect(text).toContain(fixed(d.gap5.data.overall.gap, 'en', 2));
    expect(text).toContain('Not kept');
    expect(text).not.toContain('Diagnóstico de las cinco');
    await ctx.close();
  }, 240_000);
});
