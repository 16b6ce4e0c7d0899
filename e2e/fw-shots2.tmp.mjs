import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
const url = 'http://localhost:4163';
const PW = readFileSync('/tmp/fw/server.log', 'utf8').match(/password: (\S+)/)[1];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const lang of ['es', 'en']) {
  for (const w of [1366, 390]) {
    const ctx = await b.newContext({ viewport: { width: w, height: 900 }, locale: lang === 'es' ? 'es-ES' : 'en-US' });
    const p = await ctx.newPage();
    await p.goto(url + '/login');
    await p.locator('input[type=email], input[name=email]').first().fill('admin@bancohorizonte.es');
    await p.locator('input[type=password]').first().fill(PW);
    await p.locator('button[type=submit]').first().click();
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    await p.goto(url + '/fieldwork/checklists');
    await p.waitForTimeout(1500);
    await p.screenshot({ path: `/tmp/fw/list-${lang}-${w}.png`, fullPage: true });
    await p.getByRole('link', { name: 'Visita a oficina bancaria' }).click();
    await p.waitForTimeout(2000);
    await p.screenshot({ path: `/tmp/fw/editor-${lang}-${w}.png`, fullPage: false });
    const vlist = await p.request.get(url + '/api/fieldwork/visits');
    const v = (await vlist.json()).items.find((x) => x.status !== 'scheduled' && x.kind === 'audit');
    await p.goto(url + '/fieldwork/visits/' + v.id);
    await p.waitForTimeout(1500);
    await p.screenshot({ path: `/tmp/fw/visit-${lang}-${w}.png`, fullPage: true });
    await ctx.close();
  }
}
await b.close();
