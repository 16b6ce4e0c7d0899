#!/usr/bin/env node
// JS a first visit downloads before the app can render, from the built web bundle
// (packages/web/dist; `npm run build -w @fidelia/web` first): each HTML entry's module script
// plus every <link rel="modulepreload"> it lists, compressed here with brotli (quality 11, as
// the build's precompressed .br files) and gzip -9. Budgets: main app < 120 KB brotli, the
// respondent page < 100 KB. Baseline for the ratio: the budget itself. A second line per page
// adds the render-blocking stylesheets (<link rel="stylesheet">), reported against the same budget.
//   node bench/web-first-load.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../packages/web/dist/', import.meta.url).pathname;
const pages = [
  ['main app (index.html)', 'index.html', 120],
  ['respondent page (respond.html)', 'respond.html', 100],
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('| page | files | raw | gzip -9 | brotli q11 | budget (brotli) | met |');
console.log('|---|---|---|---|---|---|---|');
for (const [page, html, budget] of pages)
  for (const withCss of [false, true]) {
    const text = readFileSync(join(dist, html), 'utf8');
    const name = withCss ? `${page} JS + CSS` : page;
    const srcs = [
      ...text.matchAll(/<script type="module"[^>]*src="([^"]+)"/g),
      ...text.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g),
      ...(withCss ? text.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g) : []),
    ].map((m) => m[1]);
    let raw = 0;
    let gz = 0;
    let br = 0;
    for (const s of srcs) {
      const b = readFileSync(join(dist, s.replace(/^\//, '')));
      raw += b.length;
      gz += gzipSync(b, { level: 9 }).length;
      br += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    const ok = br / 1024 < budget;
    console.log(
      `| ${name} | ${srcs.length} | ${kb(raw)} | ${kb(gz)} | **${kb(br)}** | ${budget} KB | ${ok ? 'yes' : 'no'} (${((br / 1024 / budget) * 100).toFixed(0)} % of it) |`,
    );
  }
