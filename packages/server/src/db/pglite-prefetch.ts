// Imported first by main.ts for its side effect: when the server will open the embedded
// database (no DATABASE_URL), PGlite's WebAssembly starts compiling before the rest of the
// server's modules are even evaluated (see pglite-wasm.ts).
import { prefetchPgliteWasm } from './pglite-wasm';

if (!process.env.DATABASE_URL) prefetchPgliteWasm();
