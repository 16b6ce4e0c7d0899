// Issue 3's acceptance path, as a newcomer does it in a real browser: start the product as
// `npm start` does (fresh embedded database, demo organisation), log in with the one-time
// credentials it prints, import the CDNOW customer ids from a CSV through the wizard, find a
// customer, and switch the language.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, repoRoot, startServer } from './harness';

const CDNOW = resolve(repoRoot, '../shared/datasets/CDNOW_master.txt');

/** The distinct customer ids of CDNOW_master as a one-column CSV (23,570 rows). */
function cdnowIdsCsv(dir: string): { path: string; count: number } {
  const ids = new Set<string>();
  for (const line of readFileSync(CDNOW, 'utf8').split('\n')) {
    const id = line.trim().split(/\s+/)[0];
    if (id && /^\d+$/.test(id)) ids.add(id);
  }
  const path = join(dir, 'cdnow-customers.csv');
  writeFileSync(path, `customer_id\n${[...ids].join('\n')}\n`);
  return { path, count: ids.size };
}

describe('foundation: demo start, login, CDNOW import, find a customer', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fidelia-e2e-files-'));
    server = await startServer({}, { fresh: true }); // the real first start, not the snapshot
    browser = await launchBrowser();
    const ctx = await browser.newContext({ locale: 'es-ES', acceptDownloads: true });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URL and one-time admin credentials on first start', () => {
    expect(server.output()).toContain('listening on');
    expect(server.adminEmail).toMatch(/@/);
    expect(server.adminPassword.length).toBeGreaterThanOrEqual(12);
  });

  it('logs in with the printed credentials', async () => {
    await page.goto(server.url);
    await page.getByLabel('Correo electrónico').fill(server.adminEmail);
    await page.getByLabel('Contraseña').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // The demo organisation's customers are there.
    await page.getByRole('link', { name: 'Clientes' }).first().click();
    await page.getByRole('heading', { name: 'Clientes' }).waitFor();
    await page.getByText(/Mostrando \d+ de \d+/).waitFor();
  });

  it('imports the CDNOW customer ids through the wizard (preview, dry run, run)', async () => {
    const csv = cdnowIdsCsv(dir);
    expect(csv.count).toBe(23570);
    await page.goto(`${server.url}/customers/import`);
    await page.locator('input[type="file"]').setInputFiles(csv.path);
    await page.getByRole('button', { name: 'Subir y previsualizar' }).click();
    await page.getByText('customer_id').first().waitFor();
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('button', { name: 'Simular' }).click();
    const run = page.getByRole('button', { name: 'Importar ahora' });
    await expect.poll(async () => run.isEnabled(), { timeout: 120_000, interval: 500 }).toBe(true);
    await run.click();
    // Done: the summary shows 23,570 new customers and a link back to the list.
    await page.getByRole('link', { name: 'Ir a clientes' }).waitFor({ timeout: 150_000 });
    const body = await page.locator('main').textContent();
    expect((body ?? '').replace(/[.\s\u00a0\u202f]/g, '')).toContain('23570');
  });

  it('finds an imported customer by its id and opens the customer page', async () => {
    await page.goto(`${server.url}/customers`);
    await page.getByLabel('Buscar').fill('01234');
    await page
      .getByRole('row', { name: /01234/ })
      .getByRole('link')
      .first()
      .click({ timeout: 30_000 });
    await page.waitForURL(/\/customers\/[^/]+$/);
    await page.getByText('01234').first().waitFor();
  });

  it('switches the language to English and remembers it after a reload', async () => {
    // Mantine's SegmentedControl: a radio group labelled "Idioma"/"Language".
    await page.getByText('EN', { exact: true }).first().click();
    await page.getByRole('link', { name: 'Customers' }).first().waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Customers' }).first().waitFor();
  });
});
