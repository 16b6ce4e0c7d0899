// Node flags the server runs with under `npm start` (scripts/start.mjs); the benches start the
// compiled server with the same ones, so what they measure is what `npm start` runs.
export const SERVER_NODE_ARGS = [];
