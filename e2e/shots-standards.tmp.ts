import { launchBrowser, startServer } from './harness';

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const lang of ['es', 'en'] as const) {
    const ctx = await browser.newContext({ locale: 'es-ES', viewport: { width: 1366, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(`${server.url}/login`);
    await p.getByLabel('Correo electrónico').fill(server.adminEmail);
    await p.getByLabel('Contraseña').fill(server.adminPassword);
    await p.getByRole('button', { name: 'Entrar' }).click();
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    if (lang === 'en') {
      await p.getByText('EN', { exact: true }).first().click();
      await p.waitForTimeout(800);
    }
    const list = await p.evaluate(async () => (await (await fetch('/api/standards')).json()) as { items: { id: string; code: string }[] });
    const of2 = list.items.find((s) => s.code === 'OF-02')?.id;
    const pages: [string, string][] = [
      ['catalogue', '/standards/catalogue'],
      ['coverage', '/standards/coverage'],
      ['attributes', '/standards/attributes'],
      ['standard', `/standards/s/${of2}`],
      ['edit', `/standards/s/${of2}/edit`],
      ['new', '/standards/new?item=14'],
    ];
    for (const width of [1366, 390]) {
      await p.setViewportSize({ width, height: 900 });
      for (const [name, path] of pages) {
        await p.goto(`${server.url}${path}`);
        await p.waitForLoadState('networkidle');
        await p.waitForFunction(() => !document.querySelector('.mantine-Loader-root'), null, { timeout: 30_000 });
        await p.waitForTimeout(500);
        const sw = await p.evaluate(() => document.documentElement.scrollWidth);
        if (sw > width + 1) console.log(`OVERFLOW ${lang} ${width} ${name}: ${sw}`);
        await p.screenshot({ path: `/tmp/std-shots/${name}-${lang}-${width}.png`, fullPage: true });
      }
    }
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log('done');
