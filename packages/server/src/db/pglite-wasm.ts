// PGlite's WebAssembly (≈ 10 MB) compiled ahead of `PGlite.create`. Compiling runs on V8's
// background threads, so a server that starts it before loading the rest of its code (main.ts
// imports `./db/pglite-prefetch` first) overlaps it with that work instead of waiting for it
// inside openDb. Without a prefetch openDb lets PGlite read and compile the file itself.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PGliteOptions } from '@electric-sql/pglite';

// The server's TypeScript has no DOM/WebAssembly library types; PGlite's option names the type.
type TWasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;
const wasm = (
  globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<TWasmModule> } }
).WebAssembly;

let compiling: Promise<TWasmModule | undefined> | undefined;

/** Starts compiling pglite.wasm (once); a failure only means PGlite compiles it itself. */
export function prefetchPgliteWasm(): void {
  if (compiling) return;
  // Started even earlier by the compiled server's loader (dist/main.js, scripts/build-server.mjs).
  const early = (globalThis as { __fideliaPgliteWasm?: Promise<TWasmModule | undefined> })
    .__fideliaPgliteWasm;
  if (early) {
    compiling = early;
    return;
  }
  compiling = (async () => {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    return wasm.compile(await readFile(join(dirname(entry), 'pglite.wasm')));
  })().catch(() => undefined);
}

/** The prefetched module, or undefined when none was started (or it failed). */
export function prefetchedPgliteWasm(): Promise<TWasmModule | undefined> {
  return compiling ?? Promise.resolve(undefined);
}
