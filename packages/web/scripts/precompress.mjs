#!/usr/bin/env node
// After `vite build`: writes .br and .gz next to every text asset in dist/, so the server
// (@fastify/static preCompressed) sends compressed files without compressing per request.
// The respondent page's budget (< 100 KB of compressed JS on a phone) depends on this.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;

let files = 0;
let before = 0;
let after = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (TEXT.test(e.name) && statSync(p).size > 1024) {
      const raw = readFileSync(p);
      const br = brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      });
      writeFileSync(`${p}.br`, br);
      writeFileSync(`${p}.gz`, gzipSync(raw, { level: 9 }));
      files++;
      before += raw.length;
      after += br.length;
    }
  }
}
walk(DIST);
console.log(
  `precompressed ${files} files: ${(before / 1024).toFixed(0)} KB -> ${(after / 1024).toFixed(0)} KB brotli`,
);
