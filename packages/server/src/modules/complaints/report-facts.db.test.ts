// Property: the complaints' report rows (migration 390, kept by statement triggers on complaints
// and complaint_sla_targets) always equal a recomputation done here in plain TypeScript from the
// raw case and target rows (hours between millisecond instants, the UTC day, the repeat key),
// and the migration's own view, after random sequences of multi-row inserts, single and
// set-based updates of reported and unreported columns, SLA target writes (inserted, due/met
// changed, bookkeeping only, deleted) and case deletions. Runs on PGlite and PostgreSQL. The
// per-day and per-month counts kept from those rows (migration 391) equal their recomputation
// here, and the whole organisation's report and SLA compliance read from them (over periods of
// edge days and whole months) equal the same read from the rows.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb } from '../../../test/harness';
import { reportGroups, reportScalars } from './repo-reports';
import { complianceCounts } from './sla/repo-notifications';

let db: TestDb;
let orgId: string;
let units: string[];
let categories: string[];
let ref = 0;

beforeAll(async () => {
  db = await createTestDb();
  const org = await createOrg(db, 'Hechos de reclamos');
  orgId = org.orgId;
  const u = await db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, 'Sucursal', 'branch')
     RETURNING id`,
    [orgId, org.companyUnitId],
  );
  units = [org.companyUnitId, (u.rows[0] as { id: string }).id];
  const c = await db.query<{ id: string }>(
    `INSERT INTO complaint_categories (org_id, tree, name)
     VALUES ($1, 'category', 'Demora'), ($1, 'cause', 'Proceso') RETURNING id`,
    [orgId],
  );
  categories = c.rows.map((r) => r.id);
  await db.query(
    `INSERT INTO customers (org_id, id, name, status)
     VALUES ($1, $2, 'Perdida', 'lost'), ($1, $3, 'Activa', 'active')`,
    [orgId, CUSTOMERS[0], CUSTOMERS[1]],
  );
});
afterAll(async () => {
  await db.close();
});

// complainants: a lost customer (the report's defection counts), an active one, and an id with
// no customer row
const CUSTOMERS = [randomUUID(), randomUUID(), randomUUID()];
const STATUSES = ['received', 'responded', 'closed', 'rejected', 'reopened'] as const;
const TARGETS = ['first_response', 'update', 'resolution'] as const;
// Instants with milliseconds and sub-milliseconds (microseconds are stored by PostgreSQL and
// dropped by the hours, as by the Dates the report's JavaScript readers see).
// Often exactly on the PERIODS' edges: March 20 00:00, April 10 23:59:59.999999, April 11 00:00.
const instant = fc
  .oneof(
    fc.tuple(fc.nat(60 * 24 * 3600), fc.nat(999_999)),
    fc.constantFrom([19 * 86_400, 0], [41 * 86_400 - 1, 999_999], [41 * 86_400, 0]),
  )
  .map(([s, us]) => `2026-03-01T00:00:00Z|${s}|${us}`);
const ts = (x: string | null) => {
  if (x === null) return null;
  const [base, s, us] = x.split('|');
  const d = new Date(Date.parse(base as string) + Number(s) * 1000);
  return `${d.toISOString().slice(0, 19)}.${String(us).padStart(6, '0')}Z`;
};
const arbCase = fc.record({
  unit: fc.option(fc.nat(1), { nil: null }),
  category: fc.boolean(),
  cause: fc.boolean(),
  channel: fc.constantFrom('web', 'phone', 'email'),
  form: fc.constantFrom('complaint', 'unexpressed'),
  status: fc.constantFrom(...STATUSES),
  severity: fc.constantFrom('low', 'high'),
  received: instant,
  firstResponse: fc.option(instant, { nil: null }),
  closed: fc.option(instant, { nil: null }),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  customer: fc.option(fc.constantFrom(...CUSTOMERS), { nil: null }),
  email: fc.option(fc.constantFrom('Ana@Example.test', 'ana@example.test', 'luis@example.test'), {
    nil: null,
  }),
  decision: fc.option(fc.constantFrom('accepted', 'rejected'), { nil: null }),
});
type TCase = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;
// complaints' columns in caseParams order (its first eleven)
const ONE_COLUMNS = [
  'unit_id',
  'category_id',
  'cause_id',
  'channel',
  'form',
  'status',
  'severity',
  'received_at',
  'first_response_at',
  'closed_at',
  'rating',
] as const;
const arbInsert = fc.record({
  op: fc.constant('insert' as const),
  cs: fc.array(arbCase, { minLength: 1, maxLength: 3 }),
});
const arbOp = fc.oneof(
  arbInsert,
  fc.record({ op: fc.constant('update' as const), pick: fc.nat(3), c: arbCase }),
  fc.record({ op: fc.constant('unreported' as const), pick: fc.nat(3) }),
  // one reported column alone (so a figure that reads only it must move by itself)
  fc.record({
    op: fc.constant('one-column' as const),
    pick: fc.nat(3),
    col: fc.nat(ONE_COLUMNS.length - 1),
    c: arbCase,
  }),
  fc.record({
    op: fc.constant('target-met' as const),
    pick: fc.nat(3),
    met: fc.option(instant, { nil: null }),
  }),
  fc.record({ op: fc.constant('severity-of-unit' as const), unit: fc.nat(1) }),
  fc.record({
    op: fc.constant('targets' as const),
    pick: fc.nat(3),
    due: fc.option(instant, { nil: null }),
    met: fc.option(instant, { nil: null }),
  }),
  fc.record({
    op: fc.constant('target-times' as const),
    pick: fc.nat(3),
    due: fc.option(instant, { nil: null }),
    met: fc.option(instant, { nil: null }),
  }),
  fc.record({ op: fc.constant('target-bookkeeping' as const), pick: fc.nat(3) }),
  fc.record({ op: fc.constant('delete-targets' as const), pick: fc.nat(3) }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat(3) }),
);
type TOp = typeof arbOp extends fc.Arbitrary<infer T> ? T : never;

function caseParams(c: TCase) {
  return [
    c.unit === null ? null : units[c.unit],
    c.category ? categories[0] : null,
    c.cause ? categories[1] : null,
    c.channel,
    c.form,
    c.status,
    c.severity,
    ts(c.received),
    ts(c.firstResponse),
    ts(c.closed),
    c.rating,
    c.customer,
    c.email,
    c.decision,
  ];
}

async function pick(n: number): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    'SELECT id FROM complaints WHERE org_id = $1 ORDER BY id',
    [orgId],
  );
  return r.rows.length ? (r.rows[n % r.rows.length] as { id: string }).id : null;
}

async function apply(o: TOp) {
  if (o.op === 'insert') {
    if (!o.cs.length) return;
    // one multi-row statement, as a bulk intake would write
    const cols = o.cs.map(caseParams);
    await db.query(
      `INSERT INTO complaints (org_id, reference, subject, description, unit_id, category_id,
          cause_id, channel, form, status, severity, received_at, first_response_at, closed_at,
          rating, customer_id, contact_email, customer_decision)
       SELECT $1, u.ref, 'Asunto', 'Detalle', u.un, u.cat, u.cau, u.ch, u.fo, u.st, u.se, u.re,
              u.fr, u.cl, u.ra, u.cu, u.em, u.de
         FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[],
                     $12::timestamptz[], $13::int[], $14::uuid[], $15::text[], $16::text[])
              AS u(ref, un, cat, cau, ch, fo, st, se, re, fr, cl, ra, cu, em, de)`,
      [orgId, o.cs.map(() => `R-${++ref}`), ...cols[0]!.map((_, i) => cols.map((c) => c[i]))],
    );
    return;
  }
  if (o.op === 'severity-of-unit') {
    await db.query(
      `UPDATE complaints SET severity = CASE severity WHEN 'low' THEN 'high' ELSE 'low' END
        WHERE org_id = $1 AND unit_id = $2`,
      [orgId, units[o.unit]],
    );
    return;
  }
  const id = await pick(o.pick);
  if (!id) return;
  if (o.op === 'update') {
    await db.query(
      `UPDATE complaints SET unit_id = $3, category_id = $4, cause_id = $5, channel = $6,
          form = $7, status = $8, severity = $9, received_at = $10, first_response_at = $11,
          closed_at = $12, rating = $13, customer_id = $14, contact_email = $15,
          customer_decision = $16, reopen_count = reopen_count + 1
        WHERE org_id = $1 AND id = $2`,
      [orgId, id, ...caseParams(o.c)],
    );
  } else if (o.op === 'one-column') {
    await db.query(
      `UPDATE complaints SET ${ONE_COLUMNS[o.col]} = $3 WHERE org_id = $1 AND id = $2`,
      [orgId, id, caseParams(o.c)[o.col]],
    );
  } else if (o.op === 'target-met') {
    await db.query(
      `UPDATE complaint_sla_targets SET met_at = $3, version = version + 1
        WHERE org_id = $1 AND complaint_id = $2 AND target = $4`,
      [orgId, id, ts(o.met), TARGETS[o.pick % 3]],
    );
  } else if (o.op === 'unreported') {
    await db.query(
      `UPDATE complaints SET subject = subject || '.', updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
  } else if (o.op === 'targets') {
    await db.query(
      `INSERT INTO complaint_sla_targets (org_id, complaint_id, target, target_min, started_at,
          due_at, met_at)
       SELECT $1, $2, t, 60, now(), $3, $4 FROM unnest($5::text[]) t
       ON CONFLICT (org_id, complaint_id, target) DO NOTHING`,
      [orgId, id, ts(o.due), ts(o.met), TARGETS.slice(0, 2 + (o.pick % 2))],
    );
  } else if (o.op === 'target-times') {
    await db.query(
      `UPDATE complaint_sla_targets SET due_at = $3, met_at = $4, version = version + 1
        WHERE org_id = $1 AND complaint_id = $2 AND target = $5`,
      [orgId, id, ts(o.due), ts(o.met), TARGETS[o.pick % 3]],
    );
  } else if (o.op === 'target-bookkeeping') {
    await db.query(
      `UPDATE complaint_sla_targets SET version = version + 1, warned_at = now()
        WHERE org_id = $1 AND complaint_id = $2`,
      [orgId, id],
    );
  } else if (o.op === 'delete-targets') {
    await db.query('DELETE FROM complaint_sla_targets WHERE org_id = $1 AND complaint_id = $2', [
      orgId,
      id,
    ]);
  } else {
    await db.query('DELETE FROM complaints WHERE org_id = $1 AND id = $2', [orgId, id]);
  }
}

const COLUMNS = `complaint_id, received_at, day::text AS day, unit_id, category_id, cause_id,
  channel, form, status, severity, closed, fr_hours, res_hours, rating, reopen_count,
  customer_id, contact_key, decision_rejected, prev_at, next_at, fr_target, fr_due, fr_met, up_target, up_due,
  up_met, rs_target, rs_due, rs_met`;

/** The report rows recomputed in TypeScript from the raw rows. */
async function expected() {
  const cs = await db.query<Record<string, unknown>>(
    `SELECT id, received_at, unit_id, category_id, cause_id, channel, form, status, severity,
            closed_at, first_response_at, rating, reopen_count, customer_id, contact_email,
            customer_decision, (extract(epoch FROM received_at) * 1000000)::bigint::text AS us
       FROM complaints WHERE org_id = $1 ORDER BY id`,
    [orgId],
  );
  const ts = await db.query<{ complaint_id: string; target: string; due_at: Date; met_at: Date }>(
    'SELECT complaint_id, target, due_at, met_at FROM complaint_sla_targets WHERE org_id = $1',
    [orgId],
  );
  const hours = (a: unknown, b: unknown) =>
    a === null ? null : ((a as Date).getTime() - (b as Date).getTime()) / 3_600_000;
  // each complainant's cases by received instant (microseconds), then id
  const keyOf = (c: Record<string, unknown>) =>
    c.customer_id !== null
      ? `c:${c.customer_id}`
      : c.contact_email !== null
        ? `e:${(c.contact_email as string).toLowerCase()}`
        : null;
  const order = [...cs.rows].sort((a, b) => {
    const d = BigInt(a.us as string) - BigInt(b.us as string);
    return d < 0n ? -1 : d > 0n ? 1 : (a.id as string) < (b.id as string) ? -1 : 1;
  });
  const neighbour = (c: Record<string, unknown>, step: 1 | -1) => {
    const k = keyOf(c);
    if (k === null) return null;
    const same = order.filter((x) => keyOf(x) === k);
    return same[same.indexOf(c) + step]?.received_at ?? null;
  };
  return cs.rows.map((c) => {
    const t = (target: string) =>
      ts.rows.find((x) => x.complaint_id === c.id && x.target === target);
    const sla = (p: string, target: string) => ({
      [`${p}_target`]: t(target) !== undefined,
      [`${p}_due`]: t(target)?.due_at ?? null,
      [`${p}_met`]: t(target)?.met_at ?? null,
    });
    return {
      complaint_id: c.id,
      received_at: c.received_at,
      day: (c.received_at as Date).toISOString().slice(0, 10),
      unit_id: c.unit_id,
      category_id: c.category_id,
      cause_id: c.cause_id,
      channel: c.channel,
      form: c.form,
      status: c.status,
      severity: c.severity,
      closed: c.status === 'closed' && c.closed_at !== null,
      fr_hours: hours(c.first_response_at, c.received_at),
      res_hours: hours(c.closed_at, c.received_at),
      rating: c.rating,
      reopen_count: c.reopen_count,
      customer_id: c.customer_id,
      contact_key:
        c.customer_id === null && c.contact_email !== null
          ? (c.contact_email as string).toLowerCase()
          : null,
      decision_rejected: c.customer_decision === 'rejected',
      prev_at: neighbour(c, -1),
      next_at: neighbour(c, 1),
      ...sla('fr', 'first_response'),
      ...sla('up', 'update'),
      ...sla('rs', 'resolution'),
    };
  });
}

// Periods (received dates, inclusive) and scopes the repeat complainants are checked over: open
// ends, both ends, and a unit scope (where the report groups the scope's cases instead).
const PERIODS = [
  [null, null],
  ['2026-03-20', null],
  [null, '2026-04-10'],
  ['2026-03-20', '2026-04-10'],
] as const;

/** Complainants with two cases or more in the period and scope, and their cases, counted here. */
async function repeatsExpected(from: string | null, to: string | null, scope: string[] | null) {
  const r = await db.query<{ customer_id: string | null; contact_email: string | null }>(
    `SELECT customer_id, contact_email FROM complaints
      WHERE org_id = $1 AND ($2::date IS NULL OR received_at >= $2::date)
        AND ($3::date IS NULL OR received_at < $3::date + 1)
        AND ($4::uuid[] IS NULL OR unit_id = ANY($4::uuid[]))`,
    [orgId, from, to, scope],
  );
  const n = new Map<string, number>();
  for (const c of r.rows) {
    const k =
      c.customer_id ?? (c.contact_email === null ? null : `e:${c.contact_email.toLowerCase()}`);
    if (k !== null) n.set(k, (n.get(k) ?? 0) + 1);
  }
  const repeat = [...n.values()].filter((x) => x >= 2);
  return { repeat_customers: repeat.length, repeat_cases: repeat.reduce((a, x) => a + x, 0) };
}

type TFact = Record<string, unknown>;
const msOf = (x: unknown) => (x instanceof Date ? x.getTime() : Date.parse(String(x)));

/**
 * The per-day and per-month counts (migration 391) recomputed here from the report rows: each
 * figure's cases and summed milliseconds at both grains, as "grain day g key" -> [n, s].
 */
function daysExpected(rows: TFact[]) {
  const out = new Map<string, [number, number]>();
  const add = (f: TFact, g: string, key: string, ms = 0) => {
    const day = f.day as string;
    for (const k of [`d ${day}`, `m ${day.slice(0, 8)}01`]) {
      const id = `${k} ${g} ${key}`;
      const o = out.get(id) ?? [0, 0];
      out.set(id, [o[0] + 1, o[1] + ms]);
    }
  };
  for (const f of rows) {
    const sev = f.severity as string;
    add(f, 'total', '');
    if (f.status !== 'closed' && f.status !== 'rejected') add(f, 'open', '');
    if (f.status === 'closed' || f.status === 'rejected' || Number(f.reopen_count) > 0)
      add(f, 'ever_closed', '');
    if (Number(f.reopen_count) > 0) add(f, 'reopened', '');
    if (f.fr_hours !== null) add(f, 'fr', '', Math.round(Number(f.fr_hours) * 3_600_000));
    if (f.closed) add(f, 'res', '', Math.round(Number(f.res_hours) * 3_600_000));
    if (f.rating !== null) add(f, 'rating', String(f.rating));
    for (const g of ['channel', 'form', 'status']) add(f, g, f[g] as string);
    add(f, 'category', (f.category_id as string | null) ?? '');
    if (f.closed && f.cause_id !== null) add(f, 'cause', f.cause_id as string);
    add(f, 'unit', (f.unit_id as string | null) ?? '');
    for (const p of ['fr', 'up', 'rs']) {
      if (!f[`${p}_target`]) continue;
      const due = f[`${p}_due`];
      const met = f[`${p}_met`];
      add(f, `${p}_total`, sev);
      if (met !== null && (due === null || msOf(met) <= msOf(due))) add(f, `${p}_met`, sev);
      if (met !== null && due !== null && msOf(met) > msOf(due)) add(f, `${p}_late`, sev);
      if (met === null) add(f, due === null ? `${p}_paused` : `${p}_open`, sev);
    }
  }
  return out;
}

async function daysStored() {
  const r = await db.query<{
    grain: string;
    day: string;
    g: string;
    key: string;
    n: number;
    s: string;
  }>(
    `SELECT grain, day::text AS day, g, key, n::int AS n, s::text AS s FROM complaint_report_days
      WHERE org_id = $1 AND (n <> 0 OR s <> 0)`,
    [orgId],
  );
  return new Map(r.rows.map((x) => [`${x.grain} ${x.day} ${x.g} ${x.key}`, [x.n, Number(x.s)]]));
}

/** Means may differ in the last bits (milliseconds summed exactly vs hours averaged). */
function expectClose(a: Record<string, unknown>, b: Record<string, unknown>, what: string) {
  for (const k of Object.keys(b)) {
    const x = a[k];
    const y = b[k];
    if (typeof x === 'number' && typeof y === 'number' && !Number.isInteger(y))
      expect(Math.abs(x - y), `${what} ${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
    else expect(x, `${what} ${k}`).toEqual(y);
  }
}

const byKey = (xs: { g: string; key: string | null; n: number }[]) =>
  [...xs].sort((a, b) => `${a.g} ${a.key}`.localeCompare(`${b.g} ${b.key}`));

const read = async (from: string) =>
  (
    await db.query(`SELECT ${COLUMNS} FROM ${from} WHERE org_id = $1 ORDER BY complaint_id`, [
      orgId,
    ])
  ).rows;

it('keeps every case report row equal to its recomputation after random writes', async () => {
  await fc.assert(
    // cases first, so the other writes have cases to pick (few: picks often meet again)
    fc.asyncProperty(
      arbInsert,
      fc.array(arbOp, { minLength: 1, maxLength: 14 }),
      async (first, ops) => {
        await db.query('DELETE FROM complaints WHERE org_id = $1', [orgId]);
        for (const op of [first, ...ops]) await apply(op);
        const stored = await read('complaint_report_facts');
        expect(stored).toEqual(await read('complaint_report_fact_of'));
        // hours: seconds / 3600 in SQL, milliseconds / 3,600,000 here (may differ in the last bit)
        const exp = await expected();
        const hoursOf = (rows: Record<string, unknown>[]) =>
          rows.map((r) => [r.fr_hours, r.res_hours] as (number | null)[]);
        const want = hoursOf(exp);
        for (const [i, hs] of hoursOf(stored).entries()) {
          for (const [j, h] of hs.entries()) {
            const w = want[i]?.[j] ?? null;
            if (h === null || w === null) expect(h).toBe(w);
            else expect(Math.abs(h - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
          }
        }
        const rest = (rows: Record<string, unknown>[]) =>
          rows.map(({ fr_hours: _f, res_hours: _r, ...x }) => x);
        expect(rest(stored)).toEqual(rest(exp));
        expect(await daysStored()).toEqual(daysExpected(stored));
        // the whole organisation's figures from those counts = the same over the report rows;
        // SLA compliance also at instants equal to open targets' due instants (pending or not)
        const dues = await db.query<{ ms: string }>(
          `SELECT DISTINCT (extract(epoch FROM d) * 1000)::bigint::text AS ms
             FROM complaint_report_facts f,
                  LATERAL (VALUES (CASE WHEN fr_met IS NULL THEN fr_due END),
                                  (CASE WHEN up_met IS NULL THEN up_due END),
                                  (CASE WHEN rs_met IS NULL THEN rs_due END)) v(d)
            WHERE org_id = $1 AND d = date_trunc('milliseconds', d)
            LIMIT 3`,
          [orgId],
        );
        const edgeDues = dues.rows.map((x) => Number(x.ms));
        for (const [from, to] of [...PERIODS, ['2026-03-01', '2026-03-31'] as const]) {
          const what = `${from}–${to}`;
          expectClose(
            { ...(await reportScalars(db, orgId, from, to, null)) },
            { ...(await reportScalars(db, orgId, from, to, null, 'rows')) },
            what,
          );
          expect(byKey(await reportGroups(db, orgId, from, to, null)), what).toEqual(
            byKey(await reportGroups(db, orgId, from, to, null, 'rows')),
          );
          for (const now of [...edgeDues, Date.parse('2026-05-01')]) {
            const q = { from, to, unitIds: null, now };
            expect(await complianceCounts(db, orgId, q), what).toEqual(
              await complianceCounts(db, orgId, q, 'rows'),
            );
          }
        }
        for (const [from, to] of PERIODS)
          for (const scope of [null, [units[1] as string]]) {
            const x = await reportScalars(db, orgId, from, to, scope);
            expect(
              { repeat_customers: x.repeat_customers, repeat_cases: x.repeat_cases },
              `${from}–${to} ${scope ? 'scoped' : 'org'}`,
            ).toEqual(await repeatsExpected(from, to, scope));
          }
      },
    ),
    { numRuns: 100, seed: Number(process.env.FC_SEED ?? 7) },
  );
});

/** A plain open case received `h` hours into March (the deterministic tests below). */
const at = (h: number) => `2026-03-01T00:00:00Z|${h * 3600}|0`;
const openCase = (h: number, o: Partial<TCase> = {}): TCase => ({
  unit: 0,
  category: false,
  cause: false,
  channel: 'web',
  form: 'complaint',
  status: 'received',
  severity: 'high',
  received: at(h),
  firstResponse: null,
  closed: null,
  rating: null,
  customer: null,
  email: null,
  decision: null,
  ...o,
});

it('moves an SLA target from met in time to met late in the per-day counts', async () => {
  await db.query('DELETE FROM complaints WHERE org_id = $1', [orgId]);
  const c = openCase(1, { category: true });
  await apply({ op: 'insert', cs: [c] });
  await apply({ op: 'targets', pick: 0, due: at(10), met: at(5) }); // first response, update
  const late = async (p: string) =>
    (
      await db.query<{ n: number }>(
        `SELECT coalesce(sum(n), 0)::int AS n FROM complaint_report_days
          WHERE org_id = $1 AND grain = 'm' AND g = $2`,
        [orgId, `${p}_late`],
      )
    ).rows[0]?.n;
  expect(await late('up')).toBe(0);
  // only the update target's met instant moves, past its due instant (pick 1: 'update')
  await apply({ op: 'target-met', pick: 1, met: at(12) });
  expect(await late('up')).toBe(1);
  expect(await daysStored()).toEqual(daysExpected(await read('complaint_report_facts')));
});

it('keeps the per-day counts through a large set-based target update (rows paired)', async () => {
  await db.query('DELETE FROM complaints WHERE org_id = $1', [orgId]);
  const cs = Array.from({ length: 90 }, (_, i) =>
    openCase(i, { unit: i % 2, category: i % 3 === 0, severity: i % 2 ? 'high' : 'low' }),
  );
  for (let i = 0; i < cs.length; i += 3) await apply({ op: 'insert', cs: cs.slice(i, i + 3) });
  await db.query(
    `INSERT INTO complaint_sla_targets (org_id, complaint_id, target, target_min, started_at,
        due_at)
     SELECT org_id, id, 'resolution', 60, received_at, received_at + interval '1 day'
       FROM complaints WHERE org_id = $1`,
    [orgId],
  );
  // one statement over 90 targets: every due instant moves (no figure changes while open),
  // and a third are met, some of them after their due instant
  await db.query(
    `UPDATE complaint_sla_targets SET due_at = due_at + interval '1 hour',
            met_at = CASE WHEN extract(hour FROM started_at)::int % 3 = 0
                          THEN started_at + (extract(hour FROM started_at)::int % 2) * interval '3 days'
                     END
      WHERE org_id = $1`,
    [orgId],
  );
  const stored = await read('complaint_report_facts');
  expect(stored.filter((f) => f.rs_met !== null).length).toBeGreaterThan(20);
  expect(await daysStored()).toEqual(daysExpected(stored));
});
