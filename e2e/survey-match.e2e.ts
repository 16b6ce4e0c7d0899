// A survey answer that carries a demo customer's e-mail is suggested as theirs on the response
// detail (never linked by itself); the admin confirms it, and the response shows on that
// customer's timeline. Spanish UI at 1366 px against the demo data.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

describe('surveys: an answer matching a customer by e-mail', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let csrf = '';
  let surveyId = '';
  let customer = { id: '', name: '', email: '' };

  const api = async <T>(method: 'get' | 'post' | 'put', path: string, data?: unknown) => {
    const r = await page.request[method](`${server.url}${path}`, {
      headers: { 'x-csrf-token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const ctx = await browser.newContext({
      locale: 'es-ES',
      viewport: { width: 1366, height: 900 },
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(server.url);
    await page.getByLabel('Correo electrónico').fill(server.adminEmail);
    await page.getByLabel('Contraseña').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    csrf =
      (
        (await (await page.request.get(`${server.url}/api/auth/session`)).json()) as {
          csrfToken?: string;
        }
      ).csrfToken ?? '';
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a public answer with a demo customer e-mail arrives unlinked', async () => {
    const list = await api<{ items: { id: string; name: string; email: string | null }[] }>(
      'get',
      '/api/customers?limit=50',
    );
    const c = list.items.find((x) => x.email);
    if (!c?.email) throw new Error('no demo customer with an e-mail');
    customer = { id: c.id, name: c.name, email: c.email };
    surveyId = (
      await api<{ id: string }>('post', '/api/surveys', {
        name: 'Atención con contacto',
        template: 'csat_transactional',
      })
    ).id;
    const def = (
      await api<{ definition: { pages: { questions: unknown[] }[] } }>(
        'get',
        `/api/surveys/${surveyId}`,
      )
    ).definition;
    def.pages[0]?.questions.push({
      key: 'who',
      type: 'contact',
      title: { es: 'Sus datos', en: 'Your details' },
      fields: ['name', 'email'],
    });
    await api('put', `/api/surveys/${surveyId}/definition`, { definition: def });
    const { slug } = await api<{ slug: string }>('post', `/api/surveys/${surveyId}/publish`);
    // as a respondent would: no staff session
    const r = await fetch(`${server.url}/api/public/surveys/${slug}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: crypto.randomUUID(),
        status: 'complete',
        answers: { csat: 2, who: { name: c.name, email: c.email.toUpperCase() } },
      }),
    });
    expect(r.status, await r.text()).toBe(201);
  });

  it('the response detail suggests the customer; confirming links it', async () => {
    await page.goto(`${server.url}/surveys/${surveyId}/responses`);
    await page.getByRole('button', { name: 'Ver', exact: true }).first().click();
    const alert = page.getByRole('alert').filter({ hasText: '¿Es un cliente conocido?' });
    await alert.getByText(customer.name, { exact: false }).waitFor();
    await alert.getByRole('button', { name: 'Sí, vincular a su ficha' }).click();
    await page.getByText('Vinculada a la ficha de').waitFor();
    const list = await api<{ items: { customerId: string | null }[] }>(
      'get',
      `/api/surveys/${surveyId}/responses`,
    );
    expect(list.items[0]?.customerId).toBe(customer.id);
  });

  it("the response is on the customer's timeline", async () => {
    await page.goto(`${server.url}/customers/${customer.id}`);
    const timeline = page.getByRole('region', { name: 'Historial' });
    await timeline.getByText('Respondió una encuesta: Atención con contacto').first().waitFor();
    await timeline.getByText('Respuesta de encuesta vinculada a este cliente').first().waitFor();
  });
});
