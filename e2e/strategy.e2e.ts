// Issue 16's strategy workspace in a real browser on a fresh demo: the owner opens the
// workspace, sees the seeded triangle, rates a relationship (the diagram and the API follow),
// opens the needs -> attributes matrix of "Particulares", sets a cell, and on a phone the page
// does not scroll sideways while the matrix does.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';

const W = { timeout: 20_000 };

describe('strategy workspace', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const api = async <T>(path: string): Promise<T> =>
    page.evaluate(async (u) => (await fetch(u)).json(), path) as Promise<T>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'es-ES' })).newPage();
    await loginAsAdmin(page, server);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('rates a triangle relationship and the diagram shows it', async () => {
    await page.getByRole('link', { name: 'Estrategia' }).click();
    await page.waitForURL(/\/strategy\/triangle/);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Estrategia de servicio' }).count(), W)
      .toBe(1);
    // the demo triangle: Cliente – Gente scored 4
    const edge = page.locator('svg [role="button"][aria-label^="Cliente – Gente"]');
    expect(await edge.getAttribute('aria-label')).toBe('Cliente – Gente: 4 / 5');
    await edge.click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Cliente – Gente', level: 2 }).count(), W)
      .toBe(1);
    await page
      .getByRole('radiogroup', { name: 'Puntuación' })
      .getByText('2', { exact: true })
      .click();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => edge.getAttribute('aria-label'), W).toBe('Cliente – Gente: 2 / 5');
    const tri = await api<{ items: { relation: string; score: number | null }[] }>(
      '/api/strategy/triangle',
    );
    expect(tri.items.find((e) => e.relation === 'customer_people')?.score).toBe(2);
  });

  it('shows the needs -> attributes matrix and sets a cell', async () => {
    await page.goto(`${server.url}/strategy/needs?segment=Particulares`);
    const matrix = page.getByTestId('strategy-matrix');
    await expect
      .poll(() => matrix.getByText('Operar a cualquier hora desde el móvil').count(), W)
      .toBe(1);
    await expect
      .poll(
        () => matrix.getByRole('columnheader', { name: 'Aplicación móvil para operar' }).count(),
        W,
      )
      .toBe(1);
    // the Kano survey suggests the app is a basic attribute (must-be)
    expect(await matrix.getByText('Obligatorio (n = 72)').count()).toBe(1);
    const count = async () =>
      (await api<{ cells: unknown[] }>('/api/strategy/matrix?segment=Particulares')).cells.length;
    const before = await count();
    const cell = matrix.getByLabel(
      'Relación entre «Horario compatible con el trabajo» y Aplicación móvil para operar',
    );
    await cell.selectOption('1');
    await expect.poll(count, W).toBe(before + 1);
    await expect.poll(() => cell.inputValue(), W).toBe('1');
  });

  it('fits a phone: the page does not scroll sideways, the matrix does', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/strategy/needs?segment=Particulares`);
    const matrix = page.getByTestId('strategy-matrix');
    await expect.poll(() => matrix.count(), W).toBe(1);
    await expect.poll(() => matrix.getByText('Sentirse seguro con su dinero').count(), W).toBe(1);
    const doc = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(doc).toBeLessThanOrEqual(391);
    const inner = await matrix.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(inner[0]).toBeGreaterThan(inner[1] as number);
  });
});
