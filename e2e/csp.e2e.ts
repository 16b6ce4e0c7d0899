/// <reference lib="dom" />
// Issue 13 defect 5 in a real browser: the staff app and the respondent page run under their
// Content-Security-Policy with no violation (no inline script, Mantine's run-time styles allowed),
// the respondent page works inside a cross-origin iframe (the embed channel), and the staff app
// refuses to be framed. A control proves the violation listener fires.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './harness';

type Violation = { directive: string; blocked: string; url: string };
declare global {
  interface Window {
    __csp: Violation[];
  }
}

describe('CSP in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let host: Server;
  let hostUrl = '';
  let frameSrc = '';
  const consoleCsp: string[] = [];

  const violations = (p: Page) => p.evaluate(() => window.__csp);
  const watch = (p: Page) =>
    p.on('console', (m) => {
      if (/content security policy/i.test(m.text())) consoleCsp.push(`${p.url()}: ${m.text()}`);
    });

  beforeAll(async () => {
    server = await startServer();
    // A page on another origin (another port) that frames whatever `frameSrc` says.
    host = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><iframe id="f" src="${frameSrc}" width="600" height="800"></iframe>`);
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
    ctx = await browser.newContext({ locale: 'es-ES' });
    // Injected by the browser itself, so the page's CSP does not apply to this listener.
    await ctx.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          url: document.location.href,
        }),
      );
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    watch(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((r) => (host ? host.close(() => r()) : r()));
  });

  it('staff app: log in and open several pages without a CSP violation', async () => {
    await page.goto(server.url);
    await page.getByLabel('Correo electrónico').fill(server.adminEmail);
    await page.getByLabel('Contraseña').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    for (const name of ['Encuestas', 'Clientes', 'Reclamaciones', 'Retención']) {
      await page.getByRole('link', { name }).first().click();
      await page.waitForLoadState('networkidle');
      await page.locator('main h1, main h2').first().waitFor();
    }
    // Mantine injected its <style> elements (what 'unsafe-inline' in style-src is for).
    expect(await page.locator('style').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    expect(consoleCsp).toEqual([]);
  });

  it('control: an inline script in the staff app is blocked and reported', async () => {
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s); // an inline script would run right here, synchronously
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    const v = await violations(page);
    expect(v.map((x) => x.directive)).toContain('script-src-elem');
    await page.reload(); // start the next checks from clean lists
    consoleCsp.length = 0;
  });

  it('respondent page: an open demo survey renders without a CSP violation', async () => {
    const list = await page.evaluate(async () => (await fetch('/api/surveys')).json());
    const survey = (list as { items: { slug: string; status: string }[] }).items.find(
      (s) => s.status === 'open',
    );
    expect(survey, 'an open demo survey').toBeDefined();
    const url = `${server.url}/s/${survey?.slug}`;
    const resp = await page.goto(url);
    expect(resp?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('h1, h2').first().waitFor();
    expect(await violations(page)).toEqual([]);
    frameSrc = `${url}?c=embed`;
  });

  it('respondent page renders inside a cross-origin iframe; the staff app refuses to', async () => {
    const p = await ctx.newPage();
    watch(p);
    await p.goto(hostUrl);
    const frame = p.frameLocator('#f');
    await frame.locator('h1, h2').first().waitFor();
    expect(await violations(p)).toEqual([]);
    // The same host framing the staff app: blocked by frame-ancestors 'none'.
    frameSrc = `${server.url}/`;
    await p.goto(hostUrl);
    const shown = await Promise.all(
      p
        .frames()
        .map((f) => f.evaluate(() => document.querySelector('#root') !== null).catch(() => false)),
    );
    expect(shown).toEqual(shown.map(() => false));
    await p.close();
  });

  it('no CSP complaint reached the console on the allowed pages', () => {
    // Only the staff app's refusal to be framed may have been reported.
    const unexpected = consoleCsp.filter((m) => !/frame-ancestors 'none'/.test(m));
    expect(unexpected).toEqual([]);
  });
});
