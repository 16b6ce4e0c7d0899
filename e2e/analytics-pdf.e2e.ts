// Issue 11's dashboard PDFs on a fresh demo, beyond SERVQUAL: on the overview, NPS/CSAT,
// priorities and complaints pages "Descargar PDF" / "Download PDF" downloads a real PDF printed
// by the server's Chromium; its pages are A4 images that are not blank (pdftoppm) and its text
// (pdftotext) carries the JSON routes' numbers for the same filters, in the UI's locale.
// PDF_PAGES_DIR=<dir> keeps PNGs of the pages for a person to look at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed, int, num, pct } from '../packages/web/src/lib/format';
import { launchBrowser, type RunningServer, startServer } from './harness';
import { downloadPdf, expectA4, inspectPdf } from './pdf';

describe('dashboard PDFs (demo data, real server, Chromium, poppler)', () => {
  let server: RunningServer;
  let browser: Browser;
  const ids = { nps: '', servqual: '' };

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
  const getJson = async <T>(ctx: BrowserContext, path: string): Promise<T> => {
    const r = await ctx.request.get(`${server.url}${path}`);
    expect(r.status(), path).toBe(200);
    return (await r.json()) as T;
  };
  /** pdftotext's layout with runs of spaces and line breaks as one space; the space before
   *  "%" (a no-break space in Spanish) dropped, as pdftotext sometimes does */
  const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/ %/g, '%');

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('overview in Spanish and English: headline figures as /overview answers them', async () => {
    for (const [locale, lang, label, title] of [
      ['es-ES', 'es', 'Descargar PDF', 'Resumen de la experiencia de cliente'],
      ['en-US', 'en', 'Download PDF', 'Customer experience overview'],
    ] as const) {
      const { ctx, page } = await open(locale);
      const o = await getJson<{
        responses: number;
        nps: { value: number | null };
        csat: { value: number | null };
      }>(ctx, '/api/analytics/overview');
      await page.goto(`${server.url}/analytics/overview`);
      await page.getByTestId('tile-nps-value').waitFor();
      const pdf = await downloadPdf(page, label, /^(resumen-cx|cx-overview)-.*\.pdf$/);
      const { pages, text } = inspectPdf(pdf, `overview-${lang}`);
      expectA4(pages);
      const t = flat(text);
      expect(t).toContain(title);
      expect(t).toContain(num(o.nps.value, lang, 1));
      expect(t).toContain(flat(pct(o.csat.value, lang, 1)));
      expect(t).toContain(int(o.responses, lang));
      if (lang === 'en') expect(t).not.toContain('Resumen de la experiencia');
      await ctx.close();
    }
  }, 300_000);

  it('NPS in Spanish: the NPS and each unit’s as /nps?groupBy=unit answers them', async () => {
    const { ctx, page } = await open('es-ES');
    const list = await getJson<{ items: { id: string; template: string | null }[] }>(
      ctx,
      '/api/surveys',
    );
    ids.nps = list.items.find((s) => s.template === 'nps_relational')?.id as string;
    ids.servqual = list.items.find((s) => s.template === 'servqual')?.id as string;
    const n = await getJson<{ nps: number; groups: { group: string; nps: number | null }[] }>(
      ctx,
      `/api/analytics/surveys/${ids.nps}/nps?groupBy=unit`,
    );
    await page.goto(`${server.url}/analytics/nps?survey=${ids.nps}`);
    await page.getByTestId('nps-value').waitFor();
    const pdf = await downloadPdf(page, 'Descargar PDF', /^informe-nps-.*\.pdf$/);
    const { pages, text } = inspectPdf(pdf, 'nps-es');
    expectA4(pages);
    const t = flat(text);
    expect(t).toContain('Informe de NPS');
    expect(t).toContain(num(n.nps, 'es', 1));
    expect(t).toContain('Evolución por mes');
    expect(n.groups.length).toBeGreaterThan(1);
    for (const g of n.groups) if (g.nps !== null) expect(t).toContain(num(g.nps, 'es', 1));
    await ctx.close();
  }, 240_000);

  it('priorities in English: the IPA grid’s performance figures as /ipa answers them', async () => {
    const { ctx, page } = await open('en-US');
    const ipa = await getJson<{ attributes: { performance: number }[] }>(
      ctx,
      `/api/analytics/surveys/${ids.servqual}/ipa`,
    );
    await page.goto(`${server.url}/analytics/priorities?survey=${ids.servqual}`);
    await page.getByRole('heading', { name: 'Importance–performance grid' }).waitFor();
    const pdf = await downloadPdf(page, 'Download PDF', /^priorities-report-.*\.pdf$/);
    const { pages, text } = inspectPdf(pdf, 'priorities-en');
    expectA4(pages);
    const t = flat(text);
    expect(t).toContain('Priorities report');
    expect(t).toContain('Reliability');
    for (const a of ipa.attributes) expect(t).toContain(fixed(a.performance, 'en', 2));
    await ctx.close();
  }, 240_000);

  it('complaints in Spanish: totals and SLA as /complaints answers them', async () => {
    const { ctx, page } = await open('es-ES');
    const c = await getJson<{
      total: number;
      sla: { total: number; compliance: number | null }[];
    }>(ctx, '/api/analytics/complaints?period=month');
    await page.goto(`${server.url}/analytics/complaints`);
    await page.getByTestId('complaints-total').waitFor();
    const pdf = await downloadPdf(page, 'Descargar PDF', /^informe-reclamaciones\.pdf$/);
    const { pages, text } = inspectPdf(pdf, 'complaints-es');
    expectA4(pages);
    const t = flat(text);
    expect(t).toContain('Informe de reclamaciones');
    expect(t).toContain(int(c.total, 'es'));
    for (const s of c.sla)
      if (s.total > 0 && s.compliance !== null)
        expect(t).toContain(flat(pct(s.compliance, 'es', 0)));
    await ctx.close();
  }, 240_000);
});
