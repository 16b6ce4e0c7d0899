// Throwaway: screenshots of the strategy workspace (es/en, 1366/390). Deleted after use.
import { launchBrowser, startServer } from './harness';

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const lang of ['es', 'en']) {
    for (const width of [1366, 390]) {
      const ctx = await browser.newContext({
        locale: lang === 'es' ? 'es-ES' : 'en-GB',
        viewport: { width, height: 900 },
      });
      const p = await ctx.newPage();
      await p.goto(`${server.url}/login`);
      await p.evaluate((l) => localStorage.setItem('i18nextLng', l), lang);
      await p.goto(`${server.url}/login`);
      await p.locator('input[type=email], input[name=email]').first().fill(server.adminEmail);
      await p.locator('input[type=password]').first().fill(server.adminPassword);
      await p.locator('button[type=submit]').first().click();
      await p.waitForURL((u) => !u.pathname.startsWith('/login'));
      for (const tab of ['triangle', 'value', 'needs', 'orientation']) {
        await p.goto(`${server.url}/strategy/${tab}`);
        await p.waitForTimeout(1500);
        await p.screenshot({ path: `/tmp/strategy/${tab}-${lang}-${width}.png`, fullPage: true });
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log('done');
