// Fieldwork screens for managers: build a checklist from the standards catalogue in the builder,
// reorder it and save a new version, schedule a mystery visit assigned to a shopper from the
// visits page, and the shopper finds it in their own list.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

interface TList {
  id: string;
  name: string;
  version: number;
  items: { key: string; label: string; standardId: string | null }[];
}

describe('fieldwork: checklist builder → schedule → the shopper sees the visit', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let csrf = '';
  const shopper = {
    email: `builder.e2e.${Date.now()}@example.test`,
    password: 'ronda-misteriosa-1',
  };

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
    admin.setDefaultTimeout(20_000);
    await admin.goto(server.url);
    await admin.getByLabel('Correo electrónico').fill(server.adminEmail);
    await admin.getByLabel('Contraseña').fill(server.adminPassword);
    await admin.getByRole('button', { name: 'Entrar' }).click();
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
    const s = await admin.request.get(`${server.url}/api/auth/session`);
    csrf = ((await s.json()) as { csrfToken: string }).csrfToken;
    await api('POST', '/api/users', {
      email: shopper.email,
      name: 'Tomás Ronda',
      role: 'shopper',
      password: shopper.password,
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('builds, versions and schedules a checklist; the assigned shopper sees the visit', async () => {
    const page = admin;
    // ---- builder: one free item, one from the standards catalogue
    await page.goto(`${server.url}/fieldwork/checklists`);
    await page.getByRole('button', { name: 'Nueva lista' }).click();
    await page.waitForURL((u) => u.pathname === '/fieldwork/checklists/new');
    await page.getByLabel('Nombre de la lista').fill('Ronda e2e');
    await page.getByRole('button', { name: 'Añadir un ítem libre' }).click();
    await page.getByLabel('Qué se comprueba').fill('Cajero limpio');
    await page
      .getByLabel('Añadir un ítem desde un estándar de servicio', { exact: true })
      .first()
      .click();
    const option = page.getByRole('option').first();
    const stdLabel = ((await option.textContent()) ?? '').split(' · ').slice(1).join(' · ');
    expect(stdLabel.length).toBeGreaterThan(0);
    await option.click();
    await expect.poll(() => page.getByTestId('checklist-item').count()).toBe(2);
    await page.getByRole('button', { name: 'Crear lista' }).click();
    await page.waitForURL((u) => /^\/fieldwork\/checklists\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByText(/Esta es la versión 1 \(0 visitas\)/).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    let c = await api<TList>('GET', `/api/fieldwork/checklists/${id}`);
    expect(c.version).toBe(1);
    expect(c.items.map((x) => x.label)).toEqual(['Cajero limpio', stdLabel]);
    expect(c.items[0]?.standardId).toBeNull();
    expect(c.items[1]?.standardId).toMatch(/^[0-9a-f-]{36}$/);

    // ---- reorder: the standard's item first, saved as version 2
    await page.getByTestId('checklist-item').nth(1).getByRole('button', { name: 'Subir' }).click();
    await page.getByRole('button', { name: 'Guardar (versión nueva)' }).click();
    await page.getByText(/Esta es la versión 2/).waitFor();
    c = await api<TList>('GET', `/api/fieldwork/checklists/${id}`);
    expect(c.version).toBe(2);
    expect(c.items.map((x) => x.label)).toEqual([stdLabel, 'Cajero limpio']);

    // ---- schedule a mystery visit at Oficina Madrid Sol for the shopper
    await page.goto(`${server.url}/fieldwork/visits`);
    await page.getByRole('button', { name: 'Programar una visita' }).click();
    const form = page
      .locator('.mantine-Paper-root')
      .filter({ hasText: 'Programar y asignar una visita' });
    await form.getByLabel('Lista de control', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Ronda e2e' }).click();
    await form.getByLabel('Unidad visitada', { exact: true }).first().fill('Oficina Madrid Sol');
    await page.getByRole('option', { name: 'Oficina Madrid Sol' }).click();
    await form.getByLabel('Asignada a', { exact: true }).first().fill('Tomás');
    await page.getByRole('option', { name: /Tomás Ronda/ }).click();
    await form.getByRole('button', { name: 'Programar visita' }).click();
    await page.getByText('Visita programada.').waitFor();
    const visits = await api<{
      items: {
        checklistId: string;
        checklistVersion: number;
        status: string;
        assigneeName: string | null;
        unitName: string | null;
      }[];
    }>('GET', '/api/fieldwork/visits?status=scheduled');
    const mine = visits.items.filter((v) => v.checklistId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      checklistVersion: 2,
      assigneeName: 'Tomás Ronda',
      unitName: 'Oficina Madrid Sol',
    });

    // ---- the shopper, on a phone, finds it in their own list
    const ctx = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 390, height: 844 },
    });
    const phone = await ctx.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto(server.url);
    await phone.getByLabel('Correo electrónico').fill(shopper.email);
    await phone.getByLabel('Contraseña').fill(shopper.password);
    await phone.getByRole('button', { name: 'Entrar' }).click();
    await phone.waitForURL((u) => u.pathname === '/fieldwork/my');
    const card = phone.locator('.mantine-Paper-root').filter({ hasText: 'Ronda e2e' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Oficina Madrid Sol');
    await ctx.close();
  }, 180_000);
});
