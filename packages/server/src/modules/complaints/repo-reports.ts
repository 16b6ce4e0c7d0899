// SQL of the complaint reports (reports.ts): the period's figures computed in the database, and
// the cases with their names for the case exports. In a unit scope, two statements over the
// period's report rows (complaint_report_facts, with the defection counts over pub_customers);
// over the whole organisation, the counts and means from the per-day and per-month sums
// (repo-report-days.ts) and one pass over the rows for what does not add up.
import type { Sql } from '../../db/client';
import * as days_ from './repo-report-days';

/** A case of the case exports (reports.ts casesTable). */
export interface TReportRow {
  reference: string;
  channel: string;
  form: string;
  status: string;
  severity: string;
  category: string | null;
  unit: string | null;
  cause: string | null;
  received_at: Date | string;
  first_response_at: Date | string | null;
  closed_at: Date | string | null;
  reopen_count: number;
  rating: number | null;
  subject: string;
  assignee: string | null;
}

/** Where a batch of reportRowBatch resumes: the last row's received_at as text (to the
 *  microsecond: a JS Date would drop them and repeat or skip rows) and id. */
export interface TReportCursor {
  at: string;
  id: string;
}

/**
 * The cases received in [from, to] (dates, inclusive) within the unit scope (null = all), in
 * (received_at, id) order, `limit` after the cursor: a keyset batch on complaints_org_received
 * (or complaints_org_unit in a scope), so an export of any size holds one batch.
 */
export async function reportRowBatch(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
  scope: string[] | null,
  after: TReportCursor | null,
  limit: number,
): Promise<(TReportRow & { cursor: TReportCursor })[]> {
  const r = await db.query<TReportRow & { id: string; at: string }>(
    `SELECT c.id, c.received_at::text AS at, c.reference, c.channel, c.form, c.status,
            c.severity, cat.name AS category, u.name AS unit, cause.name AS cause, c.received_at,
            c.first_response_at, c.closed_at, c.reopen_count, c.rating, c.subject,
            a.email AS assignee
       FROM complaints c
       LEFT JOIN complaint_categories cat ON cat.org_id = c.org_id AND cat.id = c.category_id
       LEFT JOIN complaint_categories cause ON cause.org_id = c.org_id AND cause.id = c.cause_id
       LEFT JOIN pub_org_units u ON u.org_id = c.org_id AND u.id = c.unit_id
       LEFT JOIN pub_users a ON a.org_id = c.org_id AND a.id = c.assignee_id
      WHERE c.org_id = $1
        AND ($2::date IS NULL OR c.received_at >= $2::date)
        AND ($3::date IS NULL OR c.received_at < $3::date + 1)
        AND ($4::uuid[] IS NULL OR c.unit_id = ANY($4::uuid[]))
        AND ($5::timestamptz IS NULL OR (c.received_at, c.id) > ($5::timestamptz, $6::uuid))
      ORDER BY c.received_at, c.id
      LIMIT ${Math.trunc(limit)}`,
    [orgId, from, to, scope, after?.at ?? null, after?.id ?? null],
  );
  return r.rows.map(({ id, at, ...row }) => ({ ...row, cursor: { at, id } }));
}

// The period's cases ($1 org, $2/$3 received dates inclusive, $4 unit scope or null): their
// narrow report rows (migration 390: the hours, day and repeat key computed when a case
// changes; names are looked up for the few groups, not joined to every case).
const PERIOD_CASES = `
  SELECT f.channel, f.form, f.status, f.rating, f.reopen_count, f.customer_id, f.contact_key,
         f.decision_rejected, f.category_id, f.unit_id, f.cause_id, f.day, f.closed,
         f.fr_hours AS fr, f.res_hours AS res, f.prev_at, f.next_at
    FROM complaint_report_facts f
   WHERE f.org_id = $1
     AND ($2::date IS NULL OR f.received_at >= $2::date)
     AND ($3::date IS NULL OR f.received_at < $3::date + 1)
     AND ($4::uuid[] IS NULL OR f.unit_id = ANY($4::uuid[]))`;

/** 'auto': the whole organisation from the per-day counts, a unit scope from the cases' report
 * rows; 'rows': always the report rows (the property test holds both to the same figures). */
export type TVia = 'auto' | 'rows';

export type TReportGroup = 'channel' | 'category' | 'unit' | 'status' | 'form' | 'cause' | 'day';

/** One group's case count; `key` is an id, a code or a day (reportGroups). */
export interface TGroupCount {
  g: TReportGroup;
  key: string | null;
  n: number;
}

/**
 * Case counts per channel, category, unit, status, form, cause (closed cases only) and day;
 * category, unit and cause by id (reportNames names them), the day as YYYY-MM-DD (UTC).
 */
export async function reportGroups(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
  scope: string[] | null,
  via: TVia = 'auto',
): Promise<TGroupCount[]> {
  if (scope === null && via === 'auto') return groupsFromDays(db, orgId, from, to);
  // Four hashed sets instead of seven (each costs a hash of every case): channel × form ×
  // status and category × closed cause have a few dozen combinations, summed here per column.
  const r = await db.query<{
    set: 'kinds' | 'categories' | 'unit' | 'day';
    channel: string;
    form: string;
    status: string;
    category_id: string | null;
    cause_id: string | null;
    unit_id: string | null;
    day: string;
    n: number;
  }>(
    `SELECT CASE WHEN GROUPING(channel) = 0 THEN 'kinds' WHEN GROUPING(category_id) = 0
                 THEN 'categories' WHEN GROUPING(unit_id) = 0 THEN 'unit' ELSE 'day' END AS set,
            channel, form, status, category_id, cause_id, unit_id, day::text AS day,
            count(*)::int AS n
       FROM (SELECT channel, form, status, category_id, unit_id, day,
                    CASE WHEN closed THEN cause_id END AS cause_id
               FROM (${PERIOD_CASES}) p0) p
      GROUP BY GROUPING SETS ((channel, form, status), (category_id, cause_id), (unit_id), (day))`,
    [orgId, from, to, scope],
  );
  const out = new Map<string, TGroupCount>();
  const add = (g: TReportGroup, key: string | null, n: number) => {
    const k = JSON.stringify([g, key]);
    const o = out.get(k);
    if (o) o.n += n;
    else out.set(k, { g, key, n });
  };
  for (const x of r.rows) {
    if (x.set === 'kinds') {
      add('channel', x.channel, x.n);
      add('form', x.form, x.n);
      add('status', x.status, x.n);
    } else if (x.set === 'categories') {
      add('category', x.category_id, x.n);
      if (x.cause_id !== null) add('cause', x.cause_id, x.n);
    } else if (x.set === 'unit') add('unit', x.unit_id, x.n);
    else add('day', x.day, x.n);
  }
  return [...out.values()].filter((x) => x.n > 0);
}

// The figures of complaint_report_days (migration 391) that are report groups; '' is "none".
const DAY_GROUPS: readonly TReportGroup[] = [
  'channel',
  'form',
  'status',
  'category',
  'cause',
  'unit',
];

/** reportGroups over the whole organisation, from the per-day and per-month counts. */
async function groupsFromDays(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
): Promise<TGroupCount[]> {
  const [sums, days] = await Promise.all([
    days_.periodSums(db, orgId, from, to, [...DAY_GROUPS]),
    days_.periodDays(db, orgId, from, to),
  ]);
  return [
    ...sums
      .filter((x) => x.n > 0)
      .map((x) => ({ g: x.g as TReportGroup, key: x.key === '' ? null : x.key, n: x.n })),
    ...days.map((x) => ({ g: 'day' as const, key: x.day, n: x.n })),
  ];
}

/** Names of these categories/causes and units (ids not found are left out). */
export async function reportNames(
  db: Sql,
  orgId: string,
  categoryIds: string[],
  unitIds: string[],
): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM complaint_categories WHERE org_id = $1 AND id = ANY($2::uuid[])
     UNION ALL
     SELECT id, name FROM pub_org_units WHERE org_id = $1 AND id = ANY($3::uuid[])`,
    [orgId, categoryIds, unitIds],
  );
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

export interface TReportScalars {
  total: number;
  open: number;
  fr_n: number;
  fr_mean: number | null;
  /** [median, p90] */
  fr_q: number[] | null;
  res_n: number;
  res_mean: number | null;
  res_q: number[] | null;
  ever_closed: number;
  reopened: number;
  rated: number;
  rating_mean: number | null;
  satisfied: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
  repeat_customers: number;
  repeat_cases: number;
  lost: number;
  lost_bad: number;
}

// Repeat complainants: a customer, or an e-mail without a customer, with two cases or more in
// the period. Over the whole organisation they come from each case's previous and next case of
// the same complainant (migration 390) in one pass: the period's first case of a complainant
// with a next one in the period counts the complainant, and every case with a previous or next
// one in the period counts as a repeat case (no grouping of 200,000 cases by complainant). In a
// unit scope the neighbours may lie outside it, so the scope's cases are grouped instead.
const REPEAT_BY_NEIGHBOURS = `
  count(*) FILTER (WHERE next_at IS NOT NULL AND ($3::date IS NULL OR next_at < $3::date + 1)
                     AND (prev_at IS NULL OR ($2::date IS NOT NULL AND prev_at < $2::date)))::int
    AS repeat_customers,
  count(*) FILTER (WHERE (prev_at IS NOT NULL AND ($2::date IS NULL OR prev_at >= $2::date))
                      OR (next_at IS NOT NULL AND ($3::date IS NULL OR next_at < $3::date + 1)))::int
    AS repeat_cases`;
// A lost customer's case that counts against the handling: left unresolved, rated 1–2, or its
// resolution rejected by the customer (the report's lost_bad), over the report row alias `a`.
const BADLY_HANDLED = (a: string) =>
  `${a}.status <> 'closed' OR coalesce(${a}.rating <= 2, false) OR ${a}.decision_rejected`;
const QUANTILES = (x: string, where: string) =>
  `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${x}) FILTER (WHERE ${where}) AS ${x}_q`;
const REPEAT_BY_GROUPS = `
  (SELECT count(*) FROM who)::int AS repeat_customers,
  (SELECT coalesce(sum(n), 0) FROM who)::int AS repeat_cases`;

/**
 * The period's totals, times (percentile_cont: linear interpolation between order statistics,
 * median and p90 from one sort), reopen and rating figures, repeat complainants (above), and
 * the defection counts: lost customers among the complainants, and those with a complaint left
 * unresolved or badly handled.
 */
export async function reportScalars(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
  scope: string[] | null,
  via: TVia = 'auto',
): Promise<TReportScalars> {
  if (scope === null && via === 'auto') return scalarsFromDays(db, orgId, from, to);
  const times = (x: string, where: string) => `
      count(*) FILTER (WHERE ${where})::int AS ${x}_n,
      avg(${x}) FILTER (WHERE ${where}) AS ${x}_mean,
      ${QUANTILES(x, where)}`;
  // NOT MATERIALIZED: the totals, the repeat complainants and the lost customers each scan the
  // narrow report rows themselves, cheaper than writing them all into the CTE to read three
  // times (about 0.4 s instead of 0.6 s for 200,000 cases on PostgreSQL).
  const r = await db.query<TReportScalars>(
    `WITH p AS NOT MATERIALIZED (${PERIOD_CASES}),
     who AS (
       SELECT count(*) AS n FROM p
        WHERE customer_id IS NOT NULL OR contact_key IS NOT NULL
        GROUP BY customer_id, contact_key
       HAVING count(*) >= 2),
     lost AS (
       SELECT cu.id, bool_or(${BADLY_HANDLED('p')}) AS bad
         FROM p JOIN pub_customers cu ON cu.org_id = $1 AND cu.id = p.customer_id
        WHERE cu.status = 'lost'
        GROUP BY cu.id)
     SELECT count(*)::int AS total,
            count(*) FILTER (WHERE status NOT IN ('closed', 'rejected'))::int AS open,
            ${times('fr', 'fr IS NOT NULL')},
            ${times('res', 'closed')},
            count(*) FILTER (WHERE status IN ('closed', 'rejected') OR reopen_count > 0)::int
              AS ever_closed,
            count(*) FILTER (WHERE reopen_count > 0)::int AS reopened,
            count(rating)::int AS rated, avg(rating)::float8 AS rating_mean,
            count(*) FILTER (WHERE rating >= 4)::int AS satisfied,
            ${[1, 2, 3, 4, 5].map((v) => `count(*) FILTER (WHERE rating = ${v})::int AS r${v}`).join(', ')},
            ${scope === null ? REPEAT_BY_NEIGHBOURS : REPEAT_BY_GROUPS},
            (SELECT count(*) FROM lost)::int AS lost,
            (SELECT count(*) FILTER (WHERE bad) FROM lost)::int AS lost_bad
       FROM p`,
    [orgId, from, to, scope],
  );
  return r.rows[0] as TReportScalars;
}

/**
 * reportScalars over the whole organisation: the counts and means from the per-day and
 * per-month sums; the hours' percentiles and the repeat complainants from one pass over the
 * period's report rows (they do not add up over days); lost customers probed one by one.
 */
async function scalarsFromDays(
  db: Sql,
  orgId: string,
  from: string | null,
  to: string | null,
): Promise<TReportScalars> {
  const args = [orgId, from, to, null];
  const [sums, pass, lost] = await Promise.all([
    days_.periodSums(db, orgId, from, to, [...SCALAR_FIGURES]),
    db.query<Pick<TReportScalars, 'fr_q' | 'res_q' | 'repeat_customers' | 'repeat_cases'>>(
      `SELECT ${QUANTILES('fr', 'fr IS NOT NULL')}, ${QUANTILES('res', 'closed')},
              ${REPEAT_BY_NEIGHBOURS}
         FROM (${PERIOD_CASES}) p`,
      args,
    ),
    db.query<{ lost: number; lost_bad: number }>(
      `SELECT count(*)::int AS lost, count(*) FILTER (WHERE bad)::int AS lost_bad
         FROM (SELECT (SELECT bool_or(${BADLY_HANDLED('f')})
                         FROM complaint_report_facts f
                        WHERE f.org_id = $1 AND f.customer_id = cu.id
                          AND ($2::date IS NULL OR f.received_at >= $2::date)
                          AND ($3::date IS NULL OR f.received_at < $3::date + 1)) AS bad
                 FROM pub_customers cu
                WHERE cu.org_id = $1 AND cu.status = 'lost') x
        WHERE bad IS NOT NULL`,
      args.slice(0, 3),
    ),
  ]);
  const sum = (g: string, key = '') => sums.find((x) => x.g === g && x.key === key);
  const n = (g: string, key = '') => sum(g, key)?.n ?? 0;
  const hours = (g: string) => {
    const x = sum(g);
    return x && x.n > 0 ? x.s / x.n / 3_600_000 : null;
  };
  const r = [1, 2, 3, 4, 5].map((v) => n('rating', String(v)));
  const rated = r.reduce((a, x) => a + x, 0);
  const p = pass.rows[0];
  return {
    total: n('total'),
    open: n('open'),
    fr_n: n('fr'),
    fr_mean: hours('fr'),
    fr_q: p?.fr_q ?? null,
    res_n: n('res'),
    res_mean: hours('res'),
    res_q: p?.res_q ?? null,
    ever_closed: n('ever_closed'),
    reopened: n('reopened'),
    rated,
    rating_mean: rated > 0 ? r.reduce((a, x, i) => a + x * (i + 1), 0) / rated : null,
    satisfied: (r[3] ?? 0) + (r[4] ?? 0),
    r1: r[0] ?? 0,
    r2: r[1] ?? 0,
    r3: r[2] ?? 0,
    r4: r[3] ?? 0,
    r5: r[4] ?? 0,
    repeat_customers: p?.repeat_customers ?? 0,
    repeat_cases: p?.repeat_cases ?? 0,
    lost: lost.rows[0]?.lost ?? 0,
    lost_bad: lost.rows[0]?.lost_bad ?? 0,
  };
}

const SCALAR_FIGURES = ['total', 'open', 'fr', 'res', 'ever_closed', 'reopened', 'rating'] as const;
