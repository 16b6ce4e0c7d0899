// Issue 15's done-when path in a real browser: a mystery visit with a failed critical item is
// recorded for a branch (fieldwork API), and the branch's scorecard shows its score, the
// critical failure and the corrective action it opened beside the survey results; with a single
// visit the mystery figure says "not enough data" instead of a number. Then the monthly board
// (demo recognitions) at phone width without sideways scrolling.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { num, pct } from '../packages/web/src/lib/format';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';

describe('performance: unit scorecard with the mystery visit beside the survey results', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

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

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'es-ES' })).newPage();
    page.setDefaultTimeout(30_000);
    await loginAsAdmin(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the mystery score, the critical failure and the corrective action', async () => {
    const units = await api<{ items: { id: string; name: string }[] }>(
      page,
      'GET',
      '/api/org-units',
    );
    const sol = units.items.find((u) => u.name === 'Oficina Madrid Sol');
    expect(sol).toBeTruthy();
    const checklist = await api<{ id: string }>(page, 'POST', '/api/fieldwork/checklists', {
      name: 'Cliente misterioso oficinas',
      items: [
        { key: 'saludo', section: 'Acogida', label: 'Saluda al cliente', type: 'yesno' },
        {
          key: 'identidad',
          section: 'Seguridad',
          label: 'Comprueba la identidad antes de operar',
          type: 'yesno',
          critical: true,
        },
      ],
    });
    const end = new Date(Date.now() - 60_000);
    const start = new Date(end.getTime() - 20 * 60_000);
    await api(page, 'POST', '/api/fieldwork/audits', {
      id: randomUUID(),
      checklistId: checklist.id,
      kind: 'mystery',
      unitId: sol?.id,
      startedAt: start.toISOString(),
      endedAt: end.toISOString(),
      answers: [
        { key: 'saludo', value: true },
        { key: 'identidad', value: false },
      ],
    });

    await page.goto(`${server.url}/performance/units`);
    await page.getByRole('heading', { name: 'Desempeño y reconocimiento' }).waitFor();
    await page.locator('#main').getByRole('combobox', { name: 'Unidad' }).click();
    await page.getByRole('option', { name: 'Oficina Madrid Sol' }).click();
    const visits = page.getByTestId('latest-visits');
    await visits.waitFor();
    // the visit: mystery shopping, final score 0 % (critical failure), a critical action
    await expect.poll(() => visits.textContent()).toContain('Cliente misterioso');
    expect(await visits.textContent()).toContain('Fallo crítico');
    expect(await visits.textContent()).toContain(pct(0, 'es', 1));
    const actions = page.getByTestId('visit-actions');
    expect(await actions.textContent()).toContain('Acciones correctoras');
    expect(await actions.textContent()).toContain('Comprueba la identidad');
    // one visit is below the minimum of 5: no figure, "not enough data"
    const mystery = page.getByTestId('tile-mystery');
    expect(await mystery.textContent()).toContain('Datos insuficientes');
    expect(await mystery.textContent()).toContain(`Visitas con fallo crítico: ${pct(1, 'es', 1)}`);
    // beside it, the survey results the API has for the branch
    const from = new Date();
    from.setUTCMonth(from.getUTCMonth() - 11, 1);
    const card = await api<{ surveys: { nps: { n: number; value: number; enough: boolean } } }>(
      page,
      'GET',
      `/api/performance/scorecard?unitId=${sol?.id}&from=${from.toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`,
    );
    const npsTile = page.getByTestId('tile-nps');
    if (card.surveys.nps.enough)
      expect(await page.getByTestId('tile-nps-value').textContent()).toBe(
        num(card.surveys.nps.value, 'es', 1),
      );
    else if (card.surveys.nps.n > 0)
      expect(await npsTile.textContent()).toContain('Datos insuficientes');
    else expect(await npsTile.textContent()).toContain('Sin datos');
  });

  it('shows the monthly board at phone width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const prev = new Date();
    prev.setUTCMonth(prev.getUTCMonth() - 1, 1);
    const period = prev.toISOString().slice(0, 7);
    const board = await api<{ awards: { userName: string }[] }>(
      page,
      'GET',
      `/api/performance/board?period=${period}`,
    );
    expect(board.awards.length).toBeGreaterThan(0); // the demo's recognitions of last month
    await page.goto(`${server.url}/performance/board`);
    await page.getByRole('combobox', { name: 'Mes' }).click();
    await page.getByRole('option').nth(1).click();
    await page
      .getByText(board.awards[0]?.userName ?? '')
      .first()
      .waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
