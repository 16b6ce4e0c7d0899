#!/usr/bin/env node
// `npm start`: builds the web bundle when it is missing or older than its sources, compiles the
// server when its bundle is missing or stale (scripts/build-server.mjs; normally done at
// install), then runs it on the embedded database unless DATABASE_URL is set.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServerBuild } from './build-server.mjs';
import { SERVER_NODE_ARGS } from './server-node-args.mjs';

const web = 'packages/web';
const built = join(web, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// WEB_DIST set: the operator serves a bundle of their own, nothing to build here.
const stale =
  !process.env.WEB_DIST &&
  (!existsSync(built) || newest(join(web, 'src')) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building the web app (first start or sources changed)…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@fidelia/web'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The server must never outlive this script, or it keeps the port (and the data directory):
// - termination signals are forwarded, so the server's graceful shutdown runs (in-flight
//   requests finish) and this script exits with the server's code;
// - the IPC channel closes when this script dies in any way (even kill -9), and the server
//   then shuts down by itself (main.ts);
// - when our own parent (npm, or the `sh -c` npm runs us through) dies without passing the
//   signal on, we are re-parented: treated as a SIGTERM.
// A failed compile falls back to running the TypeScript through tsx (slower start, same server).
let entry = ['packages/server/dist/main.js'];
try {
  await ensureServerBuild();
} catch (e) {
  console.error(`Compiling the server failed (${e.message}); running it from sources.`);
  entry = ['--import', 'tsx', 'packages/server/src/main.ts'];
}
const server = spawn(process.execPath, [...SERVER_NODE_ARGS, ...entry], {
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
const stop = (sig) => server.exitCode === null && server.kill(sig);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop('SIGTERM'), 1000).unref();
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
