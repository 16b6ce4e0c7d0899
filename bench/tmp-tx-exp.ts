import { PGlite } from '@electric-sql/pglite';
import { pgliteDb } from '../packages/server/src/db/client';
import { migrate } from '../packages/server/src/db/migrate';
const db = pgliteDb(await PGlite.create());
await migrate(db);
const orgId = (await db.query<{ id: string }>(`INSERT INTO orgs (name, slug) VALUES ('B', 'b') RETURNING id`)).rows[0]!.id;
await db.query(`INSERT INTO customers (org_id, external_id, name) SELECT $1, lpad(g::text, 5, '0'), 'C' || g FROM generate_series(1, 23570) g`, [orgId]);
const ids = (await db.query<{ id: string }>('SELECT id FROM customers WHERE org_id=$1', [orgId])).rows.map((r) => r.id);
const N = 70000;
const rows = Array.from({ length: N }, (_, i) => ({ e: `${String(i % 23570).padStart(5, '0')}:1997${String(1 + (i % 12)).padStart(2, '0')}01:${i}`, c: ids[i % ids.length]!, d: `1997-${String(1 + (i % 12)).padStart(2, '0')}-01`, a: (i % 100).toFixed(2), u: 1 }));
const UPSERT = `INSERT INTO retention_transactions (org_id, external_id, customer_id, occurred_on, amount, currency, type, units, import_id)
     SELECT $1, e, c, d::date, a, 'USD', 'purchase', u, NULL FROM unnest($2::text[], $3::uuid[], $4::text[], $5::numeric[], $6::int[]) AS t(e, c, d, a, u)
     ON CONFLICT (org_id, external_id) DO UPDATE SET amount = EXCLUDED.amount WHERE retention_transactions.amount IS DISTINCT FROM EXCLUDED.amount
     RETURNING (xmax = 0) AS inserted`;
async function run(label: string, sql = UPSERT) {
  await db.query('DELETE FROM retention_transactions');
  await db.exec('VACUUM retention_transactions');
  const t = performance.now();
  for (let i = 0; i < N; i += 2000) {
    const b = rows.slice(i, i + 2000);
    await db.query(sql, [orgId, b.map((x) => x.e), b.map((x) => x.c), b.map((x) => x.d), b.map((x) => x.a), b.map((x) => x.u)]);
  }
  const t2 = performance.now();
  for (let i = 0; i < N; i += 2000) {
    const b = rows.slice(i, i + 2000);
    await db.query(sql, [orgId, b.map((x) => x.e), b.map((x) => x.c), b.map((x) => x.d), b.map((x) => x.a), b.map((x) => x.u)]);
  }
  console.log(label, 'insert', (t2 - t).toFixed(0), 'ms; re-run', (performance.now() - t2).toFixed(0), 'ms');
}
const con = (await db.query<{ conname: string; def: string }>(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'retention_transactions'::regclass`)).rows;
console.log(con);
for (let k = 0; k < 2; k++) {
await run('current');
const ofk = con.find((c) => c.def.includes('REFERENCES orgs'))!.conname;
const cfk = con.find((c) => c.def.includes('REFERENCES customers'))!.conname;
await db.exec(`ALTER TABLE retention_transactions DROP CONSTRAINT ${ofk}`);
await run('no org fk');
await db.exec(`ALTER TABLE retention_transactions DROP CONSTRAINT ${cfk}`);
await run('no fks');
await db.exec(`DROP INDEX retention_transactions_customer_idx`);
await run('no fks no cust idx');
await db.exec(`CREATE INDEX retention_transactions_customer_idx ON retention_transactions (org_id, customer_id, occurred_on, id)`);
await db.exec(`ALTER TABLE retention_transactions ADD FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE, ADD FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE`);
const c2 = (await db.query<{ conname: string; def: string }>(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'retention_transactions'::regclass`)).rows;
con.splice(0, con.length, ...c2);
}
await db.close();
