// Drill-down in a real browser on a fresh demo (issue 11): from the NPS report's bucket figure
// (promoters / passives / detractors, the largest one so the list needs several pages) click
// through to the responses page; its count is the figure the report showed, and "Load more"
// pages on (keyset pages in SQL) until every response is listed exactly once. Then the same
// from a SERVQUAL item's n.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int } from '../packages/web/src/lib/format';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';

describe('analytics drill-down: chart figure -> responses, page by page', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const api = async <T>(p: Page, path: string): Promise<T> =>
    (await p.evaluate(async (u) => (await fetch(u)).json(), path)) as T;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 1366, height: 900 },
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    await loginAsAdmin(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Clicks "Cargar más" until it is gone; the response ids shown, in order. */
  async function loadAll(expected: number): Promise<string[]> {
    const table = page.getByTestId('drill-table');
    const rows = table.locator('tbody tr');
    for (let i = 0; i < 100; i++) {
      const shown = Math.min(expected, 25 * (i + 1));
      await expect.poll(() => rows.count()).toBe(shown);
      const more = page.getByRole('button', { name: 'Cargar más' });
      if (shown >= expected) {
        expect(await more.count()).toBe(0);
        break;
      }
      await more.click();
    }
    return rows.allTextContents();
  }

  it('NPS: the bucket figure is the list count, and the pages list each response once', async () => {
    await page.goto(`${server.url}/analytics/nps`);
    await page.getByTestId('nps-drill-detractor').waitFor();
    const figures: Record<string, number> = {};
    for (const b of ['promoter', 'passive', 'detractor']) {
      const txt = (await page.getByTestId(`nps-drill-${b}`).textContent()) ?? '';
      figures[b] = Number(txt.replace(/\D/g, ''));
    }
    const [bucket, figure] = Object.entries(figures).sort((a, b) => b[1] - a[1])[0] as [
      string,
      number,
    ];
    expect(figure).toBeGreaterThan(50); // three pages of 25 at least
    const ids: string[] = [];
    page.on('response', async (r) => {
      if (!r.url().includes('/responses?')) return;
      const body = (await r.json().catch(() => null)) as {
        items?: { responseId: string }[];
      } | null;
      for (const x of body?.items ?? []) ids.push(x.responseId);
    });
    await page.getByTestId(`nps-drill-${bucket}`).click();
    await page.waitForURL((u) => u.pathname === '/analytics/responses');
    await expect
      .poll(() => page.getByTestId('drill-total').textContent())
      .toBe(`${int(figure, 'es')} respuestas`);
    const rows = await loadAll(figure);
    expect(rows).toHaveLength(figure);
    await expect.poll(() => ids.length).toBe(figure);
    expect(new Set(ids).size).toBe(figure);
    // the same list through the API in one go: the same responses in the same order
    const qs = new URL(page.url()).searchParams;
    const survey = qs.get('survey') as string;
    const metric = qs.get('metric') as string;
    const all = await api<{ total: number; items: { responseId: string }[] }>(
      page,
      `/api/analytics/surveys/${survey}/responses?metric=${metric}&bucket=${qs.get('bucket')}&limit=200`,
    );
    expect(all.total).toBe(figure);
    if (figure <= 200) expect(all.items.map((x) => x.responseId)).toEqual(ids);
  });

  it("SERVQUAL: an item's n is the list count", async () => {
    await page.goto(`${server.url}/analytics/servqual`);
    const a = page.getByRole('link', { name: /^Ver las \d+ respuestas del ítem/ }).first();
    await a.waitFor();
    const n = Number(((await a.textContent()) ?? '').replace(/\D/g, ''));
    expect(n).toBeGreaterThan(0);
    await a.click();
    await page.waitForURL((u) => u.pathname === '/analytics/responses');
    await expect
      .poll(() => page.getByTestId('drill-total').textContent())
      .toBe(`${int(n, 'es')} ${n === 1 ? 'respuesta' : 'respuestas'}`);
    expect(await loadAll(n)).toHaveLength(n);
  });
});
