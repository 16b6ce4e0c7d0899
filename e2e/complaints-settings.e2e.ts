// The complaints settings page in a real browser against the real server (one start): the demo
// admin opens it from the complaints list, builds a split-shift business-hours calendar for
// Madrid with a holiday (a bad interval is flagged live by the server's validation), reads the
// preview's due time (hand-worked across the holiday), saves it as the default and sees how many
// open cases the server recomputed; creates an SLA policy that is still listed after a reload;
// adds/renames/moves/deactivates a category, switches to least-loaded assignment and sets a unit
// manager; every tab fits 390 px.
// An agent gets no settings link, the not-found page at the URL, and 403 from the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory, to keep screenshots for review

async function login(page: Page, url: string, email: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function csrfOf(page: Page, url: string): Promise<string> {
  const s = (await (await page.request.get(`${url}/api/auth/session`)).json()) as {
    csrfToken?: string;
  };
  return s.csrfToken ?? '';
}

describe('complaints settings: calendars with preview, policies, admins only', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let csrf = '';

  const api = async <T>(page: Page, method: 'get' | 'post', path: string, data?: unknown) => {
    const r = await page.request[method](`${server.url}${path}`, {
      headers: { 'x-csrf-token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    return { status: r.status(), body: (await r.json().catch(() => null)) as T };
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    admin = await (
      await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } })
    ).newPage();
    admin.setDefaultTimeout(30_000);
    await login(admin, server.url, server.adminEmail, server.adminPassword);
    csrf = await csrfOf(admin, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a split-shift calendar with a holiday; the preview shows the due time; saving recomputes open cases', async () => {
    const page = admin;
    await page.goto(`${server.url}/complaints`);
    await page.getByRole('link', { name: 'Configuración' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/complaints/settings'));
    await page.getByRole('heading', { name: 'Configuración de reclamaciones' }).waitFor();
    await page.getByRole('button', { name: 'Nuevo calendario' }).click();

    await page
      .getByRole('textbox', { name: /^Nombre/ })
      .first()
      .fill('Madrid jornada partida');
    const zone = page.getByLabel(/^Zona horaria/).first();
    await zone.click();
    await zone.fill('Europe/Mad');
    await page.getByRole('option', { name: 'Europe/Madrid' }).click();
    await expect(zone.inputValue()).resolves.toBe('Europe/Madrid');

    // Monday 09:00–14:00 and 16:00–19:00, copied to Tuesday–Friday.
    await page.getByLabel('lunes: hasta').fill('14:00');
    await page.getByRole('button', { name: 'Añadir un tramo al lunes' }).click();
    await page.getByLabel('lunes: desde').nth(1).fill('16:00');
    await page.getByLabel('lunes: hasta').nth(1).fill('19:00');
    await page.getByRole('button', { name: 'Copiar el lunes de martes a viernes' }).click();
    await expect(page.getByLabel('viernes: desde').count()).resolves.toBe(2);

    // A Sunday interval that ends before it starts: the server's check shows under Sunday.
    await page.getByRole('button', { name: 'Añadir un tramo al domingo' }).click();
    await page.getByLabel('domingo: desde').fill('14:00');
    await page.getByLabel('domingo: hasta').fill('09:00');
    await page.getByText('El tramo 14:00–09:00 termina antes de empezar.').waitFor();
    await page.getByRole('button', { name: 'Quitar domingo 14:00–09:00' }).click();
    // The problem goes away once the (debounced) preview validates the fixed draft.
    await expect.poll(() => page.getByText('termina antes de empezar').count()).toBe(0);

    // Holiday: Tuesday 8 December 2026 (Inmaculada).
    await page.getByLabel('Fecha', { exact: true }).fill('2026-12-08');
    await page.getByLabel('Nombre (opcional)').fill('Inmaculada Concepción');
    await page.getByRole('button', { name: 'Añadir festivo' }).click();
    // the list shows the holiday in the UI language's order (es: dd/mm/aaaa)
    await page.getByText('08/12/2026').waitFor();
    await page.getByRole('switch', { name: 'Calendario predeterminado' }).check();

    // Hand-worked: received Mon 7 Dec 18:00 Madrid, 4 business hours: 18–19 Monday (1 h),
    // Tuesday is the holiday, Wednesday 09:00 + 3 h → Wed 9 Dec 2026 12:00 Madrid.
    await page.getByLabel(/^Caso recibido el/).fill('2026-12-07T18:00');
    await page.getByLabel('Plazo (horas laborables)').fill('4');
    const preview = page.getByTestId('calendar-preview');
    await expect
      .poll(async () => preview.textContent(), { timeout: 20_000 })
      .toMatch(/vence el mié.*9 dic.*2026.*12:00/);
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/settings-calendar-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/settings-calendar-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/complaints/sla/calendars') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Guardar' }).click();
    const created = (await (await saved).json()) as { id: string; recomputeJobId: string };
    expect(created.recomputeJobId).toBeTruthy(); // a default calendar changes every open case
    const card = page.getByRole('region', { name: 'Madrid jornada partida' });
    await card.getByText('Predeterminado').waitFor();
    await card.getByText('Festivos: 1', { exact: false }).waitFor();

    // The note follows the server's recompute job; its figure is the job's own count.
    const note = page.getByText(/Casos abiertos recalculados: \d+/);
    await note.waitFor({ timeout: 60_000 });
    const job = await api<{ status: string; result: { cases: number } }>(
      page,
      'get',
      `/api/complaints/sla/recompute/${created.recomputeJobId}`,
    );
    expect(job.body.status).toBe('done');
    expect(job.body.result.cases).toBeGreaterThan(0); // the demo has open cases
    expect(await note.textContent()).toContain(`recalculados: ${job.body.result.cases} (`);

    // Stored as entered.
    const cals = await api<{
      calendars: {
        id: string;
        timeZone: string;
        week: Record<string, unknown[]>;
        holidays: unknown[];
      }[];
    }>(page, 'get', '/api/complaints/sla/calendars');
    const cal = cals.body.calendars.find((c) => c.id === created.id);
    expect(cal?.timeZone).toBe('Europe/Madrid');
    expect(cal?.week['3']).toEqual([
      { start: '09:00', end: '14:00' },
      { start: '16:00', end: '19:00' },
    ]);
    expect(cal?.week['7'] ?? []).toEqual([]);
    expect(cal?.holidays).toEqual([{ date: '2026-12-08', name: 'Inmaculada Concepción' }]);

    // Assign it to one branch: stored as that unit's calendar.
    await page.getByRole('combobox', { name: 'Calendario de Oficina Bilbao Gran Vía' }).click();
    await page.getByRole('option', { name: 'Madrid jornada partida' }).click();
    await expect
      .poll(async () => {
        const r = await api<{ units: { calendarId: string }[] }>(
          page,
          'get',
          '/api/complaints/sla/calendars',
        );
        return r.body.units.map((u) => u.calendarId);
      })
      .toEqual([created.id]);
  });

  it('creates an SLA policy for a category × severity; it is listed after a reload', async () => {
    const page = admin;
    await page.getByRole('tab', { name: 'Políticas de plazos' }).click();
    await page.getByRole('button', { name: 'Nueva política' }).click();
    await page.getByRole('textbox', { name: /^Nombre/ }).fill('Cargos duplicados críticos');
    await page.getByLabel('Categoría', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Comisiones y cobros › Cargo duplicado' }).click();
    await page.getByLabel('Gravedad', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Crítica' }).click();
    await page.getByLabel(/^Primera respuesta/).fill('2');
    await page.getByLabel(/^Resolución/).fill('16');
    await page.getByLabel(/^Aviso al/).fill('75');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/complaints/sla/policies') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Guardar' }).click();
    const res = await saved;
    expect(res.status()).toBe(201);
    await page.getByText(/Casos abiertos recalculados: \d+/).waitFor({ timeout: 60_000 });

    await page.reload();
    const row = page.getByRole('row', { name: /Cargos duplicados críticos/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(
      /Comisiones y cobros › Cargo duplicado.*Crítica.*2.*—.*16.*75 %/,
    );
    const list = await api<{
      policies: {
        name: string;
        firstResponseMin: number;
        resolutionMin: number;
        warnPercent: number;
        severity: string;
      }[];
    }>(page, 'get', '/api/complaints/sla/policies');
    expect(list.body.policies.find((p) => p.name === 'Cargos duplicados críticos')).toMatchObject({
      severity: 'critical',
      firstResponseMin: 120,
      resolutionMin: 960,
      warnPercent: 75,
    });
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/settings-policies-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/settings-policies-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('edits the category tree, the assignment strategy and a unit manager', async () => {
    const page = admin;
    await page.goto(`${server.url}/complaints/settings/categories`);
    await page.getByRole('textbox', { name: /^Nombre/ }).fill('Cajeros automáticos');
    await page.getByLabel('Dentro de', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Banca digital', exact: true }).click();
    await page.getByRole('button', { name: 'Añadir', exact: true }).click();
    const node = page.getByRole('listitem', { name: 'Banca digital › Cajeros automáticos' });
    await node.waitFor();
    await node.getByRole('button', { name: 'Renombrar Cajeros automáticos' }).click();
    await node.getByRole('textbox').fill('Cajeros');
    await node.getByRole('button', { name: 'Guardar' }).click();
    const renamed = page.getByRole('listitem', { name: 'Banca digital › Cajeros' });
    await renamed.waitFor();
    await renamed.getByRole('button', { name: 'Mover Cajeros dentro de' }).click();
    await renamed.getByRole('combobox', { name: 'Mover Cajeros dentro de' }).click();
    await page.getByRole('option', { name: '(nivel superior)' }).click();
    await renamed.getByRole('button', { name: 'Guardar' }).click();
    const moved = page.getByRole('listitem', { name: 'Cajeros', exact: true });
    await moved.getByRole('button', { name: 'Desactivar Cajeros' }).click();
    await moved.getByText('inactiva').waitFor();
    const cats = await api<{ name: string; parentId: string | null; active: boolean }[]>(
      page,
      'get',
      '/api/complaints/categories',
    );
    expect(cats.body.find((c) => c.name === 'Cajeros')).toMatchObject({
      parentId: null,
      active: false,
    });

    await page.getByRole('tab', { name: 'Asignación' }).click();
    await page.getByRole('radio', { name: 'Menor carga' }).check();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Configuración de asignación guardada.').waitFor();
    const unit = page.getByRole('combobox', { name: 'Responsable de Región Norte' });
    await unit.click();
    await page.getByRole('option', { name: /Lucía Fernández Ortega/ }).click();
    await page.getByText('Responsable de unidad guardado.').waitFor();
    const settings = await api<{ strategy: string }>(page, 'get', '/api/complaints/settings');
    expect(settings.body.strategy).toBe('least_loaded');
    const managers = await api<{ userId: string }[]>(page, 'get', '/api/complaints/managers');
    const me = await api<{ user: { id: string } }>(page, 'get', '/api/auth/me');
    expect(managers.body.map((m) => m.userId)).toContain(me.body.user.id);
  });

  it('every settings tab fits a 390 px phone (no sideways scrolling)', async () => {
    const page = admin;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ['calendars', 'policies', 'categories', 'assignment']) {
      await page.goto(`${server.url}/complaints/settings/${tab}`);
      await page.getByRole('tab', { selected: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.locator('.mantine-Loader-root').first().waitFor({ state: 'detached' });
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}/settings-${tab}-390.png`, fullPage: true });
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
        tab,
      ).toBeLessThanOrEqual(390);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('an agent gets no settings link, no page, and 403 from the API', async () => {
    const password = 'agente-prueba-2026';
    const created = await api<{ user: { id: string } }>(admin, 'post', '/api/users', {
      email: 'agente.ajustes@bancohorizonte.test',
      name: 'Agente Ajustes',
      role: 'agent',
      password,
    });
    expect(created.status).toBe(201);
    const agent = await (await browser.newContext({ locale: 'es-ES' })).newPage();
    agent.setDefaultTimeout(30_000);
    await login(agent, server.url, 'agente.ajustes@bancohorizonte.test', password);
    await agent.goto(`${server.url}/complaints`);
    await agent.getByRole('link', { name: 'Cumplimiento de plazos' }).waitFor();
    expect(await agent.getByRole('link', { name: 'Configuración' }).count()).toBe(0);
    await agent.goto(`${server.url}/complaints/settings`);
    await agent.getByRole('heading', { level: 1 }).waitFor();
    expect(await agent.getByText('Configuración de reclamaciones').count()).toBe(0);

    const agentCsrf = await csrfOf(agent, server.url);
    const post = await agent.request.post(`${server.url}/api/complaints/sla/policies`, {
      headers: { 'x-csrf-token': agentCsrf },
      data: { name: 'X', firstResponseMin: 60, resolutionMin: 600 },
    });
    expect(post.status()).toBe(403);
    const put = await agent.request.put(`${server.url}/api/complaints/settings`, {
      headers: { 'x-csrf-token': agentCsrf },
      data: { strategy: 'least_loaded' },
    });
    expect(put.status()).toBe(403);
    await agent.context().close();
  });
});
