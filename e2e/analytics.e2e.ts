// Issue 11's done-when path in a real browser: a CX manager (an analyst) logs in on a fresh demo,
// lands on the analytics overview, opens the SERVQUAL gap report of the demo survey and reads
// the same numbers the API answers, formatted the Spanish way by the app's one format helper.
// Then the report at phone width: no sideways scrolling, the items still readable.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed, num } from '../packages/web/src/lib/format';
import { launchBrowser, type RunningServer, startServer } from './harness';

interface TServqual {
  n: number;
  items: { item: string; gap: number | null }[];
  dimensions: { dimension: string; gap: number | null }[];
  overall: { gap: number | null; weightedGap: number | null };
}

describe('analytics: overview on login, SERVQUAL gap report of the demo survey', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const manager = {
    email: 'gestora.cx@bancohorizonte.es',
    name: 'Gestora CX',
    password: 'Analitica-2026-segura',
  };

  /** JSON API call from a logged-in page (session cookie + CSRF token) */
  const api = async <T>(p: Page, method: string, path: string, body?: unknown): Promise<T> => {
    const r = await p.evaluate(
      async ([m, u, b]) => {
        const s = (await (await fetch('/api/auth/session')).json()) as { csrfToken?: string };
        const res = await fetch(u as string, {
          method: m as string,
          headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken ?? '' },
          ...(b === undefined ? {} : { body: JSON.stringify(b) }),
        });
        return { status: res.status, json: await res.json().catch(() => null) };
      },
      [method, path, body] as const,
    );
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.json)}`).toBeLessThan(300);
    return r.json as T;
  };

  const login = async (p: Page, email: string, password: string) => {
    await p.goto(`${server.url}/login`);
    await p.getByLabel('Correo electrónico').fill(email);
    await p.getByLabel('Contraseña').fill(password);
    await p.getByRole('button', { name: 'Entrar' }).click();
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Setup through the API: the demo admin adds the CX manager's account.
    const admin = await (await browser.newContext({ locale: 'es-ES' })).newPage();
    await login(admin, server.adminEmail, server.adminPassword);
    await api(admin, 'POST', '/api/users', { ...manager, role: 'analyst' });
    await admin.context().close();
    const ctx = await browser.newContext({ locale: 'es-ES' });
    // Injected by the browser itself, so the page's CSP does not apply to this listener.
    await ctx.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lands on the overview after login, with the NPS of the last 30 days as the API has it', async () => {
    await login(page, manager.email, manager.password);
    await page.waitForURL((u) => u.pathname === '/analytics/overview');
    await page.getByRole('tab', { name: 'Resumen', selected: true }).waitFor();
    const value = page.getByTestId('tile-nps-value');
    await value.waitFor();
    const o = await api<{ nps: { value: number | null; n: number } }>(
      page,
      'GET',
      '/api/analytics/overview',
    );
    expect(o.nps.n).toBeGreaterThan(0); // the demo has answers in the last 30 days
    expect(await value.textContent()).toBe(num(o.nps.value, 'es', 1));
    // each headline opens its report
    expect(await page.getByTestId('tile-servqualGap').getAttribute('href')).toMatch(
      /^\/analytics\/servqual/,
    );
  });

  it('opens the SERVQUAL gap report of the demo survey and shows the API numbers', async () => {
    await page.getByRole('tab', { name: 'Brechas SERVQUAL' }).click();
    await page.getByRole('heading', { name: 'Informe de brechas SERVQUAL' }).waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Encuesta' }).inputValue())
      .toBe('SERVQUAL oficinas 2026');
    const surveys = await api<{ items: { id: string; template: string | null }[] }>(
      page,
      'GET',
      '/api/surveys',
    );
    const id = surveys.items.find((s) => s.template === 'servqual')?.id;
    const sq = await api<TServqual>(page, 'GET', `/api/analytics/surveys/${id}/servqual`);
    expect(sq.n).toBe(180); // the demo seeds 180 SERVQUAL responses
    await page.getByTestId('sq-overall').waitFor();
    expect(await page.getByTestId('sq-n').textContent()).toBe('180');
    expect(await page.getByTestId('sq-overall').textContent()).toBe(fixed(sq.overall.gap, 'es', 2));
    expect(await page.getByTestId('sq-weighted').textContent()).toBe(
      fixed(sq.overall.weightedGap, 'es', 2),
    );
    const reliability = sq.dimensions.find((d) => d.dimension === 'reliability');
    expect(await page.getByTestId('sq-gap-reliability').textContent()).toBe(
      fixed(reliability?.gap, 'es', 2),
    );
    // Spanish decimals: a comma, never a point
    expect(await page.getByTestId('sq-overall').textContent()).toMatch(/^-\d,\d\d$/);
    // The worst item comes first, by its wording (not a code), with its gap.
    const worst = [...sq.items].sort((a, b) => (a.gap ?? 0) - (b.gap ?? 0))[0];
    const firstRow = page.locator('table').last().locator('tbody tr').first();
    expect(await firstRow.textContent()).toContain(fixed(worst?.gap, 'es', 2));
    expect(await firstRow.textContent()).not.toMatch(/servqual:|sq_p/);
    // The branch league table lists the demo branches.
    await page.getByRole('heading', { name: 'Clasificación de oficinas' }).waitFor();
  });

  it('is usable at 390 px: no sideways scrolling, the items listed', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('sq-overall').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByText('La empresa realiza bien el servicio la primera vez.').first().waitFor();
  });

  it('draws the chart reports (Recharts) under the Content-Security-Policy', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    for (const [tab, heading] of [
      ['NPS y CSAT', 'Evolución'],
      ['Prioridades', 'Matriz importancia–desempeño'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.locator('.recharts-surface').first().waitFor();
    }
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });
});
