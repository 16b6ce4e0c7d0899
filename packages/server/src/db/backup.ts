// Logical backup: JSON lines. Line 1 is a header (format, migration); then one line per row,
// `{"t": table, "r": row}`, tables in foreign-key order and self-referencing rows parents first.
// Restore goes into a freshly migrated, empty database at the same migration, in one transaction,
// through json_populate_recordset so every column type round-trips on both engines.

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db, Sql } from './client';
import { latestMigration } from './migrate';

interface TableInfo {
  name: string;
  cols: string[];
  selfFk: { col: string; ref: string } | null;
}

// Not data: schema_migrations is the restore target's own; rate_limits holds throw-away
// counters (per client address or e-mail, no org) that a restored installation starts afresh.
// The analytics aggregates are derived: restore recomputes them from the restored answers
// (restoring them as well would count twice, as the triggers also fire during the restore).
// The complaints' report rows are refreshed by their triggers from the restored cases and SLA
// targets, whichever comes back first (each refresh reads both).
const NOT_BACKED_UP = [
  'schema_migrations',
  'rate_limits',
  'analytics_daily',
  'analytics_monthly',
  'analytics_servqual_daily',
  'analytics_servqual_monthly',
  'analytics_servqual_unit_monthly',
  'analytics_servqual_weekly',
  'analytics_servqual_unit_weekly',
  'analytics_servqual_org',
  'survey_response_counts',
  'complaint_report_facts',
  'complaint_report_days',
];

async function tables(db: Sql): Promise<TableInfo[]> {
  const t = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
      ORDER BY table_name`,
    [NOT_BACKED_UP],
  );
  const fks = await db.query<{ child: string; parent: string; col: string; ref: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            a.attname AS col, ra.attname AS ref
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  const cols = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  );
  const names = t.rows.map((r) => r.name);
  const deps = new Map(names.map((n) => [n, new Set<string>()]));
  for (const f of fks.rows) if (f.child !== f.parent) deps.get(f.child)?.add(f.parent);
  const order: string[] = [];
  const visit = (n: string, seen: Set<string>) => {
    if (order.includes(n) || seen.has(n)) return;
    seen.add(n);
    for (const d of deps.get(n) ?? []) visit(d, seen);
    order.push(n);
  };
  for (const n of names) visit(n, new Set());
  return order.map((name) => {
    const self = fks.rows.find((f) => f.child === name && f.parent === name);
    return {
      name,
      cols: cols.rows.filter((c) => c.table_name === name).map((c) => c.column_name),
      selfFk: self ? { col: self.col, ref: self.ref } : null,
    };
  });
}

/** Parents before children for a self-referencing table. */
function parentsFirst(rows: Record<string, unknown>[], fk: { col: string; ref: string }) {
  const out: Record<string, unknown>[] = [];
  const done = new Set<unknown>();
  let rest = rows;
  while (rest.length) {
    const next = rest.filter((r) => r[fk.col] == null || done.has(r[fk.col]));
    if (!next.length) throw new Error('cycle in self-referencing rows');
    for (const r of next) {
      out.push(r);
      done.add(r[fk.ref]);
    }
    rest = rest.filter((r) => !next.includes(r));
  }
  return out;
}

// bytea columns (fieldwork photos) come back as Uint8Array (PGlite) or Buffer (node-postgres),
// which JSON would turn into an object of numbers; PostgreSQL's hex input form `\x…` is a string
// that json_populate_recordset reads back into bytea on both engines.
function byteaAsHex(row: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Uint8Array) {
      out ??= { ...row };
      out[k] = `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
    }
  }
  return out ?? row;
}

export async function backup(db: Db, file: string): Promise<Record<string, number>> {
  const out = createWriteStream(file);
  const write = async (o: unknown) => {
    if (!out.write(`${JSON.stringify(o)}\n`)) await once(out, 'drain');
  };
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    await write({ format: 'fidelia-backup', version: 1, migration: await latestMigration(tx) });
    for (const t of await tables(tx)) {
      const r = await tx.query<Record<string, unknown>>(
        `SELECT ${t.cols.map((c) => `"${c}"`).join(', ')} FROM "${t.name}"`,
      );
      const rows = t.selfFk ? parentsFirst(r.rows, t.selfFk) : r.rows;
      for (const row of rows) await write({ t: t.name, r: byteaAsHex(row) });
      counts[t.name] = rows.length;
    }
  });
  out.end();
  await once(out, 'finish');
  return counts;
}

export async function restore(db: Db, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const info = new Map((await tables(tx)).map((t) => [t.name, t]));
    let header = true;
    let batch = null as { t: string; rows: unknown[] } | null;
    const flush = async () => {
      if (!batch?.rows.length) return;
      const t = info.get(batch.t);
      if (!t) throw new Error(`backup has unknown table ${batch.t}`);
      const cols = t.cols.map((c) => `"${c}"`).join(', ');
      await tx.query(
        `INSERT INTO "${t.name}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${t.name}", $1::json)`,
        [JSON.stringify(batch.rows)],
      );
      counts[t.name] = (counts[t.name] ?? 0) + batch.rows.length;
      batch.rows = [];
    };
    // Created here, after the awaits above: a readline iterator created earlier loses lines.
    const lines = createInterface({
      input: createReadStream(file),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as {
        format?: string;
        migration?: string;
        t?: string;
        r?: unknown;
      };
      if (header) {
        header = false;
        if (o.format !== 'fidelia-backup') throw new Error('not a fidelia backup file');
        const cur = await latestMigration(tx);
        if (o.migration !== cur) throw new Error(`backup is at ${o.migration}, database at ${cur}`);
        const orgs = await tx.query('SELECT 1 FROM orgs LIMIT 1');
        if (orgs.rows.length) throw new Error('restore needs an empty database');
        continue;
      }
      if (!o.t) continue;
      if (batch?.t !== o.t || batch.rows.length >= 500) {
        await flush();
        batch = { t: o.t, rows: [] };
      }
      batch.rows.push(o.r);
    }
    await flush();
    // The aggregates are recomputed from the restored answers, not trusted to the triggers:
    // tables come back in foreign-key order, which need not be the order in which the app
    // writes responses and answers (the triggers' contract).
    await tx.query('SELECT fid_analytics_rebuild(NULL)');
  });
  return counts;
}
