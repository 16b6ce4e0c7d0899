// Issue 4's analyst path in a real browser: log in as the demo admin, create the full SERVQUAL
// survey from its template, publish it, key in phone responses through the keyboard-first
// staff-entry form (no mouse between forms), and export them: the downloaded CSV has them.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

/** Rows of a CSV as objects (quoted fields with commas/quotes handled). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [head = [], ...data] = rows.filter((r) => r.some((x) => x !== ''));
  return data.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

describe('surveys: SERVQUAL from the template, phone entry, export', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext({ locale: 'es-ES', acceptDownloads: true });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in as the demo admin and opens the surveys list', async () => {
    await page.goto(server.url);
    await page.getByLabel('Correo electrónico').fill(server.adminEmail);
    await page.getByLabel('Contraseña').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByRole('link', { name: 'Encuestas' }).first().click();
    await page.getByRole('heading', { name: 'Encuestas' }).waitFor();
  });

  it('creates the full SERVQUAL survey from the template and publishes it', async () => {
    await page.getByRole('button', { name: 'Nueva encuesta' }).click();
    await page.getByLabel('Nombre', { exact: false }).first().fill('SERVQUAL e2e');
    await page.getByRole('combobox', { name: 'Plantilla' }).click();
    await page.getByRole('option', { name: 'SERVQUAL completo' }).click();
    await page.getByRole('button', { name: 'Crear' }).click();
    await page.waitForURL(/\/surveys\/[^/]+\/build$/);
    // 22 expectation + 22 perception items, the 100-point weights and a comment, on 3 pages.
    await page.getByText(/3 páginas · 4 preguntas/).waitFor();
    await page.getByRole('button', { name: 'Publicar', exact: true }).click();
    await page.getByText('Versión publicada 1').waitFor();
  });

  it('keys in phone responses with the keyboard only', async () => {
    await page.getByRole('tab', { name: 'Captura' }).click();
    await page.locator('#entry-sq_e-e1').waitFor();
    // Phone is the default channel.
    await page.getByText('Formulario 1').waitFor();
    const forms = [
      { e: '7', p: '5', w: ['20', '30', '20', '15', '15'], note: 'Muy amables' },
      { e: '6', p: '6', w: ['25', '25', '20', '15', '15'], note: '' },
      { e: '5', p: '3', w: ['20', '20', '20', '20', '20'], note: 'Esperé mucho' },
    ];
    await page.locator('#entry-sq_e-e1').focus();
    for (const [i, f] of forms.entries()) {
      // one digit per item: each completes its 1–7 field and moves on to the next one (weights
      // of 11–99 points are complete too; 10 could still become 100 and would need Enter)
      await page.keyboard.type(f.e.repeat(22));
      await page.keyboard.type(f.p.repeat(22));
      for (const w of f.w) await page.keyboard.type(w);
      expect(await page.evaluate('document.activeElement?.id')).toBe('entry-comment');
      await page.keyboard.type(f.note);
      await page.keyboard.press('Control+Enter');
      await page.getByText(`Guardadas en esta sesión (${i + 1})`).waitFor();
      // the next blank form has the focus on its first field
      await page.getByText(`Formulario ${i + 2}`).waitFor();
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('entry-sq_e-e1');
    }
    // A value out of range is caught in the form and never leaves the browser.
    await page.keyboard.type('9');
    await page.getByText('Fuera de rango').waitFor();
  });

  it('lists the responses and exports them as CSV (wide and long)', async () => {
    await page.getByRole('tab', { name: 'Respuestas' }).click();
    await page.getByText('Respuestas: 3').waitFor();
    await page.getByRole('cell', { name: 'Teléfono' }).first().waitFor();

    const exportCsv = async (item: string) => {
      await page.getByRole('button', { name: 'Descargar' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: item }).click(),
      ]);
      const path = await download.path();
      return { name: download.suggestedFilename(), rows: parseCsv(readFileSync(path, 'utf8')) };
    };

    const wide = await exportCsv('CSV ancho (una fila por respuesta)');
    expect(wide.name).toMatch(/^respuestas-wide-.*\.csv$/);
    expect(wide.rows).toHaveLength(3);
    for (const r of wide.rows) {
      expect(r.channel).toBe('phone');
      expect(r.entered_by).toBe(server.adminEmail);
      expect(r.status).toBe('complete');
    }
    const cols = Object.keys(wide.rows[0] ?? {});
    const e1 = cols.find((c) => /sq_e.*e1$/.test(c));
    const p22 = cols.find((c) => /sq_p.*p22$/.test(c));
    expect(e1, cols.join(' ')).toBeDefined();
    expect(p22).toBeDefined();
    expect(wide.rows.map((r) => r[e1 ?? '']).sort()).toEqual(['5', '6', '7']);
    expect(wide.rows.map((r) => r[p22 ?? '']).sort()).toEqual(['3', '5', '6']);

    // long: one row per stored value — 22 E + 22 P + 5 weights per form, plus 2 comments
    const long = await exportCsv('CSV largo (una fila por valor)');
    expect(long.rows).toHaveLength(3 * 49 + 2);
  });
});
