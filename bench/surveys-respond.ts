// Respondent page: compressed JS size of the respondent bundle (budget < 100 KB) and time to
// interactive in Chromium on a throttled network, as a ratio to the main app bundle (its login
// page, the lightest screen of the app) measured in the same run.
//   npx tsx bench/surveys-respond.ts [runs per page=3] [profile=fast3g|slow3g|4g]
// Steps: vite build of packages/web into a temporary directory; the real app (buildApp, PGlite in
// memory, an open NPS survey) serving that build; Debian Chromium through playwright-core (flags
// from e2e/harness.ts), a fresh context per load, cache disabled, network throttled with
// CDP Network.emulateNetworkConditions. Sizes: every script the page actually loaded, read from
// the build and compressed here with gzip -9 and brotli q11 (what precompression would serve);
// "transferred" is what the server really sent (it does not compress).
// TTI = max(first usable control in the DOM, end of the last long task before a 1 s quiet window),
// from navigation start; the respondent run also clicks an NPS answer and checks it took.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { chromium } from 'playwright-core';
import { chromiumArgs, repoRoot } from '../e2e/harness';
import { buildApp } from '../packages/server/src/app';
import { pgliteDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
import { testConfig } from '../packages/server/test/harness';

const RUNS = Number(process.argv[2] ?? 3);
const PROFILE = process.argv[3] ?? 'fast3g';
// Chrome DevTools presets (bytes/s, ms): "Fast 3G"/"Slow 4G" and "Slow 3G"; plus a plain 4G.
const PROFILES: Record<string, { latency: number; down: number; up: number }> = {
  fast3g: { latency: 562.5, down: (1.6e6 * 0.9) / 8, up: (750e3 * 0.9) / 8 },
  slow3g: { latency: 2000, down: (500e3 * 0.8) / 8, up: (500e3 * 0.8) / 8 },
  '4g': { latency: 170, down: 9e6 / 8, up: 9e6 / 8 },
};
const profile = PROFILES[PROFILE];
if (!profile) throw new Error(`unknown network profile ${PROFILE}`);
const net = profile;
if (!net) throw new Error(`unknown profile ${PROFILE}`);

interface TLoad {
  tti: number;
  control: number;
  fcp: number;
  longTasks: number;
  scripts: string[];
  transferredJs: number;
  transferredAll: number;
  requests: number;
  clicked: boolean;
}

const KB = (n: number) => +(n / 1024).toFixed(1);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// Installed before any page script: long tasks and the moment the first usable control exists.
const probe = (selector: string) => `
  window.__lt = []; window.__ctl = null;
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.startTime + e.duration]); })
        .observe({ type: 'longtask', buffered: true }); } catch {}
  const look = () => { if (window.__ctl === null && document.querySelector(${JSON.stringify(selector)})) window.__ctl = performance.now(); };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
`;

async function main() {
  const load0 = loadavg()[0] ?? 0;
  const out = mkdtempSync(join(tmpdir(), 'fid-respond-bench-'));
  process.stdout.write(`building packages/web into ${out} ...\n`);
  execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: join(repoRoot, 'packages/web'),
    stdio: 'inherit',
  });

  const db = pgliteDb(new PGlite());
  await migrate(db);
  const o = await db.query<{ id: string }>(
    `INSERT INTO orgs (name, slug) VALUES ('Banco Bench', 'bench') RETURNING id`,
  );
  const orgId = (o.rows[0] as { id: string }).id;
  await ensureSurveyFromTemplate(db, orgId, 'nps_relational', 'NPS', { slug: 'bench-nps' });
  const app = await buildApp({
    config: testConfig({ rateLimitAuth: 1e6, rateLimitSurvey: 1e6 }),
    db,
    logger: false,
    webDist: out,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: chromiumArgs,
  });

  const pages = {
    respondent: { path: '/s/bench-nps', control: 'input[type=radio]' },
    app: { path: '/login', control: 'input[type=password]' },
  } as const;

  async function load(kind: keyof typeof pages): Promise<TLoad> {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'es-ES',
    });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: net.latency,
      downloadThroughput: net.down,
      uploadThroughput: net.up,
    });
    const types = new Map<string, string>();
    let transferredJs = 0;
    let transferredAll = 0;
    let requests = 0;
    const scripts: string[] = [];
    cdp.on('Network.responseReceived', (e) => {
      types.set(e.requestId, e.type);
      if (e.type === 'Script') scripts.push(new URL(e.response.url).pathname);
    });
    cdp.on('Network.loadingFinished', (e) => {
      requests++;
      transferredAll += e.encodedDataLength;
      if (types.get(e.requestId) === 'Script') transferredJs += e.encodedDataLength;
    });
    await page.addInitScript(probe(pages[kind].control));
    await page.goto(base + pages[kind].path, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction('window.__ctl !== null', null, { timeout: 120_000 });
    // quiet window: no long task during the last second
    for (let i = 0; i < 30; i++) {
      const quiet = await page.evaluate(
        'performance.now() - Math.max(0, ...window.__lt.map((t) => t[1])) > 1000',
      );
      if (quiet) break;
      await page.waitForTimeout(250);
    }
    const m = (await page.evaluate(`({
      ctl: window.__ctl,
      lt: window.__lt,
      fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null,
    })`)) as { ctl: number; lt: [number, number][]; fcp: number | null };
    const lastLt = Math.max(0, ...m.lt.map((t) => t[1]));
    let clicked = true;
    if (kind === 'respondent') {
      const opt = page.locator('input[type=radio]').nth(9);
      await opt.check({ timeout: 10_000 });
      clicked = await opt.isChecked();
    }
    await ctx.close();
    return {
      tti: Math.round(Math.max(m.ctl, lastLt)),
      control: Math.round(m.ctl),
      fcp: Math.round(m.fcp ?? 0),
      longTasks: m.lt.length,
      scripts,
      transferredJs,
      transferredAll,
      requests,
      clicked,
    };
  }

  const results: Record<string, TLoad[]> = { respondent: [], app: [] };
  await load('respondent'); // warm the server (first render, caches); not counted
  await load('app');
  for (let i = 0; i < RUNS; i++) {
    for (const kind of i % 2
      ? (['app', 'respondent'] as const)
      : (['respondent', 'app'] as const)) {
      const r = await load(kind);
      results[kind]?.push(r);
      process.stdout.write(
        `${kind.padEnd(10)} run ${i + 1}: TTI ${r.tti} ms (control ${r.control}, FCP ${r.fcp}, long tasks ${r.longTasks}), ${r.requests} requests, ${KB(r.transferredAll)} KB transferred${kind === 'respondent' ? `, click ${r.clicked ? 'ok' : 'FAILED'}` : ''}\n`,
      );
    }
  }

  // Compressed size of the scripts each page loaded (from the build on disk).
  const sizeOf = (paths: string[]) => {
    let raw = 0;
    let gz = 0;
    let br = 0;
    for (const p of new Set(paths)) {
      const buf = readFileSync(join(out, p));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
      br += brotliCompressSync(buf, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
        },
      }).length;
    }
    return { files: new Set(paths).size, raw: KB(raw), gzip: KB(gz), brotli: KB(br) };
  };
  const summary = (kind: 'respondent' | 'app') => {
    const rs = results[kind] as TLoad[];
    return {
      jsKB: sizeOf(rs[0]?.scripts ?? []),
      ttiMsMedian: median(rs.map((r) => r.tti)),
      ttiMs: rs.map((r) => r.tti),
      // Chromium sometimes reports no first-contentful-paint entry (0 here): left out
      fcpMsMedian: median(rs.map((r) => r.fcp).filter((x) => x > 0)),
      transferredKB: KB(median(rs.map((r) => r.transferredAll))),
      requests: median(rs.map((r) => r.requests)),
    };
  };
  const resp = summary('respondent');
  const main = summary('app');
  const report = {
    profile: { name: PROFILE, latencyMs: net.latency, downKBps: KB(net.down), upKBps: KB(net.up) },
    runs: RUNS,
    loadAverage: `${load0.toFixed(1)} -> ${(loadavg()[0] ?? 0).toFixed(1)}`,
    respondent: resp,
    app: main,
    ratio: {
      jsGzip: +(resp.jsKB.gzip / main.jsKB.gzip).toFixed(2),
      jsBrotli: +(resp.jsKB.brotli / main.jsKB.brotli).toFixed(2),
      tti: +(resp.ttiMsMedian / main.ttiMsMedian).toFixed(2),
    },
    budget: {
      limitKB: 100,
      respondentGzipKB: resp.jsKB.gzip,
      ok: resp.jsKB.gzip < 100 && resp.jsKB.brotli < 100,
    },
    clicksOk: (results.respondent as TLoad[]).every((r) => r.clicked),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await browser.close();
  await app.close();
  await db.close();
  rmSync(out, { recursive: true, force: true });
  process.exit(report.budget.ok && report.clicksOk ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
