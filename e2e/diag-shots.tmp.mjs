import { chromium } from 'playwright-core';
const [url, email, password, unitId, out] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const lang of ['es', 'en']) {
  for (const w of [1366, 390]) {
    const ctx = await b.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-US', viewport: { width: w, height: 900 } });
    await ctx.request.post(`${url}/api/auth/login`, { data: { email, password } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(60000);
    for (const [name, path] of [['gaps', `/diagnostic?unitId=${unitId}`], ['promises', '/diagnostic/promises'], ['actions', '/diagnostic/actions']]) {
      await page.goto(url + path);
      await page.waitForTimeout(name === 'gaps' ? 6000 : 3000);
      await page.screenshot({ path: `${out}/${name}-${lang}-${w}.png`, fullPage: true });
    }
    await ctx.close();
  }
}
await b.close();
