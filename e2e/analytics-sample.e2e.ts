// Issue 11, scale: a report that read a random sample says so on screen. The server runs with a
// sample cap of 100 so the demo's 180 SERVQUAL responses are sampled; the comments page shows
// the API's sample size and scope total in the UI's language and number format, and still fits
// a phone. Screenshots of both languages at 1366 and 390 px go to E2E_SHOTS when set.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { int } from '../packages/web/src/lib/format';
import { launchBrowser, loginAsAdmin, type RunningServer, startServer } from './harness';

describe('analytics: a sampled report says so', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let surveyId: string;

  const api = async <T>(path: string): Promise<T> =>
    (await page.evaluate(async (u) => (await fetch(u)).json(), path)) as T;

  beforeAll(async () => {
    server = await startServer({ FIDELIA_ANALYTICS_SAMPLE_CAP: '100' });
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'es-ES' })).newPage();
    page.setDefaultTimeout(30_000);
    await loginAsAdmin(page, server);
    const list = await api<{ items: { id: string; template: string | null }[] }>('/api/surveys');
    surveyId = list.items.find((s) => s.template === 'servqual')?.id as string;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['es', 'en'] as const) {
    it(`comments (${lang}): the note gives the API's sample and total`, async () => {
      const r = await api<{ n: number; sample: { n: number; of: number | null } | null }>(
        `/api/analytics/surveys/${surveyId}/text`,
      );
      expect(r.sample).toEqual({ n: 100, of: 180 });
      await page.goto(`${server.url}/analytics/comments?survey=${surveyId}`);
      const note = page.getByTestId('sample-note');
      await note.waitFor();
      if (lang === 'en') {
        await page.getByText('EN', { exact: true }).click();
        await note.getByText(/random sample/).waitFor();
      }
      const text = (await note.textContent()) ?? '';
      expect(text).toContain(lang === 'es' ? 'muestra aleatoria de 100' : 'random sample of 100');
      expect(text).toContain(int(180, lang));
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        if (process.env.E2E_SHOTS)
          await page.screenshot({
            path: `${process.env.E2E_SHOTS}/sample-${lang}-${width}.png`,
            fullPage: true,
          });
        // polled: the charts follow a resize on their next frame (ResizeObserver), so right
        // after setViewportSize the page can still hold the 1366 px layout for a moment
        await expect
          .poll(
            () =>
              page.evaluate(
                () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
              ),
            { timeout: 5_000 },
          )
          .toBeLessThanOrEqual(0);
      }
    });
  }
});
