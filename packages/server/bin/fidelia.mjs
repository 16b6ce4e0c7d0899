#!/usr/bin/env node
// The `fidelia` command. The server is TypeScript run through tsx (no build step),
// so the shim registers tsx's loader and hands over to src/cli.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
