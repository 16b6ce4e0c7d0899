// Issue 17's "done when", end to end from a file: the analyst imports customers through the
// customers import wizard (a CSV uploaded in the browser), recruits a panel from exactly those
// customers, draws a quota sample, invites it to a focus group by e-mail (real SMTP capture),
// records an insight from the session, and finds it on the strategy needs → attributes view and
// on the imported customer's timeline.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../packages/server/test/smtp';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';
import { bodyOf, waitFor } from './mail';

const QUOTE = 'Me pidieron el mismo papel dos veces';
// Eight customers from "another system": Spanish headers the wizard maps by itself; four of
// class A, all accepting research contact, with e-mail.
const PEOPLE = [
  ['IMPPNL-01', 'Alba Quintana Ros', 'A'],
  ['IMPPNL-02', 'Bruno Ferrer Gil', 'A'],
  ['IMPPNL-03', 'Celia Ortega Pardo', 'A'],
  ['IMPPNL-04', 'Darío Lozano Vera', 'A'],
  ['IMPPNL-05', 'Elena Marín Sanz', 'B'],
  ['IMPPNL-06', 'Fermín Rubio Sáez', 'B'],
  ['IMPPNL-07', 'Gloria Pastor Nieto', 'C'],
  ['IMPPNL-08', 'Héctor Vidal Soler', 'C'],
] as const;

describe('panels from an imported file: import → recruit → quota sample → e-mail → insight', () => {
  let smtp: SmtpSink | undefined;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir = '';
  let csrf = '';
  let panelId = '';
  let sessionUrl = '';
  let invitee = '';
  let need: { id: string; text: string; segment: string } | undefined;

  const api = async <T>(path: string): Promise<T> => {
    const r = await page.request.get(`${server.url}${path}`, { headers: { 'x-csrf-token': csrf } });
    if (!r.ok()) throw new Error(`GET ${path}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const pick = async (label: string, option: string | RegExp) => {
    await page.getByLabel(label, { exact: true }).first().click();
    await page.getByRole('option', { name: option }).first().click();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fidelia-e2e-panel-import-'));
    smtp = await startSmtpSink();
    [server, browser] = await Promise.all([startServer({ SMTP_URL: smtp.url }), launchBrowser()]);
    const ctx = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 1366, height: 900 },
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(30_000);
    csrf = await loginAsAdmin(page, server);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports the customers file through the wizard', async () => {
    const file = join(dir, 'clientes-panel.csv');
    const rows = PEOPLE.map(
      ([id, name, tier]) =>
        `${id},${name},${name.split(' ')[0]?.toLowerCase()}.${id.toLowerCase()}@correo.example,${tier},sí,es`,
    );
    writeFileSync(
      file,
      `id cliente,nombre,correo,nivel,acepta encuestas,idioma\n${rows.join('\n')}\n`,
    );
    await page.goto(`${server.url}/customers/import`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Subir y previsualizar' }).click();
    await page.getByText('IMPPNL-01').first().waitFor();
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('button', { name: 'Simular' }).click();
    const run = page.getByRole('button', { name: 'Importar ahora' });
    await expect.poll(async () => run.isEnabled(), { timeout: 60_000, interval: 500 }).toBe(true);
    await run.click();
    await page.getByRole('link', { name: 'Ir a clientes' }).waitFor({ timeout: 60_000 });
    const found = await api<{ items: { name: string; tier: string | null }[] }>(
      '/api/customers?q=imppnl',
    );
    expect(found.items.map((c) => c.name).sort()).toEqual(PEOPLE.map((p) => p[1]).sort());
  });

  it('recruits a panel from the imported customers only', async () => {
    await page.getByRole('link', { name: 'Paneles' }).click();
    await page.getByRole('heading', { name: 'Paneles y grupos focales' }).waitFor();
    await page.getByRole('button', { name: 'Nuevo panel' }).click();
    await page.getByLabel('Nombre').fill('Panel clientes migrados');
    await page.getByRole('button', { name: 'Crear panel' }).click();
    await page.waitForURL(/\/panels\/[0-9a-f-]{36}/);
    panelId = /\/panels\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    await page.getByRole('button', { name: 'Reclutar clientes' }).click();
    await page.getByLabel('Buscar (nombre, correo o identificador)').fill('IMPPNL');
    await page.getByLabel('Segmento que se anota en el perfil').fill('Particulares');
    await page.getByRole('button', { name: 'Reclutar', exact: true }).click();
    await page.getByText('8 clientes añadidos').first().waitFor();
    const members = await api<{ items: { name: string }[] }>(`/api/panels/${panelId}/members`);
    expect(members.items.map((m) => m.name).sort()).toEqual(PEOPLE.map((p) => p[1]).sort());
  });

  it('draws a quota sample (2 of class A) and saves it after seeing the fill', async () => {
    await page.getByRole('tab', { name: 'Muestra' }).click();
    await page.getByLabel('Tamaño de la muestra').fill('3');
    await page.getByLabel('Semilla', { exact: false }).fill('17');
    await page.getByRole('button', { name: 'Añadir cuota' }).click();
    await page.getByRole('textbox', { name: 'Valor', exact: true }).fill('A');
    await page.getByRole('textbox', { name: 'Cuántos', exact: true }).fill('2');
    await page.getByRole('button', { name: 'Ver la muestra' }).click();
    await page.getByText('Cuotas cubiertas').waitFor();
    // 4 class-A members exist; the quota asks for 2 of them
    await page.getByText('2 de 2 (hay 4)').waitFor();
    await page.getByText('3 miembros en la muestra').waitFor();
    await page.getByRole('button', { name: 'Guardar muestra' }).click();
    await page.getByText(/^3 miembros · semilla 17/).waitFor();
  });

  it('invites the sample to a focus group; a member answers from the mail', async () => {
    await page.getByRole('tab', { name: 'Sesiones' }).click();
    await page.getByRole('button', { name: 'Nueva sesión' }).click();
    await page.getByRole('textbox', { name: 'Tema', exact: true }).fill('Migración de clientes');
    await page.getByLabel('Lugar').fill('Oficina Madrid Sol');
    await page
      .getByRole('textbox', { name: 'Pregunta', exact: true })
      .fill('¿Qué tal fue el cambio de sistema?');
    await page.getByRole('button', { name: 'Crear sesión' }).click();
    await page.waitForURL(/\/panels\/sessions\//);
    sessionUrl = page.url();
    await pick('Muestra a invitar', /semilla 17/);
    await page.getByRole('button', { name: 'Enviar invitaciones' }).click();
    await page.getByText('3 invitaciones en cola de envío').first().waitFor();
    const inbox = (smtp as SmtpSink).inbox;
    // all three invitations arrive, each to one imported customer's address
    await waitFor(() =>
      inbox.filter((m) => bodyOf(m.data).includes('Migración de clientes')).length >= 3
        ? true
        : undefined,
    );
    const mails = inbox.filter((m) => bodyOf(m.data).includes('Migración de clientes'));
    expect(mails).toHaveLength(3);
    for (const m of mails) expect(m.to).toMatch(/@correo\.example/);
    const text = bodyOf(mails[0]?.data ?? '');
    invitee = /Hola, (.+):/.exec(text)?.[1] ?? '';
    expect(PEOPLE.map((p) => p[1] as string)).toContain(invitee);
    const link = /http:\/\/127\.0\.0\.1:\d+\/panel-invite\/[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '';
    const phone = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 390, height: 800 },
    });
    const p = await phone.newPage();
    await p.goto(link);
    await p.getByRole('button', { name: 'Asistiré' }).click();
    await p.getByText('Respuesta guardada: Asistirá').waitFor();
    await phone.close();
  });

  it('records the session insight and sees it on the needs view and the timeline', async () => {
    need = (
      await api<{ items: { id: string; text: string; segment: string }[] }>('/api/strategy/needs')
    ).items[0];
    expect(need).toBeDefined();
    await page.goto(sessionUrl);
    await page.getByRole('checkbox', { name: `${invitee} asistió` }).click();
    await page.getByText(/1 asistieron/).waitFor();
    await page.getByRole('textbox', { name: 'Tema', exact: true }).fill('documentación');
    await page.getByLabel('Cita textual').fill(QUOTE);
    await pick('Quién lo dijo', invitee);
    await pick(
      'Necesidad del cliente',
      new RegExp((need?.text ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').slice(0, 30)),
    );
    await pick('Brecha del modelo', 'Brecha 3');
    await page.getByRole('button', { name: 'Guardar hallazgo' }).click();
    await page.getByText(`«${QUOTE}» — ${invitee}`).waitFor();

    await page.goto(
      `${server.url}/strategy/needs?segment=${encodeURIComponent(need?.segment ?? '')}`,
    );
    await page
      .getByText(new RegExp(`«${QUOTE}»`))
      .first()
      .waitFor();

    const members = await api<{ items: { name: string; customerId: string | null }[] }>(
      `/api/panels/${panelId}/members`,
    );
    const customerId = members.items.find((m) => m.name === invitee)?.customerId;
    expect(customerId).toBeTruthy();
    await page.goto(`${server.url}/customers/${customerId}`);
    await page.getByText(new RegExp(QUOTE)).first().waitFor();
  });
});
