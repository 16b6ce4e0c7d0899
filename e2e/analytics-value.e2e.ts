// The perceived-value tab in a real browser on a fresh demo (issue 11): the tab opens the demo's
// perceived-value survey, shows the API's respondents and value for money in Spanish, the two
// demo value models, and the benefits table downloads as an XLSX a spreadsheet library reads
// back (words and the API's means).
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int, score } from '../packages/web/src/lib/format';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';

describe('analytics: perceived value tab', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

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

  it('shows the API figures and the value models; the benefits download as XLSX', async () => {
    await page.goto(`${server.url}/analytics`);
    await page.getByRole('tab', { name: 'Valor percibido' }).click();
    await page.getByRole('heading', { name: 'Modelos de valor de esta encuesta' }).waitFor();
    const survey = new URL(page.url()).searchParams.get('survey');
    const surveys = (await page.evaluate(async () => (await fetch('/api/surveys')).json())) as {
      items: { id: string; template: string }[];
    };
    const id = survey ?? surveys.items.find((s) => s.template === 'perceived_value')?.id;
    const v = (await page.evaluate(
      async (u) => (await fetch(u)).json(),
      `/api/analytics/surveys/${id}/value`,
    )) as {
      n: number;
      points: number;
      valueForMoney: { mean: number };
      benefits: { mean: number }[];
      models: { segment: string }[];
    };
    expect(v.n).toBeGreaterThan(0);
    await page.getByText(int(v.n, 'es'), { exact: true }).first().waitFor();
    await page
      .getByText(score(v.valueForMoney.mean, v.points, 'es', 1), { exact: true })
      .first()
      .waitFor();
    expect(v.models.map((m) => m.segment).sort()).toEqual(['Empresas', 'Particulares']);
    for (const m of v.models) await page.getByText(m.segment, { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Abrir los modelos de valor' }).waitFor();
    const section = page.locator('section', {
      has: page.getByRole('heading', { name: 'Beneficios según los clientes' }),
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Descargar XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^beneficios-.+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(1).value).toBe('Beneficio');
    expect(ws?.getRow(2).getCell(1).value).toBe('Valor por el precio');
    expect(ws?.getRow(2).getCell(2).value).toBeCloseTo(v.valueForMoney.mean, 9);
    expect(ws?.getRow(3).getCell(2).value).toBeCloseTo(v.benefits[0]?.mean as number, 9);
  });
});
