// Issue 15 (standards part) in a real browser: on the fresh demo the bank-branch catalogue is
// loaded and linked to SERVQUAL items; the coverage view (gap 2) lists an important item without
// a standard; the quality analyst creates a standard for it from that row (linked to the item,
// with a target and owner), sees it with its version, and the item leaves the coverage findings.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';

interface TCoverage {
  uncovered: { item: number; status: string }[];
  items: { item: number; standards: { code: string }[] }[];
}

describe('standards: create a standard linked to a SERVQUAL item, see it in coverage', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const getJson = <T>(path: string) =>
    page.evaluate(async (u) => (await (await fetch(u)).json()) as unknown, path) as Promise<T>;

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

  it('shows the demo catalogue by moment', async () => {
    await page.getByRole('link', { name: 'Estándares' }).click();
    await page.waitForURL('**/standards/catalogue');
    await expect
      .poll(() => page.getByRole('link', { name: 'Espera en cola inferior a 5 minutos' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Tiempo de espera' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
  });

  it('creates a standard for an uncovered important item and coverage takes it off', async () => {
    const before = await getJson<TCoverage>('/api/standards/coverage');
    const target = before.uncovered.find((i) => i.status === 'none');
    expect(target, JSON.stringify(before.uncovered)).toBeDefined();
    const k = (target as { item: number }).item;

    await page.getByRole('tab', { name: 'Cobertura (brecha 2)' }).click();
    await page.waitForURL('**/standards/coverage');
    const row = page.getByRole('row').filter({ hasText: `Ítem ${k} ·` });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await row.getByRole('link', { name: 'Crear estándar' }).click();
    await page.waitForURL(`**/standards/new?item=${k}`);

    await page.getByLabel('Código').fill('OF-90');
    await page.getByRole('combobox', { name: 'Momento del servicio' }).click();
    await page.getByRole('option', { name: 'Saludo y acogida' }).click();
    await page.getByLabel('Nombre (español)').fill('Estándar de prueba para el ítem');
    await page.getByLabel('Nombre (inglés)').fill('Test standard for the item');
    await page.getByLabel('Objetivo máximo').fill('3');
    await page.getByLabel('Unidad de medida (español)').fill('min');
    await page.getByLabel('Puesto responsable').fill('Director de oficina');
    // the item chosen in coverage comes ticked, with its wording
    await expect
      .poll(() => page.getByRole('checkbox', { name: new RegExp(`^Ítem ${k} · `) }).isChecked(), {
        timeout: 10_000,
      })
      .toBe(true);
    await page.getByRole('button', { name: 'Crear estándar' }).click();
    await page.waitForURL(/\/standards\/s\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Estándar de prueba para el ítem' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await expect
      .poll(() => page.getByText('Versión 1').first().count(), { timeout: 30_000 })
      .toBe(1);
    await expect.poll(() => page.getByText('≤ 3 min').count(), { timeout: 30_000 }).toBe(1);

    const after = await getJson<TCoverage>('/api/standards/coverage');
    expect(after.uncovered.map((i) => i.item)).not.toContain(k);
    expect(after.items.find((i) => i.item === k)?.standards.map((s) => s.code)).toEqual(['OF-90']);
    await page.goto(`${server.url}/standards/coverage`);
    await expect
      .poll(() => page.getByRole('heading', { name: /Ítems importantes sin estándar/ }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    // the heading shows once the report is in; only then is "no row" meaningful
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: `Ítem ${k} ·` })
        .count(),
    ).toBe(0);
  });
});
