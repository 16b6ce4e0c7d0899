#!/usr/bin/env node
// Compiles packages/server (with the workspace packages it imports) into a code-split ESM bundle
// in packages/server/dist, so the `fidelia` command and `npm start` run plain JavaScript instead
// of loading ~640 modules through tsx at every start. Run by `npm install`/`npm ci` (postinstall)
// and again by the bin and start script whenever a source is newer than the bundle; never
// committed. Development and tests keep running the TypeScript through tsx.
//
//   node scripts/build-server.mjs          build when stale (no output when up to date)
//   node scripts/build-server.mjs --force  always build
//   … --template                            also make the embedded database template
//                                           (packages/server/src/db/pglite-template.ts)
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'packages/server');
export const DIST = join(server, 'dist');
const STAMP = join(DIST, 'cli.js');
// Everything whose change must trigger a rebuild: the sources bundled in, and this script.
const SOURCES = [
  join(server, 'src'),
  join(root, 'packages/stats/src'),
  join(root, 'packages/contracts/src'),
  join(server, 'package.json'),
  fileURLToPath(import.meta.url),
];

// Loaded at run time from node_modules rather than bundled: native addons (argon2), packages
// that locate their own files next to their code (PGlite's wasm and data bundle, pino's worker
// transports), optional native drivers pg probes for, and exceljs, which the CLI imports only
// for .xlsx files (bundled it would be parsed on every start or need its own chunk of ~2 MB).
const EXTERNAL = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  '@node-rs/argon2',
  'pg-native',
  'pino',
  'thread-stream',
  'exceljs',
  'clamscan',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    // Tests are not bundled; editing one must not cost a rebuild.
    if (e.isFile() && /\.test\.ts$/.test(e.name)) continue;
    t = Math.max(t, newest(join(path, e.name)));
  }
  return t;
}

/** True when the bundle is missing or older than any source it was built from. */
export function serverBuildStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

// `new URL('./migrations', import.meta.url)` in a source file must keep meaning "next to this
// source file" once the code lives in a chunk in dist/: the .sql migrations, package.json and
// the web bundle are read from their place in the repository at run time, not copied.
const keepSourceUrls = {
  name: 'keep-source-urls',
  setup(build) {
    build.onLoad({ filter: /packages\/(server|stats|contracts)\/src\/.*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromDist = relative(DIST, args.path).split('\\').join('/');
      const contents = text.replace(
        /new URL\(([^()]*?),\s*import\.meta\.url\)/g,
        (_, spec) => `new URL(${spec}, new URL(${JSON.stringify(fromDist)}, import.meta.url))`,
      );
      return { contents, loader: 'ts' };
    });
  },
};

// exceljs (~700 CommonJS files with its dependencies, ~0.5 s of every start) is imported at the
// top of several modules but used only when someone exports or reads a spreadsheet. In the
// bundle it resolves to a stand-in whose first property access requires the real package
// (synchronously: it is CommonJS), so the server and the command start without loading it.
const lazyExceljs = {
  name: 'lazy-exceljs',
  setup(build) {
    build.onResolve({ filter: /^exceljs$/ }, (args) =>
      args.namespace === 'lazy-exceljs'
        ? { path: 'exceljs', external: true }
        : { path: 'exceljs', namespace: 'lazy-exceljs' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-exceljs' }, () => ({
      contents: `
        let real;
        const load = () => (real ??= require('exceljs'));
        export default new Proxy({}, {
          get: (_, key) => load()[key],
          has: (_, key) => key in load(),
        });`,
      loader: 'js',
    }));
  },
};

// The server (`npm start`) runs from one CommonJS bundle, dist/server-<hash>.cjs, loaded by
// dist/main.js through vm.Script with a V8 code cache: Node 20 keeps no compile cache for ES
// modules, so every start used to parse and compile the ~2 MB server bundle (and lazily compile
// the functions start-up calls) again. The cache (dist/server-<hash>.v8cache) is written by the
// first start after the server listens, so it holds the functions start-up compiled; it is
// named after the bundle's content hash (a rebuild never reads a stale one) and rewritten when
// V8 rejects it (another Node version or flags). Everything else (the `fidelia` command, the
// template maker) stays code-split ESM.
const loaderSource = (
  hash,
) => `// Generated by scripts/build-server.mjs: runs ./server-${hash}.cjs with a V8 code cache.
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

// PGlite's WebAssembly starts compiling (V8 background threads) before the bundle is even read;
// db/pglite-wasm.ts takes this promise over. Not for PostgreSQL (DATABASE_URL).
if (!process.env.DATABASE_URL) {
  try {
    const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    globalThis.__fideliaPgliteWasm = WebAssembly.compile(
      readFileSync(new URL('./pglite.wasm', pathToFileURL(pglite))),
    ).catch(() => undefined);
  } catch {}
}
const file = fileURLToPath(new URL('./server-${hash}.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('./server-${hash}.v8cache', import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {}
// esbuild writes ASCII (it escapes the rest): read as latin1, a plain copy, instead of UTF-8
// decoding 3.7 MB at every start.
const bytes = readFileSync(file);
const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
const wrapper = \`(function (exports, require, module, __filename, __dirname, __fideliaImportMetaUrl) {\${source}\\n})\`;
const script = new Script(wrapper, { filename: file, cachedData });
const module = { exports: {} };
globalThis.__fideliaWriteCodeCache =
  cachedData && !script.cachedDataRejected
    ? () => {}
    : () => {
        // Best effort: a read-only checkout only starts slower.
        try {
          const tmp = \`\${cacheFile}.\${process.pid}\`;
          writeFileSync(tmp, script.createCachedData());
          renameSync(tmp, cacheFile);
        } catch {}
      };
script
  .runInThisContext()
  .call(
    module.exports,
    module.exports,
    createRequire(file),
    module,
    file,
    fileURLToPath(new URL('.', import.meta.url)),
    import.meta.url,
  );
`;

export async function buildServer() {
  const { build } = await import('esbuild');
  const { createHash } = await import('node:crypto');
  const { writeFileSync } = await import('node:fs');
  // Built beside dist and swapped in whole, so a process starting meanwhile (or a second build
  // racing this one) never loads a half-written bundle.
  const tmp = `${DIST}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins: [keepSourceUrls, lazyExceljs],
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    // Smaller files parse faster at every start; names are kept for stack traces and logs.
    minify: true,
    keepNames: true,
    logLevel: 'warning',
  };
  const esm = build({
    ...common,
    entryPoints: {
      cli: join(server, 'src/cli.ts'),
      template: join(server, 'src/db/pglite-template.ts'),
    },
    outdir: tmp,
    splitting: true,
    format: 'esm',
    chunkNames: 'chunk-[hash]',
    // CommonJS dependencies bundled into ESM still call require/__dirname.
    banner: {
      js: [
        "import { createRequire as __fideliaCreateRequire } from 'node:module';",
        'const require = __fideliaCreateRequire(import.meta.url);',
      ].join('\n'),
    },
  });
  const cjs = build({
    ...common,
    entryPoints: [join(server, 'src/main.ts')],
    outfile: join(tmp, 'server.cjs'),
    format: 'cjs',
    // The sources' `import.meta.url` means dist/main.js, the file node runs (main.ts compares
    // it with process.argv[1]; keepSourceUrls made the URLs relative to dist/): main.js passes
    // its own URL in.
    define: { 'import.meta.url': '__fideliaImportMetaUrl' },
  });
  await Promise.all([esm, cjs]);
  // The bundle and its cache are named after its content, so a main.js always runs the bundle
  // it was written for (a server starting during a rebuild never pairs a new bundle with an
  // old cache: V8 checks only the source's length).
  const bundle = readFileSync(join(tmp, 'server.cjs'));
  const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  renameSync(join(tmp, 'server.cjs'), join(tmp, `server-${hash}.cjs`));
  renameSync(join(tmp, 'server.cjs.map'), join(tmp, `server-${hash}.cjs.map`));
  writeFileSync(join(tmp, 'main.js'), loaderSource(hash));
  // Chunk names carry a content hash, so new chunks never overwrite ones a running server may
  // still import lazily; the entries (cli.js, main.js) are renamed in last, each atomically.
  // Chunks no build has produced for a day are removed.
  mkdirSync(DIST, { recursive: true });
  const fresh = readdirSync(tmp);
  const entries = new Set(
    ['cli', 'template'].flatMap((e) => [`${e}.js`, `${e}.js.map`]).concat(['main.js']),
  );
  for (const f of fresh.filter((f) => !entries.has(f))) renameSync(join(tmp, f), join(DIST, f));
  for (const f of fresh.filter((f) => entries.has(f))) renameSync(join(tmp, f), join(DIST, f));
  rmSync(tmp, { recursive: true, force: true });
  const keep = new Set(fresh);
  const dayAgo = Date.now() - 86_400_000;
  for (const f of readdirSync(DIST)) {
    const p = join(DIST, f);
    if (!keep.has(f) && statSync(p).mtimeMs < dayAgo) rmSync(p, { force: true });
  }
}

/** Builds when stale; returns true when it built. */
export async function ensureServerBuild({ quiet = false } = {}) {
  if (!serverBuildStale()) return false;
  if (!quiet) process.stderr.write('Compiling the server (first run or sources changed)…\n');
  await buildServer();
  return true;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  // At install time a failure must not fail `npm ci`: the bin and start script then rebuild
  // (or run the sources through tsx) and a first start runs initdb as it did before.
  try {
    const force = process.argv.includes('--force');
    const t0 = performance.now();
    if (force) await buildServer();
    const built = force || (await ensureServerBuild({ quiet: true }));
    if (built) {
      process.stdout.write(
        `server compiled to packages/server/dist in ${Math.round(performance.now() - t0)} ms\n`,
      );
    }
    if (process.argv.includes('--template')) {
      const t1 = performance.now();
      const url = pathToFileURL(join(DIST, 'template.js')).href;
      const { ensurePgliteTemplate } = await import(url);
      if (await ensurePgliteTemplate()) {
        process.stdout.write(
          `embedded database template made in ${Math.round(performance.now() - t1)} ms\n`,
        );
      }
    }
  } catch (e) {
    process.stderr.write(`build-server: skipped (${e.message})\n`);
  }
}
