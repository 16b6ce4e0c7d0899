// The server's JavaScript heap kept near what it holds. V8 lets its old generation grow to up to
// 4× what the last full collection kept when a program allocates fast; a long export does (GBs of
// short-lived rows and strings over 200,000 responses, a share of them promoted before they die),
// and the heap went from ≈ 70 to 260 MB of mostly garbage. Next to the embedded database that is
// what breaks the memory budget: PGlite's WebAssembly memory never shrinks, so every MB V8 keeps
// is on top of it. With a fixed 30 % the old generation is collected once it has grown 30 % past
// its live size (more full collections under heavy allocation, mostly on V8's helper thread).
// Set once the server listens, not as a command-line flag: start-up (which allocates most) keeps
// V8's own policy, and the V8 code cache of the bundle, checked against the flags a process
// started with, stays valid. bench/RESULTS.md, "Survey responses export, streamed".
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

export const HEAP_GROWING_PERCENT = 30;

/** After this, one full collection: the limit start-up left (up to 4× then) is recomputed with
 * the new factor at once instead of after the first long request has grown the heap to it. */
const SETTLE_MS = 1000;

export function boundHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setTimeout(() => {
    // Node has no API that runs a collection; --expose-gc set now defines gc() in new contexts.
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    gc?.();
  }, SETTLE_MS).unref();
}
