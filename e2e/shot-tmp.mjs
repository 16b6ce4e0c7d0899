import { chromium } from 'playwright-core';
const [url, email, password, path, out, ...sizes] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const lang of ['es', 'en']) {
  for (const w of sizes.length ? sizes.map(Number) : [1366, 390]) {
    const ctx = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-GB', viewport: { width: w, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(`${url}/login`);
    await p.locator('input[type=email], input[name=email]').first().fill(email);
    await p.locator('input[type=password]').first().fill(password);
    await p.locator('button[type=submit]').first().click();
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    await p.evaluate((l) => localStorage.setItem('i18nextLng', l), lang);
    await p.goto(`${url}${path}`);
    await p.waitForTimeout(Number(process.env.WAIT ?? 3500));
    const sw = await p.evaluate(() => document.documentElement.scrollWidth);
    console.log(lang, w, 'scrollWidth', sw);
    await p.screenshot({ path: `${out}-${lang}-${w}.png`, fullPage: true });
    if (w < 500) {
      const h = await p.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, i = 0; y < h; y += 1300, i++)
        await p.screenshot({ path: `${out}-${lang}-${w}-part${i}.png`, fullPage: true, clip: { x: 0, y, width: w, height: Math.min(1300, h - y) } });
    }
    await ctx.close();
  }
}
await browser.close();
