import { chromium } from 'playwright-core';
const [url, email, password, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const lang of ['es', 'en']) {
  for (const width of [1366, 390]) {
    const ctx = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, locale: lang });
    const page = await ctx.newPage();
    await page.addInitScript((l) => localStorage.setItem('fidelia_lang', l), lang);
    await page.goto(`${url}/login`);
    await page.fill('input[type=email]', email);
    await page.fill('input[type=password]', password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/analytics/, { timeout: 30000 });
    for (const p of paths) {
      await page.goto(`${url}${p}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1200);
      const name = `${p.replace(/[^a-z0-9]+/gi, '_')}_${lang}_${width}.png`;
      await page.screenshot({ path: `/tmp/refactor-shots/${name}`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(name, overflow > 0 ? `OVERFLOW ${overflow}px` : '');
    }
    await ctx.close();
  }
}
await browser.close();
