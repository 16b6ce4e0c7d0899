// Issue 12's customer timeline in a real browser against the demo data: a demo customer with a
// survey answer, a complaint (and its state changes) and a purchase shows them all in the page's
// timeline, in words,
// and the complaint's entry leads to its case page. With E2E_SCREENSHOTS=<dir>, the customer
// page and the audit log are saved in es and en at 1366 and 390 px for review.
import type { TTimelinePage } from '@fidelia/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

const SHOTS = process.env.E2E_SCREENSHOTS;

describe('customer 360: the timeline of a demo customer', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let customerId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 1366, height: 900 },
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(server.url);
    await page.getByLabel('Correo electrónico').fill(server.adminEmail);
    await page.getByLabel('Contraseña').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const get = async <T>(path: string): Promise<T> => {
    const r = await page.request.get(`${server.url}${path}`);
    if (!r.ok()) throw new Error(`GET ${path}: ${r.status()}`);
    return (await r.json()) as T;
  };

  it('finds a demo customer with a response, a complaint and a purchase', async () => {
    const list = await get<{ items: Array<{ id: string }> }>('/api/customers?limit=200');
    for (const c of list.items) {
      const tl = await get<TTimelinePage>(`/api/customers/${c.id}/timeline?limit=100`);
      const types = new Set(tl.items.map((i) => i.type));
      if (
        types.has('survey.response') &&
        types.has('complaint') &&
        types.has('complaint.status') &&
        types.has('retention.purchase')
      ) {
        customerId = c.id;
        break;
      }
    }
    expect(customerId).not.toBe('');
  });

  it('shows them in the timeline and follows the complaint to its case page', async () => {
    await page.goto(`${server.url}/customers/${customerId}`);
    const timeline = page.getByRole('region', { name: 'Historial' });
    // Older entries are one click away; the demo customer's three kinds may span pages.
    const more = page.getByRole('button', { name: 'Ver entradas anteriores' });
    const seen = async () =>
      (await timeline.getByText('Respondió una encuesta').count()) > 0 &&
      (await timeline.getByText(/^Reclamación:/).count()) > 0 &&
      // each state change of a case is an entry of its own, from → to in words
      (await timeline.getByText(/^Reclamación: cambio de estado/).count()) > 0 &&
      (await timeline.getByText(/^(Recibida|Acusada|Evaluada|En investigación) → /).count()) > 0 &&
      (await timeline.getByText('Compra', { exact: true }).count()) > 0;
    await timeline.waitFor();
    while (!(await seen()) && (await more.count()) > 0) {
      await more.click();
      await page.waitForLoadState('networkidle');
    }
    expect(await seen()).toBe(true);
    await expect
      .poll(() => timeline.getByText(/^system$|^customer$|customer\.created/).count())
      .toBe(0);
    if (SHOTS) await shots('customer');
    const link = timeline.getByRole('link', { name: /^Abrir el caso / }).first();
    const ref = ((await link.textContent()) ?? '').replace('Abrir el caso ', '');
    await link.click();
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    await page.getByText(ref).first().waitFor();
  });

  it('shows the audit log in words (screenshots only)', async () => {
    if (!SHOTS) return;
    await page.goto(`${server.url}/admin/audit`);
    await page.getByText('Ver detalles técnicos (JSON)').first().waitFor();
    await shots('audit');
  });

  /** es and en, 1366 and 390 px, back to es at 1366 afterwards. */
  async function shots(name: string) {
    for (const lang of ['es', 'en'] as const) {
      await page.evaluate(`localStorage.setItem('fidelia_lang', '${lang}')`);
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.reload();
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `${SHOTS}/${name}-${lang}-${width}.png`, fullPage: true });
      }
    }
    await page.evaluate(`localStorage.setItem('fidelia_lang', 'es')`);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
});
