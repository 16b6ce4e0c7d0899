// A migrated, empty PGlite data directory made once at install time (postinstall, through
// scripts/build-server.mjs) and copied into DATA_DIR/pgdata when the server or a command opens
// an embedded database that does not exist yet. Creating a database inside WASM (initdb) plus
// the migrations takes several seconds and ~1 GB of memory on every first start; copying ~40 MB
// of files takes a fraction of a second. The copy is exactly what initdb + migrate would have
// produced with the same PGlite; migrations added after the template was made are applied on
// top by migrate() as usual, and a template from another PGlite version is never used.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDb } from './client';
import { migrate, migrationFiles } from './migrate';

// FIDELIA_PGLITE_TEMPLATE=off disables the copy (what a first start costs without it: the boot
// benchmark's baseline); another value is a template directory of its own.
const TEMPLATE_ENV = process.env.FIDELIA_PGLITE_TEMPLATE;
export const TEMPLATE_DIR =
  TEMPLATE_ENV && TEMPLATE_ENV !== 'off'
    ? TEMPLATE_ENV
    : fileURLToPath(new URL('../../.pglite-template', import.meta.url));
const MARKER = 'template.json';

interface TMarker {
  pglite: string;
  migrations: string[];
}

function pgliteVersion(): string {
  // The package's exports do not include package.json: walk up from its resolved entry.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

function marker(dir = TEMPLATE_DIR): TMarker | null {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as TMarker;
  } catch {
    return null;
  }
}

/** True when a template made by the installed PGlite with every current migration exists. */
export function templateCurrent(dir = TEMPLATE_DIR): boolean {
  const m = marker(dir);
  if (!m || m.pglite !== pgliteVersion()) return false;
  const names = migrationFiles().map((f) => f.name);
  return names.length === m.migrations.length && names.every((n, i) => m.migrations[i] === n);
}

/** Makes (or remakes, when stale) the template; returns true when it made one. */
export async function ensurePgliteTemplate(dir = TEMPLATE_DIR): Promise<boolean> {
  if (templateCurrent(dir)) return false;
  // Made beside and renamed into place: a process copying the template meanwhile sees either
  // the old complete one or the new complete one (the marker is written last).
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'pgdata'), { recursive: true });
  const pg = await PGlite.create({ dataDir: join(tmp, 'pgdata') });
  const applied = await migrate(pgliteDb(pg));
  await pg.close();
  writeFileSync(
    join(tmp, MARKER),
    JSON.stringify({ pglite: pgliteVersion(), migrations: applied } satisfies TMarker),
  );
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
  return true;
}

/**
 * Fills an empty pgdata directory from the template; false (nothing done) when there is no
 * usable template or the directory already holds a database.
 */
export function copyTemplateInto(pgdata: string, dir = TEMPLATE_DIR): boolean {
  if (TEMPLATE_ENV === 'off') return false;
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) return false;
  const m = marker(dir);
  if (!m || m.pglite !== pgliteVersion()) return false;
  try {
    cpSync(join(dir, 'pgdata'), pgdata, { recursive: true });
    return true;
  } catch {
    // A template removed mid-copy: start from scratch, PGlite then runs initdb as before.
    rmSync(pgdata, { recursive: true, force: true });
    return false;
  }
}
