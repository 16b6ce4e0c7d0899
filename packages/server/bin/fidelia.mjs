#!/usr/bin/env node
// The `fidelia` command. Runs the compiled bundle in ../dist (scripts/build-server.mjs, made at
// install time and rebuilt here when a source is newer), so a command starts in plain Node
// instead of transpiling hundreds of modules through tsx. FIDELIA_TSX=1 runs the TypeScript
// sources through tsx instead (what the tests compare the bundle against), and so does a failed
// build, so a broken toolchain never locks anyone out of the command.
const { ensureServerBuild } = await import('../../../scripts/build-server.mjs');

async function load() {
  if (process.env.FIDELIA_TSX !== '1') {
    try {
      await ensureServerBuild();
      return await import('../dist/cli.js');
    } catch (e) {
      process.stderr.write(`fidelia: running from sources (compiling failed: ${e.message})\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli.ts');
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
