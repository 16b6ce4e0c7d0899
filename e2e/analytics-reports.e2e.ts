// Issue 11's added reports in a real browser on a fresh demo: the complaints tab shows the API's
// total and its Pareto downloads as an XLSX that a spreadsheet library reads back (words, the
// same counts); the internal-customers tab shows the matrix of the demo answers; the digest
// switch on the overview persists.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int } from '../packages/web/src/lib/format';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';

describe('analytics: complaints and internal-customer reports, digest switch', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const api = async <T>(p: Page, path: string): Promise<T> =>
    (await p.evaluate(async (u) => (await fetch(u)).json(), path)) as T;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'es-ES', acceptDownloads: true })).newPage();
    page.setDefaultTimeout(30_000);
    await loginAsAdmin(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('complaints tab: the API total, and the Pareto as XLSX in words', async () => {
    await page.getByRole('tab', { name: 'Reclamaciones' }).click();
    await page.getByRole('heading', { name: 'Pareto de causas raíz' }).waitFor();
    const r = await api<{ total: number; pareto: { cause: string; count: number }[] }>(
      page,
      '/api/analytics/complaints?period=month',
    );
    expect(r.total).toBeGreaterThan(0);
    expect(r.pareto.length).toBeGreaterThan(0);
    expect(await page.getByTestId('complaints-total').textContent()).toBe(int(r.total, 'es'));
    const pareto = page.locator('section', {
      has: page.getByRole('heading', { name: 'Pareto de causas raíz' }),
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      pareto.getByRole('button', { name: 'Descargar XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('reclamaciones-pareto-causas.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(1).value).toBe('Causa raíz');
    expect(ws?.getRow(2).getCell(1).value).toBe(r.pareto[0]?.cause);
    expect(ws?.getRow(2).getCell(2).value).toBe(r.pareto[0]?.count);
  });

  it('internal customers tab: the demo matrix, rows by serving unit', async () => {
    await page.getByRole('tab', { name: 'Clientes internos' }).click();
    await page.getByRole('heading', { name: 'Valoración por unidad' }).waitFor();
    await page.getByRole('rowheader', { name: 'Servicio de Atención al Cliente' }).waitFor();
    await page.getByRole('columnheader', { name: 'Oficina Bilbao Gran Vía' }).waitFor();
  });

  it('the digest switch on the overview is saved for the user', async () => {
    await page.getByRole('tab', { name: 'Resumen' }).click();
    const sw = page.getByRole('switch', { name: 'Resumen semanal por correo' });
    await sw.waitFor();
    expect(await sw.isChecked()).toBe(false);
    await sw.click({ force: true });
    await expect
      .poll(() => api<{ enabled: boolean }>(page, '/api/analytics/digest'))
      .toEqual({
        enabled: true,
      });
    await page.reload();
    await expect
      .poll(() => page.getByRole('switch', { name: 'Resumen semanal por correo' }).isChecked())
      .toBe(true);
  });
});
