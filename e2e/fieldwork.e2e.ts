// Issue 15's "done" flow: a mystery shopper completes an assigned visit on a 390 px phone screen
// in Chromium, losing the connection half-way (answers kept on the device across a reload while
// offline, the visit queued and sent when the connection returns, idempotently), and the visit's
// score, critical failure and corrective action appear for the staff.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

const SHOTS = process.env.E2E_SCREENSHOTS;

describe('fieldwork: mystery shopper visit on a phone, offline for a while', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let csrf = '';
  const shopper = {
    email: `shopper.e2e.${Date.now()}@example.test`,
    password: 'visita-misteriosa-1',
  };
  let visitId = '';

  const api = async <T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
    const r = await admin.request.fetch(`${server.url}${path}`, {
      method,
      headers: { 'x-csrf-token': csrf },
      ...(data !== undefined ? { data } : {}),
    });
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await (await browser.newContext({ locale: 'es-ES' })).newPage();
    await admin.goto(server.url);
    await admin.getByLabel('Correo electrónico').fill(server.adminEmail);
    await admin.getByLabel('Contraseña').fill(server.adminPassword);
    await admin.getByRole('button', { name: 'Entrar' }).click();
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
    const s = await admin.request.get(`${server.url}/api/auth/session`);
    csrf = ((await s.json()) as { csrfToken: string }).csrfToken;
    const created = await api<{ user?: { id: string }; id?: string }>('POST', '/api/users', {
      email: shopper.email,
      name: 'Rosa Vidal (cliente misteriosa)',
      role: 'shopper',
      password: shopper.password,
    });
    const shopperId = created.user?.id ?? created.id ?? '';
    const checklists = await api<{ items: { id: string; name: string }[] }>(
      'GET',
      '/api/fieldwork/checklists',
    );
    const checklist = checklists.items.find((c) => c.name === 'Visita a oficina bancaria');
    const units = await api<{ items: { id: string; name: string }[] }>('GET', '/api/org-units');
    const unit = units.items.find((u) => u.name === 'Oficina Madrid Sol');
    visitId = crypto.randomUUID();
    await api('POST', '/api/fieldwork/visits', {
      visits: [
        {
          id: visitId,
          checklistId: checklist?.id,
          kind: 'mystery',
          unitId: unit?.id,
          assigneeId: shopperId,
        },
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('completes the visit at 390 px with a moment offline; score, critical failure and action appear', async () => {
    const ctx = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(server.url);
    await page.getByLabel('Correo electrónico').fill(shopper.email);
    await page.getByLabel('Contraseña').fill(shopper.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    // a shopper lands on their own assignments, and the menu has nothing else
    await page.waitForURL((u) => u.pathname === '/fieldwork/my');
    await expect.poll(() => page.getByText('Oficina Madrid Sol').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Abrir navegación' }).click();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Trabajo de campo']);
    await page.getByRole('button', { name: 'Cerrar navegación' }).click();
    const mine = await page.request.get(`${server.url}/api/customers`);
    expect(mine.status()).toBe(403);

    await page.goto(`${server.url}/fieldwork/visits/${visitId}/form`);
    await page.getByText('Se saluda al cliente en los primeros 30 segundos').waitFor();
    // the page must fit the phone: nothing wider than the viewport
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const group = (label: string) => {
      const card = page.locator('.mantine-Paper-root').filter({ hasText: label });
      return { getByLabel: (name: string) => card.getByLabel(name, { exact: true }) };
    };
    await group('Se saluda al cliente en los primeros 30 segundos').getByLabel('Sí').check();
    await page.getByRole('textbox', { name: 'Minutos de espera hasta ser atendido' }).fill('4');
    await group('El empleado lleva identificación visible').getByLabel('Sí').check();
    // the offline worker is in control and has what a reload needs
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.ready;
      const c = await caches.open('fidelia-fieldwork-v1');
      return (
        !!reg.active &&
        !!navigator.serviceWorker.controller &&
        !!(await c.match('/__fieldwork_shell__'))
      );
    });
    await page.waitForTimeout(500);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fieldwork-form-390.png`, fullPage: true });

    // connection lost: answers keep being saved on the device, even across a reload
    await ctx.setOffline(true);
    await group('Limpieza y orden de la oficina (1–5)').getByLabel('5').check();
    await group('Verifica la identidad antes de operar').getByLabel('No').check();
    await group('Respeta la confidencialidad (nadie escucha la operación)')
      .getByLabel('Sí')
      .check();
    await page.reload();
    await page.getByText('Sin conexión: sus respuestas se guardan en este dispositivo').waitFor();
    expect(await group('Verifica la identidad antes de operar').getByLabel('No').isChecked()).toBe(
      true,
    );
    expect(
      await group('Se saluda al cliente en los primeros 30 segundos').getByLabel('Sí').isChecked(),
    ).toBe(true);
    expect(
      await page
        .getByRole('textbox', { name: 'Minutos de espera hasta ser atendido' })
        .inputValue(),
    ).toBe('4');
    await page.getByRole('button', { name: 'Enviar visita' }).click();
    await page.getByText('Visita pendiente de envío').waitFor();
    if (SHOTS)
      await page.screenshot({ path: `${SHOTS}/fieldwork-offline-390.png`, fullPage: true });
    const before = await api<{ status: string }>('GET', `/api/fieldwork/visits/${visitId}`);
    expect(before.status).toBe('scheduled');

    // back online: the queued visit goes by itself
    await ctx.setOffline(false);
    await page.getByText('Visita enviada').waitFor({ timeout: 30_000 });
    await page.getByText('Elementos críticos incumplidos (puntuación final 0)').waitFor();
    await page.getByText('Verifica la identidad antes de operar').waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fieldwork-sent-390.png`, fullPage: true });

    const v = await api<{
      status: string;
      score: number;
      finalScore: number;
      criticalFailed: string[];
      actions: { itemKey: string; critical: boolean; status: string }[];
    }>('GET', `/api/fieldwork/visits/${visitId}`);
    expect(v.status).toBe('submitted');
    expect(v.criticalFailed).toEqual(['dni']);
    expect(v.finalScore).toBe(0);
    expect(v.score).toBeGreaterThan(0);
    expect(v.actions.find((a) => a.itemKey === 'dni')).toMatchObject({
      critical: true,
      status: 'open',
    });

    // staff see it on the visit page and in the corrective actions
    await admin.goto(`${server.url}/fieldwork/visits/${visitId}`);
    await admin.getByText('Elementos críticos incumplidos (puntuación final 0)').waitFor();
    await admin
      .getByRole('cell', { name: /Verifica la identidad antes de operar/ })
      .first()
      .waitFor();
    await ctx.close();
  }, 180_000);
});
