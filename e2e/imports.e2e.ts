// The shared import wizard on the two screens the foundation test does not walk: transactions
// (no trial run: upload → columns → run → summary with rejected rows, their CSV, start over) and
// survey responses (upload → columns → trial with rejected rows → import), in the browser
// against the demo organisation.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

describe('import wizard: transactions and survey responses', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fidelia-e2e-imports-'));
    server = await startServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext({ locale: 'es-ES', acceptDownloads: true });
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
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const getJson = (url: string) =>
    page.evaluate((u) => fetch(u).then((r) => r.json()), url) as Promise<unknown>;

  it('imports transactions: columns, run, counts, rejected rows in words, CSV, start over', async () => {
    const list = (await getJson('/api/customers?limit=2')) as {
      items: Array<{ externalId: string | null }>;
    };
    const ext = list.items.map((c) => c.externalId).find(Boolean) as string;
    const file = join(dir, 'tx.csv');
    writeFileSync(
      file,
      `customer_id,date,amount\n${ext},2024-03-01,25.50\nNOPE,2024-03-03,10\n${ext},2099-01-01,5\n`,
    );
    await page.goto(`${server.url}/retention/data`);
    await page.locator('input[type="file"]').first().setInputFiles(file);
    await page.getByRole('button', { name: 'Subir', exact: true }).click();
    // The columns step: what each header was recognised as, and the first rows.
    await page.getByText('customer_id → cliente').waitFor();
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    await page.getByText('Importación terminada.').waitFor({ timeout: 60_000 });
    const table = page.getByRole('table').filter({ hasText: 'Motivo' });
    await table.getByText('cliente desconocido').waitFor();
    await table.getByText('fecha futura').waitFor();
    // No internal codes on screen.
    expect(await table.textContent()).not.toContain('unknown_customer');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar rechazos' }).first().click(),
    ]);
    const csv = readFileSync((await dl.path()) as string, 'utf8');
    expect(csv).toContain('unknown_customer');
    expect(csv).toContain('future_date');
    await page.getByRole('button', { name: 'Importar otro archivo' }).click();
    await page.getByRole('button', { name: 'Subir', exact: true }).waitFor();
  });

  it('imports survey responses: trial with rejected rows, then the real run', async () => {
    const surveys = (await getJson('/api/surveys')) as
      | Array<{ id: string; publishedVersion: number | null }>
      | { items: Array<{ id: string; publishedVersion: number | null }> };
    const items = Array.isArray(surveys) ? surveys : surveys.items;
    const id = items.find((s) => s.publishedVersion)?.id as string;
    expect(id).toBeTruthy();
    const file = join(dir, 'responses.csv');
    writeFileSync(
      file,
      'respondent_id,submitted_at\nR1,2024-01-10T10:00:00Z\nR1,2024-01-11T10:00:00Z\n',
    );
    await page.goto(`${server.url}/surveys/${id}/import`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Subir y revisar' }).click();
    await page.getByRole('button', { name: 'Probar sin guardar' }).click();
    const table = page.getByRole('table').filter({ hasText: 'Motivo' });
    await table.getByText(/Encuestado repetido/).waitFor({ timeout: 60_000 });
    const run = page.getByRole('button', { name: 'Importar', exact: true });
    await expect.poll(() => run.isEnabled(), { timeout: 60_000 }).toBe(true);
    await run.click();
    await page.getByText('Importación terminada.').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: /Ver respuestas/ }).waitFor();
  });
});
