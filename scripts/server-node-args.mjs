// Node flags the server runs with under `npm start` (scripts/start.mjs); the benches start the
// compiled server with the same ones, so what they measure is what `npm start` runs.
//
// --v8-pool-size=0: as many V8 helper threads as the machine has cores beside the main thread
// (Node's default is 4 whatever the machine). Those threads compile PGlite's hot WebAssembly
// functions with TurboFan while postgres starts (≈ 0.3 s of CPU in a restart) besides the JS
// compiles and the collector's helpers; on a 2-core machine four of them took turns on the
// cores with the main thread, which does all of the start-up (bundle, PGlite, routes), and a
// restart used ≈ 1.5 s of CPU before its first answer, ≈ 1.1 s with one (bench/RESULTS.md,
// "Boot"). On a larger machine it gives more helpers than the default, never fewer. It is a
// Node option, not a V8 flag: the V8 code cache stays valid with or without it.
export const SERVER_NODE_ARGS = ['--v8-pool-size=0'];
