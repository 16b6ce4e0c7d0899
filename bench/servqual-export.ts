// The SERVQUAL bench database's shape, shared by bench/analytics-servqual.ts (which loads and
// exports it) and bench/analytics-sampled.ts (which reuses the kept load): the items per
// dimension, the export's columns, DuckDB over that export, and the app with the owner's session.
import { join } from 'node:path';
import { buildApp } from '../packages/server/src/app';
import type { Db } from '../packages/server/src/db/client';
import { nullMailer } from '../packages/server/src/mail/mailer';
import { login, testConfig } from '../packages/server/test/harness';
import { duckDb } from './analytics-harness';

export const DIMS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];
export const ITEMS = [
  [1, 2, 3, 4],
  [5, 6, 7, 8, 9],
  [10, 11, 12, 13],
  [14, 15, 16, 17],
  [18, 19, 20, 21, 22],
];
/** The export's value columns after id, unit_id and day: E1..E22, P1..P22, W1..W5. */
export const VALUE_COLUMNS = [
  ...Array.from({ length: 22 }, (_, i) => `e${i + 1}`),
  ...Array.from({ length: 22 }, (_, i) => `p${i + 1}`),
  ...DIMS.map((_, j) => `w${j + 1}`),
];

/** Where analytics-servqual.ts writes the export of a load, and duckOverExport reads it. */
export const exportFiles = (dir: string) => ({
  responses: join(dir, 'responses.csv'),
  units: join(dir, 'units.csv'),
});

/** DuckDB (one thread) with the export in `r` and the org units in `units`, outside timings. */
export async function duckOverExport(dir: string) {
  const duck = await duckDb();
  const files = exportFiles(dir);
  const types = VALUE_COLUMNS.map((c) => `'${c}': 'DOUBLE'`).join(', ');
  await duck.run(
    `CREATE TABLE r AS SELECT * FROM read_csv('${files.responses}', header = true,
       columns = {'id': 'UUID', 'unit_id': 'UUID', 'day': 'DATE', ${types}})`,
  );
  await duck.run(
    `CREATE TABLE units AS SELECT * FROM read_csv('${files.units}', header = true,
       columns = {'id': 'UUID', 'parent_id': 'UUID', 'name': 'VARCHAR'})`,
  );
  return duck;
}

/** The app on `db`, the owner's session headers and the first branch (the filtered views' unit). */
export async function appSession(
  db: Db,
  orgId: string,
  owner: { email: string; password: string },
) {
  const app = await buildApp({ config: testConfig(), db, mailer: nullMailer(), logger: false });
  await app.ready();
  const s = await login(app, owner);
  const unit = (
    await db.query<{ id: string }>(
      `SELECT id FROM org_units WHERE org_id = $1 AND kind = 'branch' ORDER BY name LIMIT 1`,
      [orgId],
    )
  ).rows[0]?.id as string;
  return { app, headers: s.headers, unit };
}
