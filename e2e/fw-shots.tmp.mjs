import { chromium } from 'playwright-core';
const url = 'http://localhost:4163';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const pages = process.argv.slice(2);
for (const lang of ['es', 'en']) {
  for (const w of [1366, 390]) {
    const ctx = await b.newContext({ viewport: { width: w, height: 900 }, locale: lang === 'es' ? 'es-ES' : 'en-US' });
    const p = await ctx.newPage();
    await p.goto(url + '/login');
    await p.locator('input[type=email], input[name=email]').first().fill('admin@bancohorizonte.es');
    await p.locator('input[type=password]').first().fill('mVvoDn7Pz1Y_wb6Z');
    await p.locator('button[type=submit]').first().click();
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    for (const path of pages) {
      await p.goto(url + path);
      await p.waitForTimeout(2000);
      if (path.includes('visits') && !path.includes('visits/')) { const btn = p.locator('button', { hasText: lang==='es' ? 'Programar una visita' : 'Schedule a visit' }); if (await btn.count()) { await btn.click(); await p.waitForTimeout(500);} }
      const name = path.replace(/\W+/g, '_');
      await p.screenshot({ path: `/tmp/fw/${name}-${lang}-${w}.png`, fullPage: true });
    }
    await ctx.close();
  }
}
await b.close();
