// Property: the aggregate tables (migration 500, kept by triggers) always equal a full
// recomputation from survey_responses + survey_answers done here in plain TypeScript (not by
// the migration's SQL), after random sequences of batch inserts, resumed partials, edits of
// single answers, unit/channel moves, deletions and GDPR erasures (the customer blanked and
// their responses deleted). The monthly rollup (migration 503) equals the same recomputation
// summed by month, and the reads that join whole months from the rollup with partial months
// from the day grain equal the recomputation over the range. The SERVQUAL sums (migration 504)
// equal the stats package's ServqualAccumulator run over the raw answers of each day, unit and
// channel, bit for bit, and so do the report states read over each range. Runs on PGlite and
// PostgreSQL.
import { randomUUID } from 'node:crypto';
import { kanoClassify, SERVQUAL_DIMENSIONS, ServqualAccumulator } from '@fidelia/stats';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestDb } from '../../../test/harness';
import { erase } from '../customers/service';
import { ensureSurveyFromTemplate } from '../surveys/service';
import type { TGrainPart } from './grains';
import { dailyRows, rebuildAggregates, type TScope } from './service';
import { servqualState, servqualSumOffset } from './service-servqual';

let db: TestDb;
let orgId: string;
let ownerId: string;
let surveyId: string;
let units: string[];
const customers: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  const org = await createOrg(db, 'Agregados');
  orgId = org.orgId;
  ownerId = org.users.owner.id;
  surveyId = await ensureSurveyFromTemplate(db, orgId, 'nps_relational', 'Agregados');
  const u = await db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind)
     SELECT $1, $2, 'Sucursal ' || g, 'branch' FROM generate_series(1, 2) g RETURNING id`,
    [orgId, org.companyUnitId],
  );
  units = [org.companyUnitId, ...u.rows.map((r) => r.id)];
  for (let i = 0; i < 4; i++) {
    const c = await db.query<{ id: string }>(
      `INSERT INTO customers (org_id, name, email) VALUES ($1, $2, $3) RETURNING id`,
      [orgId, `Cliente ${i}`, `c${i}@example.test`],
    );
    customers.push((c.rows[0] as { id: string }).id);
  }
});
afterAll(async () => {
  await db.close();
});

const CHANNELS = ['web', 'phone', 'postal'] as const;
// SERVQUAL: all of tangibles (alpha needs a complete dimension) and one item of each other
// dimension (a respondent gap needs a pair in every dimension), and the five weights.
const SQ_ITEMS = [1, 2, 3, 4, 5, 10, 14, 18];
const TAGS = [
  'nps',
  'csat',
  ...SQ_ITEMS.flatMap((k) => [`servqual:E:${k}`, `servqual:P:${k}`]),
  ...SERVQUAL_DIMENSIONS.map((d) => `importance:${d}`),
  'kano:wifi:functional',
  'kano:wifi:dysfunctional',
] as const;
const valueFor = (tag: string, v: number) =>
  tag === 'nps'
    ? v % 11
    : tag === 'csat'
      ? (v % 5) + 1
      : tag.startsWith('kano')
        ? (v % 5) + 1
        : (v % 7) + 1;

const arbAnswers = fc.oneof(
  fc.uniqueArray(fc.record({ tag: fc.constantFrom(...TAGS), v: fc.nat(100) }), {
    selector: (a) => a.tag,
    maxLength: TAGS.length,
  }),
  // every tag answered: complete dimensions, respondent gaps and weights occur
  fc
    .array(fc.nat(100), { minLength: TAGS.length, maxLength: TAGS.length })
    .map((vs) => TAGS.map((tag, i) => ({ tag, v: vs[i] as number }))),
);
const arbResponse = fc.record({
  complete: fc.boolean(),
  unit: fc.option(fc.nat(2), { nil: null }),
  channel: fc.constantFrom(...CHANNELS),
  day: fc.nat(5),
  customer: fc.option(fc.nat(3), { nil: null }),
  answers: arbAnswers,
});
type TResp = typeof arbResponse extends fc.Arbitrary<infer T> ? T : never;
const arbOp = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), rs: fc.array(arbResponse, { maxLength: 5 }) }),
  fc.record({ op: fc.constant('resume' as const), pick: fc.nat(), r: arbResponse }),
  fc.record({ op: fc.constant('edit' as const), pick: fc.nat(), v: fc.nat(100) }),
  fc.record({ op: fc.constant('move' as const), pick: fc.nat(), r: arbResponse }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('erase' as const), customer: fc.nat(3) }),
);

// 9 days apart: Jan 1, 10, 19, 28, Feb 6, 15 (two months, so the rollup has several rows).
const at = (day: number) => new Date(Date.UTC(2026, 0, 1 + day * 9, 12)).toISOString();
const unitOf = (r: TResp) => (r.unit === null ? null : (units[r.unit] as string));

async function insertBatch(rs: TResp[]) {
  // One statement for the responses and one for the answers, like the submit path batches.
  const ids = rs.map(() => randomUUID());
  if (rs.length === 0) return;
  await db.query(
    `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
        customer_id, org_unit_id, raw, body_hash, submitted_at)
     SELECT $1, u.id, $2, 1, u.st, u.ch, 'es', u.cu, u.un, '{}'::jsonb, 'h', u.at
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::timestamptz[])
            AS u(id, st, ch, cu, un, at)`,
    [
      orgId,
      surveyId,
      ids,
      rs.map((r) => (r.complete ? 'complete' : 'partial')),
      rs.map((r) => r.channel),
      rs.map((r) => (r.customer === null ? null : customers[r.customer])),
      rs.map(unitOf),
      rs.map((r) => (r.complete ? at(r.day) : null)),
    ],
  );
  const rows = rs.flatMap((r, i) => r.answers.map((a) => ({ id: ids[i], ...a })));
  await insertAnswers(rows);
}

async function insertAnswers(
  rows: { id: string | undefined; tag: string; v: number }[],
  sql: Pick<TestDb, 'query'> = db,
) {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num)
     SELECT $1, $2, u.id, u.k, '', u.t, u.n
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::float8[]) AS u(id, k, t, n)`,
    [
      orgId,
      surveyId,
      rows.map((r) => r.id),
      rows.map((r) => r.tag.replace(/:/g, '_')),
      rows.map((r) => r.tag),
      rows.map((r) => valueFor(r.tag, r.v)),
    ],
  );
}

async function pickResponse(pick: number): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    'SELECT id FROM survey_responses WHERE org_id = $1 ORDER BY id',
    [orgId],
  );
  if (r.rows.length === 0) return null;
  return (r.rows[pick % r.rows.length] as { id: string }).id;
}

async function apply(op: Op) {
  switch (op.op) {
    case 'insert':
      return insertBatch(op.rs);
    case 'resume': {
      // As repo.updatePartial: the response row is rewritten, its answers replaced.
      const id = await pickResponse(op.pick);
      if (!id) return;
      await db.transaction(async (tx) => {
        await tx.query(
          `UPDATE survey_responses SET status = $3, submitted_at = $4, org_unit_id = $5
            WHERE org_id = $1 AND id = $2`,
          [
            orgId,
            id,
            op.r.complete ? 'complete' : 'partial',
            op.r.complete ? at(op.r.day) : null,
            unitOf(op.r),
          ],
        );
        await tx.query('DELETE FROM survey_answers WHERE org_id = $1 AND response_id = $2', [
          orgId,
          id,
        ]);
        await insertAnswers(
          op.r.answers.map((a) => ({ id, ...a })),
          tx,
        );
      });
      return;
    }
    case 'edit': {
      const a = await db.query<{ response_id: string; tag: string }>(
        'SELECT response_id, tag FROM survey_answers WHERE org_id = $1 ORDER BY response_id, tag',
        [orgId],
      );
      const row = a.rows[op.pick % Math.max(1, a.rows.length)];
      if (!row) return;
      await db.query(
        `UPDATE survey_answers SET num = $4 WHERE org_id = $1 AND response_id = $2 AND tag = $3`,
        [orgId, row.response_id, row.tag, valueFor(row.tag, op.v)],
      );
      return;
    }
    case 'move': {
      const id = await pickResponse(op.pick);
      if (!id) return;
      await db.query(
        'UPDATE survey_responses SET channel = $3, org_unit_id = $4 WHERE org_id = $1 AND id = $2',
        [orgId, id, op.r.channel, unitOf(op.r)],
      );
      return;
    }
    case 'delete': {
      const id = await pickResponse(op.pick);
      if (id)
        await db.query('DELETE FROM survey_responses WHERE org_id = $1 AND id = $2', [orgId, id]);
      return;
    }
    case 'erase': {
      const customerId = customers[op.customer] as string;
      const auth = {
        orgId,
        userId: ownerId,
        role: 'owner',
        unitId: null,
        email: 'o@x.test',
      } as never;
      await erase(db, auth, customerId).catch(() => undefined); // already erased: NOT_FOUND
      await db.query('DELETE FROM survey_responses WHERE org_id = $1 AND customer_id = $2', [
        orgId,
        customerId,
      ]);
      return;
    }
  }
}
type Op = typeof arbOp extends fc.Arbitrary<infer T> ? T : never;

/** The complete responses (UTC day, unit, channel) and each one's answers by tag, read raw. */
async function rawState() {
  const r = await db.query<{ id: string; day: string; unit: string | null; channel: string }>(
    `SELECT id, to_char(coalesce(submitted_at, created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
            org_unit_id AS unit, channel
       FROM survey_responses WHERE org_id = $1 AND status = 'complete'`,
    [orgId],
  );
  const a = await db.query<{ response_id: string; tag: string; num: number }>(
    'SELECT response_id, tag, num FROM survey_answers WHERE org_id = $1',
    [orgId],
  );
  const byResp = new Map<string, Map<string, number>>();
  for (const x of a.rows) {
    const m = byResp.get(x.response_id) ?? new Map<string, number>();
    m.set(x.tag, Number(x.num));
    byResp.set(x.response_id, m);
  }
  return { responses: r.rows, byResp };
}

/** Independent recomputation: key -> summed columns, zero rows dropped. */
async function expected(): Promise<Map<string, number[]>> {
  const { responses, byResp } = await rawState();
  const out = new Map<string, number[]>();
  const add = (key: string, v: number[]) => {
    const cur = out.get(key) ?? new Array<number>(12).fill(0);
    v.forEach((x, i) => {
      cur[i] = (cur[i] ?? 0) + x;
    });
    out.set(key, cur);
  };
  const nil = '00000000-0000-0000-0000-000000000000';
  for (const x of responses) {
    const base = `${x.day}|${x.unit ?? nil}|${x.channel}`;
    add(`${base}|`, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const ans = byResp.get(x.id) ?? new Map<string, number>();
    for (const [tag, v] of ans) {
      if (tag.startsWith('kano:')) continue;
      const hi = tag === 'nps' ? +(v >= 9) : tag === 'csat' ? +(v >= 4) : 0;
      const mid = tag === 'nps' ? +(v >= 7 && v < 9) : tag === 'csat' ? +(v === 3) : 0;
      const lo = tag === 'nps' ? +(v < 7) : tag === 'csat' ? +(v < 3) : 0;
      add(`${base}|${tag}`, [1, v, v * v, hi, mid, lo, 0, 0, 0, 0, 0, 0]);
    }
    const f = ans.get('kano:wifi:functional');
    const d = ans.get('kano:wifi:dysfunctional');
    if (f !== undefined && d !== undefined) {
      const k = kanoClassify(f, d);
      add(`${base}|kano:wifi`, [
        1,
        0,
        0,
        0,
        0,
        0,
        ...['A', 'O', 'M', 'I', 'R', 'Q'].map((c) => +(c === k)),
      ]);
    }
  }
  for (const [k, v] of out) if (v.every((x) => x === 0)) out.delete(k);
  return out;
}

async function stored(): Promise<Map<string, number[]>> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, unit_id, channel, tag, n, sum, sumsq, hi, mid, lo,
            ka, ko, km, ki, kr, kq
       FROM analytics_daily WHERE org_id = $1`,
    [orgId],
  );
  const out = new Map<string, number[]>();
  for (const x of r.rows) {
    const v = ['n', 'sum', 'sumsq', 'hi', 'mid', 'lo', 'ka', 'ko', 'km', 'ki', 'kr', 'kq'].map(
      (c) => Number(x[c]),
    );
    if (v.every((y) => y === 0)) continue;
    out.set(`${x.day}|${x.unit_id}|${x.channel}|${x.tag}`, v);
  }
  return out;
}

const COLS = ['n', 'sum', 'sumsq', 'hi', 'mid', 'lo', 'ka', 'ko', 'km', 'ki', 'kr', 'kq'];

async function storedMonthly(): Promise<Map<string, number[]>> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT to_char(month, 'YYYY-MM-DD') AS month, unit_id, channel, tag, ${COLS.join(', ')}
       FROM analytics_monthly WHERE org_id = $1`,
    [orgId],
  );
  const out = new Map<string, number[]>();
  for (const x of r.rows) {
    const v = COLS.map((c) => Number(x[c]));
    if (v.every((y) => y === 0)) continue;
    out.set(`${x.month}|${x.unit_id}|${x.channel}|${x.tag}`, v);
  }
  return out;
}

/** Sums the rows of `m` (keys day|unit|channel|tag) under key(day, rest). */
function rollUp(
  m: Map<string, number[]>,
  key: (day: string, rest: string) => string | null,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [k, v] of m) {
    const i = k.indexOf('|');
    const to = key(k.slice(0, i), k.slice(i + 1));
    if (to === null) continue;
    const cur = out.get(to) ?? new Array<number>(12).fill(0);
    out.set(
      to,
      cur.map((x, j) => x + (v[j] ?? 0)),
    );
  }
  for (const [k, v] of out) if (v.every((x) => x === 0)) out.delete(k);
  return out;
}
const monthKey = (day: string, rest: string) => `${day.slice(0, 7)}-01|${rest}`;

// Ranges with and without whole months, edges inside months, open ends.
const RANGES: [string | null, string | null][] = [
  [null, null],
  ['2026-01-05', '2026-02-10'],
  ['2026-01-01', '2026-01-31'],
  ['2026-01-10', '2026-01-20'],
  ['2026-02-01', null],
  [null, '2026-01-31'],
  [null, '2026-02-10'],
  ['2026-01-19', null],
  ['2025-12-15', '2026-03-01'],
  // weeks inside the edges (2026-01-08 a Thursday, 2026-02-17 a Tuesday)
  ['2026-01-08', '2026-02-17'],
  ['2026-01-12', '2026-01-25'],
];

/** A whole-day scope over the test survey, every unit. */
const scopeOf = (dayFrom: string | null, dayTo: string | null, channel: string | null = null) =>
  ({
    orgId,
    surveyId,
    since: null,
    until: null,
    daily: true,
    dayFrom,
    dayTo,
    unitIds: null,
    channel,
    language: null,
    segment: null,
  }) satisfies TScope;

/** dailyRows over each range (split by unit and channel) = the recomputation over the range. */
async function rangeReadsMatch(exp: Map<string, number[]>) {
  for (const [dayFrom, dayTo] of RANGES) {
    const scope = scopeOf(dayFrom, dayTo);
    const rows = await dailyRows(
      db,
      scope,
      ['', ...TAGS.filter((t) => !t.startsWith('kano:'))],
      true,
      {
        unit: true,
        channel: true,
      },
    );
    const nil = '00000000-0000-0000-0000-000000000000';
    const got = new Map(
      rows.map((x) => [
        `${x.unitId ?? nil}|${x.channel}|${x.tag}`,
        [x.n, x.sum, x.sumsq, x.hi, x.mid, x.lo, ...Object.values(x.kano)],
      ]),
    );
    const want = rollUp(exp, (day, rest) =>
      (dayFrom === null || day >= dayFrom) && (dayTo === null || day <= dayTo) ? rest : null,
    );
    expect({ range: [dayFrom, dayTo], rows: got }).toEqual({ range: [dayFrom, dayTo], rows: want });
  }
}

async function countsMatch() {
  const a = await db.query<{ version: number; status: string; n: number }>(
    `SELECT version, status, count(*)::int AS n FROM survey_responses WHERE org_id = $1
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [orgId],
  );
  const b = await db.query<{ version: number; status: string; n: number }>(
    `SELECT version, status, n::int AS n FROM survey_response_counts WHERE org_id = $1 AND n <> 0
      ORDER BY 1, 2`,
    [orgId],
  );
  expect(b.rows).toEqual(a.rows);
}

/** SERVQUAL state per day|unit|channel from the raw answers (157 values: the 156 sums, then
 *  the responses with any SERVQUAL answer), zero states dropped. */
async function expectedServqual(
  keyOf: (day: string, unit: string, channel: string) => string | null = (d, u, c) =>
    `${d}|${u}|${c}`,
): Promise<Map<string, { acc: ServqualAccumulator; any: number }>> {
  const { responses, byResp } = await rawState();
  const nil = '00000000-0000-0000-0000-000000000000';
  const out = new Map<string, { acc: ServqualAccumulator; any: number }>();
  for (const x of responses) {
    const key = keyOf(x.day, x.unit ?? nil, x.channel);
    if (key === null) continue;
    const ans = byResp.get(x.id) ?? new Map<string, number>();
    const item = (side: string, k: number) => ans.get(`servqual:${side}:${k}`) ?? null;
    const e = Array.from({ length: 22 }, (_, i) => item('E', i + 1));
    const p = Array.from({ length: 22 }, (_, i) => item('P', i + 1));
    const w = SERVQUAL_DIMENSIONS.map((d) => ans.get(`importance:${d}`) ?? null);
    const cur = out.get(key) ?? { acc: new ServqualAccumulator(), any: 0 };
    cur.acc.push(e, p, w);
    if ([...e, ...p].some((v) => v !== null)) cur.any++;
    out.set(key, cur);
  }
  return out;
}

/** The stored SERVQUAL rows of `table` under the same keys, as 157 values. */
async function storedServqual(
  table: 'daily' | 'monthly' | 'unit_monthly' | 'weekly' | 'unit_weekly' | TGrainPart['grain'],
): Promise<Map<string, number[]>> {
  const org = table === 'day' || table === 'week' || table === 'month';
  const col = table === 'daily' ? 'day' : table.endsWith('weekly') ? 'week' : 'month';
  const channel = table.startsWith('unit_') ? `'*'` : 'channel';
  // the organisation's rollup (migration 506) under the keys of all units and channels
  const r = await db.query<Record<string, unknown>>(
    org
      ? `SELECT to_char(at, 'YYYY-MM-DD') AS d, '*' AS unit_id, '*' AS channel, k, c1, c2, c3,
                c4, c5, c6
           FROM analytics_servqual_org WHERE org_id = $1 AND grain = $2`
      : `SELECT to_char(${col}, 'YYYY-MM-DD') AS d, unit_id, ${channel} AS channel, k, c1, c2,
                c3, c4, c5, c6
           FROM analytics_servqual_${table} WHERE org_id = $1`,
    org ? [orgId, table] : [orgId],
  );
  const out = new Map<string, number[]>();
  for (const x of r.rows) {
    const key = `${x.d}|${x.unit_id}|${x.channel}`;
    const v = out.get(key) ?? new Array<number>(157).fill(0);
    const c = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((n) => Number(x[n]));
    const at = servqualSumOffset(Number(x.k));
    if (!at) throw new Error(`unexpected k ${x.k}`);
    for (let i = 0; i < at[1]; i++) v[at[0] + i] = (v[at[0] + i] ?? 0) + (c[i] as number);
    if (Number(x.k) === 0) v[156] = (v[156] ?? 0) + (c[4] as number);
    out.set(key, v);
  }
  for (const [k, v] of out) if (v.every((y) => y === 0)) out.delete(k);
  return out;
}

/** The Monday of an ISO date's week. */
const mondayOf = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

async function servqualMatches() {
  const asVectors = (m: Map<string, { acc: ServqualAccumulator; any: number }>) => {
    const out = new Map<string, number[]>();
    for (const [k, { acc, any }] of m) {
      const v = [...acc.sums(), any];
      if (v.some((y) => y !== 0)) out.set(k, v);
    }
    return out;
  };
  expect(await storedServqual('daily')).toEqual(asVectors(await expectedServqual()));
  expect(await storedServqual('monthly')).toEqual(
    asVectors(await expectedServqual((d, u, c) => `${d.slice(0, 7)}-01|${u}|${c}`)),
  );
  expect(await storedServqual('unit_monthly')).toEqual(
    asVectors(await expectedServqual((d, u) => `${d.slice(0, 7)}-01|${u}|*`)),
  );
  expect(await storedServqual('weekly')).toEqual(
    asVectors(await expectedServqual((d, u, c) => `${mondayOf(d)}|${u}|${c}`)),
  );
  expect(await storedServqual('unit_weekly')).toEqual(
    asVectors(await expectedServqual((d, u) => `${mondayOf(d)}|${u}|*`)),
  );
  expect(await storedServqual('day')).toEqual(asVectors(await expectedServqual((d) => `${d}|*|*`)));
  expect(await storedServqual('week')).toEqual(
    asVectors(await expectedServqual((d) => `${mondayOf(d)}|*|*`)),
  );
  expect(await storedServqual('month')).toEqual(
    asVectors(await expectedServqual((d) => `${d.slice(0, 7)}-01|*|*`)),
  );
  // The report's reads: whole months and whole weeks from the rollups (all channels, or per
  // channel with a channel filter), the rest from the day grain, by unit.
  for (const [[dayFrom, dayTo], channel] of RANGES.flatMap((r) => [
    [r, null] as const,
    [r, 'web'] as const,
  ])) {
    const scope = scopeOf(dayFrom, dayTo, channel);
    const st = await servqualState(db, scope, true);
    const want = await expectedServqual((d, u, c) =>
      (dayFrom === null || d >= dayFrom) &&
      (dayTo === null || d <= dayTo) &&
      (channel === null || c === channel)
        ? u
        : null,
    );
    const nil = '00000000-0000-0000-0000-000000000000';
    const got = new Map([...st.acc].map(([u, acc]) => [u ?? nil, acc.result()]));
    expect({ range: [dayFrom, dayTo, channel], got }).toEqual({
      range: [dayFrom, dayTo, channel],
      got: new Map([...want].map(([u, x]) => [u, x.acc.result()])),
    });
    expect(st.any).toBe([...want.values()].some((x) => x.any > 0));
    // Not by unit: the organisation's rollup without a channel, the units' sums with one.
    const whole = await servqualState(db, scope, false);
    const all = new ServqualAccumulator();
    for (const x of want.values()) all.addSums(x.acc.respondentCount, x.acc.sums());
    expect({ range: [dayFrom, dayTo, channel], got: whole.acc.get(null)?.result() }).toEqual({
      range: [dayFrom, dayTo, channel],
      got: want.size ? all.result() : undefined,
    });
  }
}

it('aggregates equal a full recomputation after random inserts, resumes, edits, moves, deletions and erasures', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(arbOp, { minLength: 1, maxLength: 12 }), async (ops) => {
      await db.query('DELETE FROM survey_responses WHERE org_id = $1', [orgId]);
      for (const op of ops) await apply(op);
      const exp = await expected();
      expect(await stored()).toEqual(exp);
      expect(await storedMonthly()).toEqual(rollUp(exp, monthKey));
      await rangeReadsMatch(exp);
      await countsMatch();
      await servqualMatches();
    }),
    { numRuns: 40, seed: Number(process.env.FC_SEED ?? 11) },
  );
  // The rebuild command's function gives the same tables.
  // Drift in the rollup (a row that should not be there) is cleared by the rebuild too.
  await db.query(
    `INSERT INTO analytics_monthly (org_id, survey_id, month, unit_id, channel, tag, n)
     VALUES ($1, $2, '2020-01-01', '00000000-0000-0000-0000-000000000000', 'web', 'nps', 5)`,
    [orgId, surveyId],
  );
  await db.query(
    `INSERT INTO analytics_servqual_unit_weekly (org_id, survey_id, week, unit_id, k, c1)
     VALUES ($1, $2, '2019-12-30', '00000000-0000-0000-0000-000000000000', 0, 3)`,
    [orgId, surveyId],
  );
  await rebuildAggregates(db, orgId);
  const exp = await expected();
  expect(await stored()).toEqual(exp);
  expect(await storedMonthly()).toEqual(rollUp(exp, monthKey));
  await rangeReadsMatch(exp);
  await countsMatch();
  await servqualMatches();
});

it('a hand-checked day: 3 NPS answers (10, 8, 3) give 1/1/1 and sums 21, 173', async () => {
  await db.query('DELETE FROM survey_responses WHERE org_id = $1', [orgId]);
  const base = { complete: true, unit: 0, channel: 'web' as const, day: 1, customer: null };
  // valueFor('nps', v) = v % 11
  await insertBatch([
    { ...base, answers: [{ tag: 'nps', v: 10 }] },
    { ...base, answers: [{ tag: 'nps', v: 8 }] },
    { ...base, answers: [{ tag: 'nps', v: 3 }] },
  ]);
  const r = await db.query<{
    n: string;
    sum: number;
    sumsq: number;
    hi: string;
    mid: string;
    lo: string;
  }>(
    `SELECT n, sum, sumsq, hi, mid, lo FROM analytics_daily WHERE org_id = $1 AND tag = 'nps' AND n <> 0`,
    [orgId],
  );
  expect(r.rows.map((x) => [x.n, x.sum, x.sumsq, x.hi, x.mid, x.lo].map(Number))).toEqual([
    [3, 21, 100 + 64 + 9, 1, 1, 1],
  ]);
});
