// Issue 4's analyst path in a real browser: log in as the demo admin, create the full SERVQUAL
// survey from its template, publish it, key in phone responses through the keyboard-first
// staff-entry form (no mouse between forms), and export them: the downloaded CSV has them.
// Then: choose 2 registry customers and generate their personal links (CSV), key in a phone
// response attached to a looked-up customer, and create a webhook that receives a signed test.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory, to keep screenshots for review

describe('surveys: SERVQUAL from the template, phone entry, export', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let hooks: Server;
  let hookUrl = '';
  const hookBodies: { headers: Record<string, unknown>; body: string }[] = [];

  /** screenshots of the current page at desktop and phone width (when E2E_SCREENSHOTS is set) */
  const shots = async (name: string, part?: string) => {
    if (!SHOTS) return;
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
      await page.screenshot({ path: `${SHOTS}/${name}-top-${width}.png` });
      // the section itself, readable at review size
      if (part) {
        await page
          .locator('.mantine-Paper-root')
          .filter({ has: page.getByRole('heading', { name: part }) })
          .first()
          .screenshot({ path: `${SHOTS}/${name}-part-${width}.png` });
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  };
  /** JSON API call from the logged-in page (session cookie + CSRF token) */
  const apiCall = (method: string, path: string, body?: unknown) =>
    page.evaluate(
      async ([m, p, b]) => {
        const s = (await (await fetch('/api/auth/session')).json()) as { csrfToken?: string };
        const r = await fetch(p as string, {
          method: m as string,
          headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken ?? '' },
          ...(b === undefined ? {} : { body: JSON.stringify(b) }),
        });
        return { status: r.status, json: await r.json().catch(() => null) };
      },
      [method, path, body] as const,
    );

  beforeAll(async () => {
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        hookBodies.push({ headers: req.headers, body });
        res.statusCode = 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/fidelia`;
    server = await startServer({ WEBHOOK_ALLOW_PRIVATE: 'true' }); // the receiver is on 127.0.0.1
    browser = await launchBrowser();
    const ctx = await browser.newContext({ locale: 'es-ES', acceptDownloads: true });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((r) => (hooks ? hooks.close(() => r()) : r()));
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

  const ids: Record<string, string> = {};
  it('chooses 2 registry customers and generates their personal links', async () => {
    for (const [n, consent] of [
      ['Uno', true],
      ['Dos', true],
      ['Tres', false],
    ] as const) {
      const r = await apiCall('POST', '/api/customers', {
        name: `Zoe Tester ${n}`,
        externalId: `E2E-${n}`,
        email: `zoe.${n.toLowerCase()}@example.test`,
        consentSurvey: consent,
        consentEmail: true,
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      ids[n] = (r.json as { id: string }).id;
    }
    await page.getByRole('tab', { name: 'Distribuir' }).click();
    await page.getByRole('heading', { name: 'Enlaces personales' }).waitFor();
    const search = page.getByRole('searchbox', { name: 'Buscar en el registro' });
    await search.fill('Zoe Tester');
    // the one without survey consent is shown but cannot be chosen
    await page.getByText('Sin consentimiento para encuestas').waitFor();
    await shots('surveys-customer-search', 'Enlaces personales');
    expect(await page.getByRole('button', { name: 'Añadir: Zoe Tester Tres' }).isDisabled()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Añadir: Zoe Tester Uno' }).click();
    // Enter in the search box takes the first customer that may be chosen
    await search.fill('E2E-Dos');
    await page.getByRole('button', { name: 'Añadir: Zoe Tester Dos' }).waitFor();
    await search.press('Enter');
    await page.getByText('Clientes elegidos (2)').waitFor();
    await page.getByRole('button', { name: 'Generar enlaces (2)' }).click();
    await page.getByText('2 enlaces listos', { exact: false }).waitFor();
    const table = page.getByRole('table', { name: 'Enlaces personales generados' });
    await expect.poll(() => table.getByText('/s/t/').count()).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar CSV' }).click(),
    ]);
    const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(rows.map((r) => r.name).sort()).toEqual(['Zoe Tester Dos', 'Zoe Tester Uno']);
    expect(rows.map((r) => r.customer_id).sort()).toEqual([ids.Dos, ids.Uno].sort());
    for (const r of rows) expect(r.url).toMatch(/\/s\/t\/[A-Za-z0-9_-]{20,}$/);
    // each link opens the survey for that customer (single-use token)
    const token = rows[0]?.url?.split('/s/t/')[1] ?? '';
    const open = await apiCall('GET', `/api/public/surveys/t/${token}`);
    expect(open.status).toBe(200);
    await shots('surveys-personal-links', 'Enlaces personales');
  });

  it('keys in a phone response attached to a looked-up customer', async () => {
    await page.getByRole('tab', { name: 'Captura' }).click();
    await page.locator('#entry-sq_e-e1').waitFor();
    const search = page.getByRole('searchbox', { name: 'Cliente del registro (opcional)' });
    await search.fill('Zoe Tester');
    await page.getByRole('button', { name: 'Asignar: Zoe Tester Tres' }).waitFor();
    expect(await page.getByRole('button', { name: 'Asignar: Zoe Tester Tres' }).isDisabled()).toBe(
      true,
    );
    // Enter right after typing waits for the results of what was typed
    await search.fill('Zoe Tester Uno');
    await search.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Respuesta de: Zoe Tester Uno' }).waitFor();
    await page.locator('#entry-sq_e-e1').scrollIntoViewIfNeeded();
    // recently sent a personal link: flagged against the fatigue rule, still allowed
    await page.getByText(/Contactado hace 0 días/).waitFor();
    await shots('surveys-entry-customer');
    // the focus moved to the first answer: key in the form with the keyboard
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('entry-sq_e-e1');
    await page.keyboard.type('6'.repeat(22));
    await page.keyboard.type('4'.repeat(22));
    for (const w of ['20', '20', '20', '20', '20']) await page.keyboard.type(w);
    await page.keyboard.type('Llamada de seguimiento');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('cell', { name: 'Zoe Tester Uno' }).waitFor();
    // the customer is cleared for the next form
    await page.getByRole('searchbox', { name: 'Cliente del registro (opcional)' }).waitFor();
    const surveyId = /\/surveys\/([^/]+)\/entry/.exec(page.url())?.[1];
    const list = await apiCall('GET', `/api/surveys/${surveyId}/responses?limit=50`);
    const items = (list.json as { items: { customerId: string | null; channel: string }[] }).items;
    expect(items).toHaveLength(4);
    expect(items.filter((r) => r.customerId === ids.Uno).map((r) => r.channel)).toEqual(['phone']);
  });

  it('sends reminders now to the non-responders of an e-mail wave, once a day', async () => {
    const surveyId = /\/surveys\/([^/]+)\//.exec(page.url())?.[1];
    // the personal links just sent count for the fatigue rule: switch it off for this wave
    expect((await apiCall('PUT', '/api/survey-settings', { fatigueDays: 0 })).status).toBe(200);
    const inv = await apiCall('POST', `/api/surveys/${surveyId}/invitations`, {
      customerIds: [ids.Uno, ids.Dos, ids.Tres],
    });
    expect(inv.status).toBe(202);
    // the wave exists once the server's job worker has run the invitation job
    await expect
      .poll(
        async () => {
          const w = await apiCall('GET', `/api/surveys/${surveyId}/invitations/waves`);
          return (w.json as { items: { sent: number }[] }).items[0]?.sent ?? 0;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(2); // Tres has no survey consent: not invited
    await page.getByRole('tab', { name: 'Distribuir' }).click();
    const waves = page.getByRole('table', { name: 'Envíos de invitaciones' });
    await waves.waitFor();
    expect(await waves.getByRole('row').count()).toBe(2);
    await waves.getByRole('button', { name: 'Enviar recordatorios ahora' }).click();
    await waves.getByText('Recordatorios enviados: 2.').waitFor();
    // same day: nothing left to remind in this wave
    await expect
      .poll(() => waves.getByRole('button', { name: 'Enviar recordatorios ahora' }).isDisabled())
      .toBe(true);
    await shots('surveys-waves', 'Invitaciones por correo');
  });

  it('creates a webhook (secret shown once) and sends a signed test event', async () => {
    await page.getByRole('link', { name: 'Encuestas' }).first().click();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks de encuestas' }).waitFor();
    await page.getByRole('button', { name: 'Nuevo webhook' }).click();
    const url = page.getByRole('textbox', { name: 'Dirección (URL)' });
    await url.fill('ftp://example.test/x');
    await page.getByRole('button', { name: 'Crear webhook' }).click();
    await page.getByText('Escriba una dirección http:// o https:// válida.').waitFor();
    await url.fill(hookUrl);
    await page.getByRole('textbox', { name: 'Descripción' }).fill('CRM <b>pruebas</b>');
    await page.getByRole('button', { name: 'Crear webhook' }).click();
    await page.getByText('Secreto de firma (se muestra una sola vez)').waitFor();
    const secret =
      (await page.locator('pre, code').filter({ hasText: 'whsec_' }).first().textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    // user text is shown as text, never as markup
    await page.getByText('CRM <b>pruebas</b>').waitFor();
    await shots('surveys-webhooks-secret');
    await page.getByRole('button', { name: 'Ya lo he guardado' }).click();
    await page.getByRole('button', { name: 'Enviar evento de prueba' }).click();
    await page.getByText('Prueba entregada (HTTP 200)').first().waitFor();
    expect(hookBodies).toHaveLength(1);
    expect(JSON.parse(hookBodies[0]?.body ?? '{}').type).toBe('webhook.test');
    expect(String(hookBodies[0]?.headers['webhook-signature'])).toMatch(/^v1,/);
    await page.getByRole('table', { name: 'Entregas recientes' }).getByText('Entregado').waitFor();
    await shots('surveys-webhooks');
  });
});
