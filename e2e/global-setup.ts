// Once per e2e run: compile the server when its bundle is stale (the files run
// packages/server/dist/main.js, as `npm start` does), then make the demo snapshot — a real
// first start on an empty data directory, which seeds the demo organisation, stopped cleanly so
// its PGlite files are consistent. Every file's server starts on a copy (e2e/harness.ts).
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureServerBuild } from '../scripts/build-server.mjs';
import { startServer } from './harness';

export default async function setup(project: TestProject): Promise<() => void> {
  await ensureServerBuild();
  const server = await startServer({}, { fresh: true, keepData: true });
  await server.stop();
  if (!server.adminEmail || !server.adminPassword)
    throw new Error(`the demo's first start printed no credentials:\n${server.output()}`);
  project.provide('e2eSnapshot', {
    dataDir: server.dataDir,
    adminEmail: server.adminEmail,
    adminPassword: server.adminPassword,
  });
  return () => rmSync(server.dataDir, { recursive: true, force: true });
}
