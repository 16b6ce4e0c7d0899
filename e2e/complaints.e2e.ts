// Issue 6's "done" flow in a real browser against the real server and a real SMTP peer: a
// customer files a complaint on the public form (phone width) → the acknowledgement mail arrives
// over SMTP with the reference and the follow-up link → in the case page the admin assigns it
// automatically and reassigns it to a chosen agent, that agent declares a conflict of interest
// (phone width) and the case moves on, and naming the new assignee as staff involved moves it
// again (never to the staff member it is about) → the demo admin assesses and responds in the case page (the
// first-response target shows "met") → the customer accepts through the link → the agent closes
// the case with a root cause in the case page → the customer rates the handling through the link
// → the complaint reports (page and API) show that rating in the post-closure satisfaction →
// the case page shows the complaint and the customer and the classification is corrected in
// place → the list finds past-due cases in one click, filters in the URL, exports the filtered list.
import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../packages/server/test/smtp';
import { launchBrowser, type RunningServer, startServer } from './harness';
import { bodyOf, waitFor } from './mail';

const SHOTS = process.env.E2E_SCREENSHOTS; // a directory, to keep screenshots for review

interface Satisfaction {
  n: number;
  mean: number | null;
}

describe('complaints: public form → acknowledgement → impartial handling → rating in reports', () => {
  let smtp: SmtpSink | undefined;
  let inbox: SmtpSink['inbox'] = [];
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let customer: Page;
  let csrf = '';
  let reference = '';
  let trackPath = '';
  let caseId = '';
  let before: Satisfaction;

  const conflicted = {
    id: '',
    email: 'ana.conflicto@bancohorizonte.test',
    name: 'Ana Conflicto',
    password: 'pw-conflicto-0123456789',
  };
  const login = async (page: Page, email: string, password: string) => {
    await page.goto(server.url);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  };

  const api = async <T>(
    method: 'get' | 'post' | 'patch',
    path: string,
    data?: unknown,
  ): Promise<T> => {
    const req: APIRequestContext = staff.request;
    const r = await req[method](`${server.url}${path}`, {
      headers: { 'x-csrf-token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    inbox = smtp.inbox;
    [server, browser] = await Promise.all([
      startServer({ SMTP_URL: smtp.url, COMPLAINT_RATE_LIMIT: '100' }),
      launchBrowser(),
    ]);
    const phone = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 1,
    });
    customer = await phone.newPage();
    customer.setDefaultTimeout(30_000);
    staff = await (await browser.newContext({ locale: 'es-ES' })).newPage();
    staff.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('a customer files a complaint on the public form and gets the acknowledgement by mail', async () => {
    await customer.goto(`${server.url}/complaint/banco-horizonte`);
    await customer.getByLabel('Su nombre').fill('Lucía Prueba');
    await customer.getByLabel('Su correo electrónico', { exact: false }).fill('lucia@cliente.test');
    await customer.getByLabel('Oficina').first().click();
    await customer
      .getByRole('option', { name: /Bilbao/ })
      .first()
      .click();
    await customer.getByLabel('Asunto').fill('Comisión cobrada por error');
    await customer
      .getByLabel('¿Qué ha pasado?')
      .fill('Me han cobrado una comisión de mantenimiento <b>indebida</b> este mes.');
    await customer.getByLabel('Acepto que se traten mis datos', { exact: false }).check();
    await customer.getByRole('button', { name: 'Enviar reclamación' }).click();
    const thanks = customer.getByText(/Su referencia es RC-\d{4}-\d{6}/);
    await thanks.waitFor();
    reference = /RC-\d{4}-\d{6}/.exec((await thanks.textContent()) ?? '')?.[0] ?? '';
    expect(reference).toMatch(/^RC-\d{4}-\d{6}$/);

    // The acknowledgement goes out through the job worker over SMTP, in Spanish.
    const mail = await waitFor(() =>
      inbox.find((m) => m.to === 'lucia@cliente.test' && m.data.includes(reference)),
    );
    const text = bodyOf(mail.data);
    expect(text).toContain(`[${reference}]`);
    trackPath = /\/complaint\/track\/[A-Za-z0-9_-]{20,}/.exec(text)?.[0] ?? '';
    expect(trackPath).not.toBe('');
  });

  it('the demo admin opens the case, assigns it automatically and reassigns it in the case page', async () => {
    await login(staff, server.adminEmail, server.adminPassword);
    csrf =
      (
        (await (await staff.request.get(`${server.url}/api/auth/session`)).json()) as {
          csrfToken?: string;
        }
      ).csrfToken ?? '';
    before = (await api<{ satisfaction: Satisfaction }>('get', '/api/complaints/reports'))
      .satisfaction;

    // Find it in the case list (search by reference) and open it.
    await staff.goto(`${server.url}/complaints`);
    const list = await api<{ items: { id: string; reference: string; unitId: string }[] }>(
      'get',
      `/api/complaints?q=${encodeURIComponent(reference)}`,
    );
    const row = list.items.find((x) => x.reference === reference);
    caseId = row?.id ?? '';
    expect(caseId).not.toBe('');
    await staff.goto(`${server.url}/complaints/${caseId}`);
    await staff.getByRole('heading', { name: reference }).waitFor();
    const panel = staff.locator('section[aria-labelledby="assign-h"]');
    await panel.getByRole('button', { name: 'Asignar automáticamente' }).click();
    await panel
      .getByRole('status')
      .getByText(/^Asignada a .+\.$/)
      .waitFor();
    const auto = await api<{ assigneeId: string | null }>('get', `/api/complaints/${caseId}`);
    expect(auto.assigneeId).toBeTruthy();
    // Setup: one more agent of the case's branch, to reassign to (and to declare a conflict).
    // Created after the automatic pick, so the round robin cannot have chosen them already.
    conflicted.id = (
      await api<{ user: { id: string } }>('post', '/api/users', {
        email: conflicted.email,
        name: conflicted.name,
        role: 'agent',
        unitId: row?.unitId,
        password: conflicted.password,
      })
    ).user.id;

    await staff.reload();
    // "Reassign to…" a chosen eligible agent (keyboard: type to filter, Enter to choose).
    await panel.getByLabel('Reasignar a…').click();
    await staff.keyboard.type('Ana Conf');
    await staff.getByRole('option', { name: /Ana Conflicto · casos abiertos: 0/ }).waitFor();
    await staff.keyboard.press('ArrowDown');
    await staff.keyboard.press('Enter');
    await panel.getByRole('button', { name: 'Reasignar', exact: true }).click();
    await panel.getByRole('status').getByText('Asignada a Ana Conflicto.').waitFor();
    await panel.getByTestId('assignee').getByText('Ana Conflicto').waitFor();
    const manual = await api<{ assigneeId: string | null }>('get', `/api/complaints/${caseId}`);
    expect(manual.assigneeId).toBe(conflicted.id);
  });

  it('the assignee declares a conflict of interest in the case page (phone); the case is reassigned', async () => {
    const agent = await (
      await browser.newContext({ locale: 'es-ES', viewport: { width: 390, height: 844 } })
    ).newPage();
    agent.setDefaultTimeout(30_000);
    await login(agent, conflicted.email, conflicted.password);
    await agent.goto(`${server.url}/complaints/${caseId}`);
    const panel = agent.locator('section[aria-labelledby="assign-h"]');
    await panel.getByText('Tú', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Declarar un conflicto de interés' }).click();
    // Keyboard: the reason field has the focus as soon as the form opens.
    await agent.keyboard.type('La clienta es mi hermana.');
    expect(await panel.getByLabel('Motivo del conflicto de interés').inputValue()).toBe(
      'La clienta es mi hermana.',
    );
    if (SHOTS) await agent.screenshot({ path: `${SHOTS}/case-conflict-390.png`, fullPage: true });
    await panel.getByRole('button', { name: 'Declarar y reasignar' }).click();
    await panel
      .getByRole('status')
      .getByText(/^Conflicto de interés registrado\./)
      .waitFor();
    const after = await api<{ assigneeId: string | null; excludedAgents: string[] }>(
      'get',
      `/api/complaints/${caseId}`,
    );
    expect(after.assigneeId).not.toBe(conflicted.id);
    expect(after.excludedAgents).toEqual([conflicted.id]);
    // The declaration and its reason are in the timeline; the button is gone (no longer theirs).
    await agent.getByText('Conflicto de interés declarado').first().waitFor();
    await agent.getByText('La clienta es mi hermana.').waitFor();
    expect(
      await panel.getByRole('button', { name: 'Declarar un conflicto de interés' }).count(),
    ).toBe(0);
    await agent.context().close();
  });

  it('naming the assignee as staff involved in the case page moves the case impartially', async () => {
    const { assigneeId: was } = await api<{ assigneeId: string | null }>(
      'get',
      `/api/complaints/${caseId}`,
    );
    const view = await api<{ people: { id: string; name: string }[] }>(
      'get',
      `/api/complaints/${caseId}/assignment`,
    );
    const wasName = view.people.find((p) => p.id === was)?.name ?? '';
    expect(wasName).not.toBe('');
    await staff.goto(`${server.url}/complaints/${caseId}`);
    const involved = staff.locator('section[aria-labelledby="involved-h"]');
    await involved.getByRole('combobox', { name: 'Personas implicadas' }).click();
    await staff.keyboard.type(wasName);
    await staff.getByRole('option', { name: new RegExp(wasName) }).click();
    await staff.keyboard.press('Escape');
    await involved.getByRole('button', { name: 'Guardar implicados' }).click();
    await involved
      .getByRole('status')
      .getByText(/^Guardado\./)
      .waitFor();
    const patched = await api<{ assigneeId: string | null; staffInvolved: string[] }>(
      'get',
      `/api/complaints/${caseId}`,
    );
    expect(patched.staffInvolved).toEqual([was]);
    expect(patched.assigneeId).not.toBe(was);
    // The assignment panel lists them as left out ("implicado"); the timeline has the change.
    const panel = staff.locator('section[aria-labelledby="assign-h"]');
    await panel.getByText(`${wasName} (implicado)`, { exact: false }).waitFor();
    await staff
      .getByText(patched.assigneeId ? 'Asignada' : 'Sin asignar', { exact: true })
      .first()
      .waitFor();
    // With nobody impartial left, "assign automatically" shows the server's localized refusal.
    if (!patched.assigneeId) {
      await panel.getByRole('button', { name: 'Asignar automáticamente' }).click();
      const refusal = panel.getByRole('alert');
      await refusal.getByText('No se ha podido asignar').waitFor();
      await refusal.getByText('No hay ningún agente imparcial disponible en la unidad.').waitFor();
    }
    if (SHOTS) {
      for (const width of [1280, 390]) {
        await staff.setViewportSize({ width, height: 900 });
        await staff.screenshot({ path: `${SHOTS}/case-assignment-${width}.png`, fullPage: true });
      }
      await staff.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('responds in the case page; the first-response target is met', async () => {
    await staff.goto(`${server.url}/complaints/${caseId}`);
    await staff.getByRole('heading', { name: reference }).waitFor();
    await staff.getByRole('button', { name: 'Marcar evaluada' }).click();
    await staff.getByText('Evaluada', { exact: true }).first().waitFor();
    await staff.getByText('Respuesta final').click();
    await staff
      .getByLabel('Texto')
      .fill('Lamentamos el cargo: le devolvemos la comisión en su cuenta en 48 horas.');
    await staff.getByRole('button', { name: 'Guardar', exact: true }).click();
    await staff.getByText('Respondida', { exact: true }).first().waitFor();
    const card = staff
      .locator('.mantine-Card-root')
      .filter({ hasText: 'Primera respuesta' })
      .first();
    await card.getByText('Cumplido', { exact: true }).waitFor();
    const sla = await api<{ targets: { target: string; status: string }[] }>(
      'get',
      `/api/complaints/${caseId}/sla`,
    );
    expect(sla.targets.find((x) => x.target === 'first_response')?.status).toBe('met');
  });

  it('the customer accepts the response through the mailed link; the agent closes the case with a root cause', async () => {
    await customer.goto(`${server.url}${trackPath}`);
    await customer.getByRole('heading', { name: `Su reclamación ${reference}` }).waitFor();
    await customer.getByText('le devolvemos la comisión', { exact: false }).first().waitFor();
    if (SHOTS)
      await customer.screenshot({ path: `${SHOTS}/track-responded-375.png`, fullPage: true });
    await customer.getByRole('button', { name: 'Acepto', exact: true }).click();
    await customer.getByText('Ha aceptado esta respuesta.').waitFor();

    // The agent closes the case with its root cause and the 5 whys in the case page.
    await staff.goto(`${server.url}/complaints/${caseId}`);
    await staff.getByRole('heading', { name: 'Cerrar con la causa raíz' }).waitFor();
    const causeBox = staff
      .locator('section[aria-labelledby="close-h"] input:not([type="hidden"])')
      .first();
    await causeBox.click();
    await staff.keyboard.type('Tarifa mal');
    await staff.getByRole('option', { name: /Tarifa mal configurada/ }).click();
    await staff
      .getByLabel('5 porqués', { exact: false })
      .fill('La cuenta nómina no tenía la exención configurada.\nEl alta de tarifas no se revisa.');
    if (SHOTS) await staff.screenshot({ path: `${SHOTS}/case-close.png`, fullPage: true });
    await staff.getByRole('button', { name: 'Cerrar el caso' }).click();
    await staff.getByText('Cerrada', { exact: true }).first().waitFor();
    const cats = await api<{ id: string; tree: string; name: string }[]>(
      'get',
      '/api/complaints/categories',
    );
    const cause = cats.find((c) => c.tree === 'cause' && c.name === 'Tarifa mal configurada');
    const closed = await api<{ status: string; causeId: string; fiveWhys: string[] }>(
      'get',
      `/api/complaints/${caseId}`,
    );
    expect(closed.status).toBe('closed');
    expect(closed.causeId).toBe(cause?.id);
    expect(closed.fiveWhys).toHaveLength(2);
  });

  it('the customer rates the handling and the reports show it', async () => {
    await customer.goto(`${server.url}${trackPath}`);
    await customer.getByText('¿Cómo hemos gestionado su reclamación?').waitFor();
    // Keyboard only: arrows move within the 1–5 radios, Tab reaches the comment and the button.
    await customer.getByRole('radio', { name: '1' }).focus();
    await customer.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await customer.keyboard.press('ArrowRight');
    expect(await customer.getByRole('radio', { name: '4' }).isChecked()).toBe(true);
    if (SHOTS) await customer.screenshot({ path: `${SHOTS}/track-rate-375.png`, fullPage: true });
    await customer.keyboard.press('Tab');
    await customer.keyboard.type('Rápido y claro.');
    await customer.keyboard.press('Tab');
    await customer.keyboard.press('Enter');
    await customer.getByText('Gracias por su valoración (4 de 5).').waitFor();
    // The rating is in the customer's history too, and on the staff case page.
    const rated = customer.locator('ol > li').filter({ hasText: 'Su valoración' });
    await rated.getByText('4 de 5').waitFor();
    await rated.getByText('Rápido y claro.').waitFor();
    // The same page in English.
    await customer.getByText('EN', { exact: true }).click();
    await customer.getByText('Thank you for your rating (4 of 5).').waitFor();
    if (SHOTS)
      await customer.screenshot({ path: `${SHOTS}/track-rated-en-375.png`, fullPage: true });

    const after = (await api<{ satisfaction: Satisfaction }>('get', '/api/complaints/reports'))
      .satisfaction;
    expect(after.n).toBe(before.n + 1);
    const expected = ((before.mean ?? 0) * before.n + 4) / (before.n + 1);
    expect(after.mean).toBeCloseTo(expected, 9);

    await staff.goto(`${server.url}/complaints/${caseId}`);
    await staff.getByText('Valoración del cliente sobre la gestión').waitFor();
    await staff.getByText('4 de 5').first().waitFor();
    await staff.getByText('Valoración del cliente', { exact: true }).waitFor(); // timeline entry
    if (SHOTS) await staff.screenshot({ path: `${SHOTS}/case-rated-1280.png`, fullPage: true });

    await staff.goto(`${server.url}/complaints/reports`);
    const sat = staff.locator('section[aria-labelledby="sat-h"]');
    await sat.getByText('Satisfacción tras el cierre').waitFor();
    // Spanish decimals: "3,37 / 5"
    await sat.getByText(`${after.mean?.toFixed(2).replace('.', ',')} / 5`).waitFor();
    await sat.getByText(`${after.n} valoraciones`, { exact: false }).waitFor();
  });
  it('staff key in a counter complaint naming the staff involved; it is never assigned to them', async () => {
    await staff.goto(`${server.url}/complaints/new`);
    await staff.getByRole('combobox', { name: 'Unidad', exact: true }).click();
    await staff.keyboard.type('Bilbao');
    await staff
      .getByRole('option', { name: /Bilbao/ })
      .first()
      .click();
    await staff.getByLabel('Asunto').fill('Trato en ventanilla');
    await staff.getByLabel('Descripción de la reclamación').fill('La clienta se queja del trato.');
    await staff.getByLabel('Nombre del cliente').fill('Marta Prueba');
    await staff.getByRole('combobox', { name: 'Personas implicadas' }).click();
    await staff.keyboard.type('Ana Conf');
    await staff.getByRole('option', { name: /Ana Conflicto/ }).click();
    await staff.keyboard.press('Escape');
    await staff.getByRole('button', { name: 'Registrar', exact: true }).click();
    await staff.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    const id = new URL(staff.url()).pathname.split('/').pop() ?? '';
    const c = await api<{ channel: string; staffInvolved: string[]; assigneeId: string | null }>(
      'get',
      `/api/complaints/${id}`,
    );
    expect(c.channel).toBe('counter');
    expect(c.staffInvolved).toEqual([conflicted.id]);
    expect(c.assigneeId).not.toBe(conflicted.id);
    await staff
      .locator('section[aria-labelledby="involved-h"]')
      .getByText('Ana Conflicto', { exact: false })
      .first()
      .waitFor();
  });

  it('the case page shows the complaint and the customer first; the agent corrects the classification', async () => {
    await staff.goto(`${server.url}/complaints/${caseId}`);
    await staff.getByRole('heading', { name: 'La reclamación' }).waitFor();
    await staff
      .getByText('Me han cobrado una comisión de mantenimiento <b>indebida</b> este mes.')
      .waitFor();
    await staff.getByText('Lucía Prueba').first().waitFor();
    await staff.getByRole('link', { name: 'lucia@cliente.test' }).waitFor();
    await staff.getByRole('button', { name: 'Corregir clasificación' }).click();
    await staff.getByRole('combobox', { name: 'Gravedad' }).click();
    await staff.getByRole('option', { name: 'Crítica' }).click();
    // the attribute is picked from the shared service-attribute catalogue, stored by its id
    const attrs = await api<{ items: { id: string; nameEs: string }[] }>(
      'get',
      '/api/standards/attributes',
    );
    const attr = attrs.items[0] as { id: string; nameEs: string };
    await staff.getByRole('combobox', { name: 'Atributo del servicio' }).click();
    await staff.getByRole('option', { name: attr.nameEs, exact: true }).click();
    await staff.getByRole('button', { name: 'Guardar clasificación' }).click();
    await staff.getByText(attr.nameEs, { exact: true }).first().waitFor();
    const c = await api<{
      severity: string;
      serviceAttributeId: string | null;
      events: { kind: string }[];
    }>('get', `/api/complaints/${caseId}`);
    expect(c.severity).toBe('critical');
    expect(c.serviceAttributeId).toBe(attr.id);
    expect(c.events.map((e) => e.kind)).toContain('classified');
  });

  it('the list: past due in one click, a filter in the URL, the filtered list exported', async () => {
    await staff.goto(`${server.url}/complaints`);
    await staff.getByRole('heading', { name: 'Reclamaciones' }).waitFor();
    await staff.getByText('Vencidas', { exact: true }).click();
    await staff.waitForURL(/due=overdue/);
    await staff.getByRole('button', { name: 'Más filtros' }).click();
    await staff.getByRole('combobox', { name: 'Gravedad' }).click();
    await staff.getByRole('option', { name: 'Alta' }).click();
    await staff.waitForURL(/severity=high/);
    const want = await api<{ items: { reference: string }[]; total: number }>(
      'get',
      '/api/complaints?due=overdue&severity=high',
    );
    expect(want.total).toBeGreaterThan(0);
    await staff.getByRole('link', { name: want.items[0]?.reference ?? '' }).waitFor();
    const [file] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: 'CSV', exact: true }).click(),
    ]);
    const csv = await readFile((await file.path()) ?? '', 'utf8');
    expect(csv.split('\n')[0]).toContain('Referencia');
    // one record per case; a subject may hold a line break, so count the records' first fields
    expect(csv.match(/^RC-\d{4}-\d{6},/gm) ?? []).toHaveLength(want.total);
    for (const x of want.items) expect(csv).toContain(x.reference);
    // in words in the screen's language, not codes
    expect(csv).toContain(',Alta,');
    expect(csv).not.toMatch(/,(high|received|acknowledged|phone|counter),/);
    // the back button undoes the last filter
    await staff.goBack();
    await staff.waitForURL(
      (u) => u.searchParams.get('due') === 'overdue' && !u.searchParams.has('severity'),
    );
  });
});
