// Analytics over stored survey answers (issue 11): the contract's servqual / nps / kano bodies
// (exactly what `fidelia analyze` prints for the survey's export, shaped by reports.ts), and
// CSAT, trends, IPA, key drivers, text themes, the overview and the branch league table.
//
// Two sources, one set of rules:
// - counts, sums, shares and Kano counts come from the aggregate table (migration 500) when
//   the period is whole days (`from`/`to` as dates or absent), else from the raw answers
//   through `dailyFromRaw`, which builds the very same rows;
// - statistics that need respondent-level rows (SERVQUAL intervals and alphas, drivers, CSAT
//   distribution, groups by language/segment, text) read the raw answers, filtered.
import {
  type TAnalyticsFilter,
  type TCsatQuery,
  type TDriversReport,
  type THeadline,
  type TIpaReport,
  type TLeagueReport,
  type TNpsQuery,
  type TOverviewQuery,
  type TOverviewReport,
  type TSurveyDefinition,
  type TTextQuery,
  type TTextReport,
  type TTrendQuery,
  type TTrendReport,
  ZComplaintFilterSchema,
} from '@fidelia/contracts';
import {
  driverAnalysis,
  emptyKanoCounts,
  ipa,
  ipaQuadrants,
  kanoClassify,
  keywordFrequency,
  meanTrendFromSummary,
  npsDifference,
  npsFromCounts,
  proportionTrend,
  RunningStats,
  SERVQUAL_DIMENSIONS,
  SERVQUAL_ITEMS,
  ServqualAccumulator,
  type TKanoCounts,
  tIntervalFromSummary,
  wilsonInterval,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import * as complaints from '../complaints/service';
import { customerClasses } from '../customers/service';
import { overdueActions } from '../fieldwork/service';
import { listUnits, unitScope } from '../orgs/service';
import * as retention from '../retention/service';
import * as surveys from '../surveys/service';
import { customerTiers, customerUseClasses } from './repo';
import {
  csatCountsOf,
  csatReport,
  csatReportFromCounts,
  EMPTY_SERVQUAL,
  kanoJson,
  npsReport,
  servqualJson,
  type TCsatCounts,
} from './reports';

registerErrors({
  ANALYTICS_DATE_INVALID: {
    status: 400,
    es: 'La fecha no es válida.',
    en: 'Invalid date.',
  },
  ANALYTICS_RANGE_INVALID: {
    status: 400,
    es: 'La fecha inicial es posterior a la final.',
    en: 'The start date is after the end date.',
  },
  ANALYTICS_UNIT_NOT_FOUND: {
    status: 404,
    es: 'La unidad no existe o está fuera de su ámbito.',
    en: 'Unknown org unit, or outside your scope.',
  },
});

const NIL = '00000000-0000-0000-0000-000000000000';
const DAY_MS = 86_400_000;

// --------------------------------------------------------------------------- filters

export interface TScope {
  orgId: string;
  surveyId: string | null;
  /** inclusive lower / exclusive upper bound on coalesce(submitted_at, created_at) */
  since: string | null;
  until: string | null;
  /** whole days: the aggregate table answers (days inclusive) */
  daily: boolean;
  dayFrom: string | null;
  dayTo: string | null;
  unitIds: string[] | null;
  channel: string | null;
  /** respondent filters only the raw answers can apply (the aggregates have no such dimension) */
  language: string | null;
  segment: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseBound(
  v: string | undefined,
  end: boolean,
): { at: string | null; day: string | null } {
  if (!v) return { at: null, day: null };
  const t = Date.parse(DATE_ONLY.test(v) ? `${v}T00:00:00Z` : v);
  // Years the database and toISOString both spell plainly (year 10000 would reach SQL as
  // "+010000-…" and fail there).
  if (!Number.isFinite(t) || t < Date.UTC(1900, 0, 1) || t >= Date.UTC(2200, 0, 1))
    throw new AppError('ANALYTICS_DATE_INVALID', { value: v });
  if (DATE_ONLY.test(v)) {
    // 2026-02-30 parses as March 2nd in some engines: require the round trip.
    if (new Date(t).toISOString().slice(0, 10) !== v)
      throw new AppError('ANALYTICS_DATE_INVALID', { value: v });
    return { at: new Date(end ? t + DAY_MS : t).toISOString(), day: v };
  }
  // A date-time `to` is inclusive: the exclusive bound is one millisecond later.
  return { at: new Date(end ? t + 1 : t).toISOString(), day: null };
}

/** The filter in SQL terms, the unit checked against the caller's scope. */
export async function resolveFilter(
  db: Sql,
  auth: AuthContext,
  surveyId: string | null,
  q: TAnalyticsFilter,
): Promise<TScope> {
  const from = parseBound(q.from, false);
  const to = parseBound(q.to, true);
  if (from.at && to.at && from.at >= to.at) throw new AppError('ANALYTICS_RANGE_INVALID');
  const scope = await unitScope(db, auth);
  let unitIds = scope;
  if (q.unitId) {
    if (scope && !scope.includes(q.unitId)) throw new AppError('ANALYTICS_UNIT_NOT_FOUND');
    const sub = (await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [];
    if (sub.length === 0) throw new AppError('ANALYTICS_UNIT_NOT_FOUND');
    unitIds = sub;
  }
  return {
    orgId: auth.orgId,
    surveyId,
    since: from.at,
    until: to.at,
    daily:
      (!q.from || from.day !== null) && (!q.to || to.day !== null) && !q.language && !q.segment,
    dayFrom: from.day,
    dayTo: to.day,
    unitIds,
    channel: q.channel ?? null,
    language: q.language ?? null,
    segment: q.segment ?? null,
  };
}

/** The survey (404 when unknown or not the caller's org) and its current definition. */
async function surveyOf(db: Sql, auth: AuthContext, id: string): Promise<TSurveyDefinition> {
  return (await surveys.getSurvey(db, auth, id)).definition as TSurveyDefinition;
}

interface TSel {
  tags?: readonly string[];
  prefixes?: readonly string[];
  questionKeys?: readonly string[];
}

/** The filtered responses and their selected answers; language and segment are applied here
 *  (the responses carry both), the rest in SQL by the surveys module. */
export async function rawData(db: Sql, s: TScope, sel: TSel) {
  const data = await surveys.analyticsData(db, s.orgId, {
    surveyId: s.surveyId,
    since: s.since,
    until: s.until,
    unitIds: s.unitIds,
    channel: s.channel,
    ...sel,
  });
  if (!s.language && !s.segment) return data;
  const classes = s.segment
    ? await customerClasses(
        db,
        s.orgId,
        data.responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
      )
    : new Map<string, string | null>();
  const keep = (r: (typeof data.responses)[number]) =>
    (!s.language || r.language === s.language) &&
    (!s.segment || ((r.customerId ? classes.get(r.customerId) : null) ?? 'none') === s.segment);
  const responses = data.responses.filter(keep);
  const ids = new Set(responses.map((r) => r.id));
  return { responses, answers: data.answers.filter((a) => ids.has(a.responseId)) };
}

/** Group key of a response by the respondent customer's use class ('' = none). */
async function useClassesOf(
  db: Sql,
  orgId: string,
  responses: readonly { customerId: string | null }[],
): Promise<Map<string, string | null>> {
  return customerUseClasses(
    db,
    orgId,
    responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
}

/** The respondents' current loyalty tiers (retention's pub_retention_customer_tiers). */
function tiersOf(
  db: Sql,
  orgId: string,
  responses: readonly { customerId: string | null }[],
): Promise<Map<string, string | null>> {
  return customerTiers(
    db,
    orgId,
    responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
}

// ------------------------------------------------------------------------ daily rows

export interface TDailyRow {
  day: string;
  unitId: string | null;
  channel: string;
  tag: string;
  n: number;
  sum: number;
  sumsq: number;
  hi: number;
  mid: number;
  lo: number;
  kano: TKanoCounts;
}

const KANO_COLS = ['A', 'O', 'M', 'I', 'R', 'Q'] as const;

/** Aggregate rows for `tags` (and every kano:<attr> row when `kano`). */
export interface TDims {
  /** keep the day (or its week/month/quarter's first day) */
  day?: 'day' | 'week' | 'month' | 'quarter';
  unit?: boolean;
  channel?: boolean;
}

/**
 * The whole calendar months inside a day range: [from, to) as first days of months, null on
 * a side without bound; null when the range holds no whole month.
 */
export function wholeMonths(s: {
  dayFrom: string | null;
  dayTo: string | null;
}): { from: string | null; to: string | null } | null {
  const first = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const parts = (d: string) =>
    [Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))] as const;
  let from: string | null = null;
  if (s.dayFrom) {
    const [y, m, d] = parts(s.dayFrom);
    from = d === 1 ? s.dayFrom : first(y, m + 1);
  }
  let to: string | null = null;
  if (s.dayTo) {
    // the first day of the month after dayTo's, when dayTo is its month's last day
    const [y, m, d] = parts(s.dayTo);
    const next = new Date(Date.UTC(y, m, d + 1));
    to = next.getUTCDate() === 1 ? next.toISOString().slice(0, 10) : first(y, m);
  }
  if (from && to && from >= to) return null;
  return { from, to };
}

/**
 * Aggregate rows for `tags` (and every kano:<attr> row when `kano`), summed in SQL over the
 * dimensions not asked for in `dims` (day '' / unit null / channel ''), so a year over 200
 * units comes back as a handful of rows instead of one per unit and day.
 */
export async function dailyRows(
  db: Sql,
  s: TScope,
  tags: readonly string[],
  kano = false,
  dims: TDims = {},
): Promise<TDailyRow[]> {
  if (!s.daily) return dailyFromRaw(db, s, tags, kano);
  const dayExpr = !dims.day
    ? `''`
    : dims.day === 'day'
      ? `to_char(day, 'YYYY-MM-DD')`
      : `to_char(date_trunc('${dims.day}', day), 'YYYY-MM-DD')`;
  const cols = `unit_id, channel, tag, n, sum, sumsq, hi, mid, lo, ka, ko, km, ki, kr, kq`;
  const where = `org_id = $1 AND ($2::uuid IS NULL OR survey_id = $2)
        AND (tag = ANY($3::text[]) OR ($4 AND tag LIKE 'kano:%'))
        AND ($5::uuid[] IS NULL OR unit_id = ANY($5::uuid[]))
        AND ($6::text IS NULL OR channel = $6)`;
  const params: unknown[] = [s.orgId, s.surveyId, tags, kano, s.unitIds, s.channel];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}::date`;
  };
  // Whole calendar months of the range come from the monthly rollup (migration 503), the
  // partial months at its edges from the day grain. Weeks do not align with months: day grain.
  const months = dims.day === 'week' || dims.day === 'day' ? null : wholeMonths(s);
  const parts: string[] = [];
  if (!months) {
    parts.push(
      `SELECT day, ${cols} FROM analytics_daily WHERE ${where}
          AND (${p(s.dayFrom)} IS NULL OR day >= ${p(s.dayFrom)})
          AND (${p(s.dayTo)} IS NULL OR day <= ${p(s.dayTo)})`,
    );
  } else {
    parts.push(
      `SELECT month AS day, ${cols} FROM analytics_monthly WHERE ${where}
          AND (${p(months.from)} IS NULL OR month >= ${p(months.from)})
          AND (${p(months.to)} IS NULL OR month < ${p(months.to)})`,
    );
    if (months.from && s.dayFrom && s.dayFrom < months.from)
      parts.push(
        `SELECT day, ${cols} FROM analytics_daily WHERE ${where}
            AND day >= ${p(s.dayFrom)} AND day < ${p(months.from)}`,
      );
    if (months.to && s.dayTo && s.dayTo >= months.to)
      parts.push(
        `SELECT day, ${cols} FROM analytics_daily WHERE ${where}
            AND day >= ${p(months.to)} AND day <= ${p(s.dayTo)}`,
      );
  }
  const r = await db.query<{
    day: string;
    unit_id: string;
    channel: string;
    tag: string;
    n: string;
    sum: number;
    sumsq: number;
    hi: string;
    mid: string;
    lo: string;
    ka: string;
    ko: string;
    km: string;
    ki: string;
    kr: string;
    kq: string;
  }>(
    `SELECT ${dayExpr} AS day, ${dims.unit ? 'unit_id' : `'${NIL}'::uuid`} AS unit_id,
            ${dims.channel ? 'channel' : `''`} AS channel, tag, sum(n) AS n, sum(sum) AS sum,
            sum(sumsq) AS sumsq, sum(hi) AS hi, sum(mid) AS mid, sum(lo) AS lo, sum(ka) AS ka,
            sum(ko) AS ko, sum(km) AS km, sum(ki) AS ki, sum(kr) AS kr, sum(kq) AS kq
       FROM (${parts.join('\n UNION ALL ')}) x
      GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
    params,
  );
  return r.rows.map((x) => ({
    day: x.day,
    unitId: x.unit_id === NIL ? null : x.unit_id,
    channel: x.channel,
    tag: x.tag,
    n: Number(x.n),
    sum: Number(x.sum),
    sumsq: Number(x.sumsq),
    hi: Number(x.hi),
    mid: Number(x.mid),
    lo: Number(x.lo),
    kano: {
      A: Number(x.ka),
      O: Number(x.ko),
      M: Number(x.km),
      I: Number(x.ki),
      R: Number(x.kr),
      Q: Number(x.kq),
    },
  }));
}

/** The same rows as migration 500's fid_analytics_contrib, from the raw answers. */
async function dailyFromRaw(
  db: Sql,
  s: TScope,
  tags: readonly string[],
  kano: boolean,
): Promise<TDailyRow[]> {
  const data = await rawData(db, s, {
    tags: tags.filter((t) => t !== ''),
    prefixes: kano ? ['kano:'] : [],
  });
  const meta = new Map(data.responses.map((r) => [r.id, r]));
  const out = new Map<string, TDailyRow>();
  const row = (resp: { at: string; unitId: string | null; channel: string }, tag: string) => {
    const day = resp.at.slice(0, 10);
    const key = `${day}|${resp.unitId}|${resp.channel}|${tag}`;
    let x = out.get(key);
    if (!x) {
      x = {
        day,
        unitId: resp.unitId,
        channel: resp.channel,
        tag,
        n: 0,
        sum: 0,
        sumsq: 0,
        hi: 0,
        mid: 0,
        lo: 0,
        kano: emptyKanoCounts(),
      };
      out.set(key, x);
    }
    return x;
  };
  if (tags.includes('')) for (const r of data.responses) row(r, '').n++;
  const pairs = new Map<string, { f?: number; d?: number; resp: (typeof data.responses)[0] }>();
  for (const a of data.answers) {
    const resp = meta.get(a.responseId);
    if (!resp || a.tag === null || a.num === null) continue;
    const v = a.num;
    if (a.tag.startsWith('kano:')) {
      const [, attr, side] = a.tag.split(':');
      const key = `${a.responseId}|${attr}`;
      const p = pairs.get(key) ?? { resp };
      if (side === 'functional') p.f = v;
      else if (side === 'dysfunctional') p.d = v;
      pairs.set(key, p);
      continue;
    }
    const x = row(resp, a.tag);
    x.n++;
    x.sum += v;
    x.sumsq += v * v;
    if (a.tag === 'nps') {
      if (v >= 9) x.hi++;
      else if (v >= 7) x.mid++;
      else x.lo++;
    } else if (a.tag === 'csat') {
      if (v >= 4) x.hi++;
      else if (v >= 3) x.mid++;
      else x.lo++;
    }
  }
  for (const [key, p] of pairs) {
    if (p.f === undefined || p.d === undefined) continue;
    if (!Number.isInteger(p.f) || !Number.isInteger(p.d)) continue;
    if (p.f < 1 || p.f > 5 || p.d < 1 || p.d > 5) continue;
    const x = row(p.resp, `kano:${key.split('|')[1]}`);
    x.n++;
    x.kano[kanoClassify(p.f, p.d)]++;
  }
  return [...out.values()].filter((x) => x.n !== 0);
}

// ------------------------------------------------------------------- contract routes

function servqualOf(answers: Awaited<ReturnType<typeof surveys.analyticsData>>['answers']) {
  const e = new Map<string, (number | null)[]>();
  const p = new Map<string, (number | null)[]>();
  const w = new Map<string, (number | null)[]>();
  const dims = SERVQUAL_DIMENSIONS as readonly string[];
  let any = false;
  const slot = (m: Map<string, (number | null)[]>, id: string, len: number) => {
    let a = m.get(id);
    if (!a) {
      a = new Array<number | null>(len).fill(null);
      m.set(id, a);
    }
    return a;
  };
  for (const a of answers) {
    if (a.tag === null || a.num === null) continue;
    const m = /^servqual:([EP]):(\d+)$/.exec(a.tag);
    if (m) {
      const k = Number(m[2]);
      if (k < 1 || k > 22) continue;
      any = true;
      slot(m[1] === 'E' ? e : p, a.responseId, 22)[k - 1] = a.num;
      continue;
    }
    const i = a.tag.startsWith('importance:') ? dims.indexOf(a.tag.slice(11)) : -1;
    if (i >= 0) slot(w, a.responseId, 5)[i] = a.num;
  }
  return { any, e, p, w };
}

/** Whether any SERVQUAL answer lies in the scope (aggregates): spares the raw read. */
async function hasServqual(db: Sql, s: TScope): Promise<boolean> {
  if (!s.daily) return true;
  const r = await db.query(
    `SELECT 1 FROM analytics_daily
      WHERE org_id = $1 AND ($2::uuid IS NULL OR survey_id = $2) AND tag LIKE 'servqual:%'
        AND ($3::date IS NULL OR day >= $3) AND ($4::date IS NULL OR day <= $4)
        AND ($5::uuid[] IS NULL OR unit_id = ANY($5::uuid[]))
        AND ($6::text IS NULL OR channel = $6) AND n <> 0 LIMIT 1`,
    [s.orgId, s.surveyId, s.dayFrom, s.dayTo, s.unitIds, s.channel],
  );
  return r.rows.length > 0;
}

/** GET /api/analytics/surveys/:id/servqual: as `fidelia analyze servqual`. */
export async function servqualReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
) {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  if (!(await hasServqual(db, s))) return EMPTY_SERVQUAL;
  const data = await rawData(db, s, { prefixes: ['servqual:E:', 'servqual:P:', 'importance:'] });
  const sq = servqualOf(data.answers);
  if (!sq.any) return EMPTY_SERVQUAL;
  const acc = new ServqualAccumulator();
  const none = new Array<null>(22).fill(null);
  for (const r of data.responses)
    acc.push(sq.e.get(r.id) ?? none, sq.p.get(r.id) ?? none, sq.w.get(r.id) ?? null);
  return servqualJson(acc.result());
}

const monthOf = (day: string) => day.slice(0, 7);

/** GET /api/analytics/surveys/:id/nps: as `fidelia analyze nps [--group]`. */
export async function npsReportFor(db: Sql, auth: AuthContext, surveyId: string, q: TNpsQuery) {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const names = q.groupBy === 'unit' ? await unitNames(db, auth.orgId) : new Map();
  type C = { p: number; pa: number; d: number };
  const total: C = { p: 0, pa: 0, d: 0 };
  const groups = q.groupBy ? new Map<string, C>() : undefined;
  const add = (g: string | null, p: number, pa: number, d: number) => {
    total.p += p;
    total.pa += pa;
    total.d += d;
    if (!groups || g === null) return;
    const c = groups.get(g) ?? { p: 0, pa: 0, d: 0 };
    c.p += p;
    c.pa += pa;
    c.d += d;
    groups.set(g, c);
  };
  if (
    q.groupBy === 'language' ||
    q.groupBy === 'segment' ||
    q.groupBy === 'classification' ||
    q.groupBy === 'tier'
  ) {
    const data = await rawData(db, s, { tags: ['nps'] });
    const meta = new Map(data.responses.map((r) => [r.id, r]));
    const classes =
      q.groupBy === 'segment'
        ? await customerClasses(
            db,
            auth.orgId,
            data.responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
          )
        : q.groupBy === 'classification'
          ? await useClassesOf(db, auth.orgId, data.responses)
          : q.groupBy === 'tier'
            ? await tiersOf(db, auth.orgId, data.responses)
            : new Map<string, string | null>();
    for (const a of data.answers) {
      const r = meta.get(a.responseId);
      if (!r || a.num === null) continue;
      const g =
        q.groupBy === 'language'
          ? r.language
          : ((r.customerId ? classes.get(r.customerId) : null) ?? '');
      add(g, +(a.num >= 9), +(a.num >= 7 && a.num < 9), +(a.num < 7));
    }
  } else {
    const dims: TDims =
      q.groupBy === 'channel'
        ? { channel: true }
        : q.groupBy === 'unit'
          ? { unit: true }
          : q.groupBy === 'month'
            ? { day: 'month' }
            : {};
    for (const x of await dailyRows(db, s, ['nps'], false, dims)) {
      const g =
        q.groupBy === 'channel'
          ? x.channel
          : q.groupBy === 'unit'
            ? x.unitId
              ? (names.get(x.unitId) ?? '')
              : ''
            : q.groupBy === 'month'
              ? monthOf(x.day)
              : null;
      add(g, x.hi, x.mid, x.lo);
    }
  }
  return npsReport(total, groups);
}

async function unitNames(db: Sql, orgId: string): Promise<Map<string, string>> {
  return new Map((await listUnits(db, orgId)).map((u) => [u.id, u.name]));
}

/** Kano attributes in the definition's question order (then any others by name). */
function kanoOrder(def: TSurveyDefinition): string[] {
  const out: string[] = [];
  for (const p of def.pages ?? [])
    for (const qq of p.questions ?? [])
      if (qq.type === 'kano' && !out.includes(qq.attribute)) out.push(qq.attribute);
  return out;
}

/** GET /api/analytics/surveys/:id/kano: as `fidelia analyze kano`. */
export async function kanoReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
) {
  const def = await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  // The definition's attributes (as the export's columns): an exact tag list keeps the query on
  // the aggregate table's key instead of a LIKE scan.
  const attrs = kanoOrder(def);
  const counts = new Map<string, TKanoCounts>(attrs.map((a) => [a, emptyKanoCounts()]));
  if (attrs.length === 0) return kanoJson([]);
  const seen = s.daily
    ? await dailyRows(
        db,
        s,
        attrs.map((a) => `kano:${a}`),
      )
    : await dailyRows(db, s, [], true);
  for (const x of seen) {
    const c = counts.get(x.tag.slice(5));
    if (c) for (const k of KANO_COLS) c[k] += x.kano[k];
  }
  return kanoJson([...counts].map(([attribute, c]) => ({ attribute, counts: c })));
}

// ------------------------------------------------------------------------ the others

/** GET /api/analytics/surveys/:id/csat: as `fidelia analyze csat --scale 5 --top 2`. */
/**
 * CSAT from the aggregates (whole days, no respondent filter, grouping by channel / unit /
 * month or none): the score counts are solved from each row's sums (reports.csatCountsOf);
 * null, so the raw answers are read, when the filter or grouping needs them or some score
 * is not an integer 1..5.
 */
export async function csatFromAggregates(db: Sql, auth: AuthContext, s: TScope, q: TCsatQuery) {
  if (!s.daily) return null;
  if (q.groupBy && q.groupBy !== 'channel' && q.groupBy !== 'unit' && q.groupBy !== 'month')
    return null;
  const dims: TDims =
    q.groupBy === 'channel'
      ? { channel: true }
      : q.groupBy === 'unit'
        ? { unit: true }
        : q.groupBy === 'month'
          ? { day: 'month' }
          : {};
  const names = q.groupBy === 'unit' ? await unitNames(db, auth.orgId) : new Map();
  const empty = (): TCsatCounts => ({ dist: [0, 0, 0, 0, 0], sum: 0 });
  const all = empty();
  const groups = q.groupBy ? new Map<string, TCsatCounts>() : undefined;
  for (const x of await dailyRows(db, s, ['csat'], false, dims)) {
    const d = csatCountsOf(x);
    if (!d) return null;
    const g =
      q.groupBy === 'channel'
        ? x.channel
        : q.groupBy === 'unit'
          ? x.unitId
            ? (names.get(x.unitId) ?? '')
            : ''
          : monthOf(x.day);
    const targets = [all];
    if (groups) {
      const c = groups.get(g) ?? empty();
      groups.set(g, c);
      targets.push(c);
    }
    for (const t of targets) {
      d.forEach((v, i) => {
        t.dist[i] = (t.dist[i] ?? 0) + v;
      });
      t.sum += x.sum;
    }
  }
  return csatReportFromCounts(all, groups);
}

export async function csatReportFor(db: Sql, auth: AuthContext, surveyId: string, q: TCsatQuery) {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const fromAggregates = await csatFromAggregates(db, auth, s, q);
  if (fromAggregates) return fromAggregates;
  const data = await rawData(db, s, { tags: ['csat'] });
  const meta = new Map(data.responses.map((r) => [r.id, r]));
  const names = q.groupBy === 'unit' ? await unitNames(db, auth.orgId) : new Map();
  const classes =
    q.groupBy === 'segment'
      ? await customerClasses(
          db,
          auth.orgId,
          data.responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
        )
      : q.groupBy === 'classification'
        ? await useClassesOf(db, auth.orgId, data.responses)
        : q.groupBy === 'tier'
          ? await tiersOf(db, auth.orgId, data.responses)
          : new Map<string, string | null>();
  const all: number[] = [];
  const groups = q.groupBy ? new Map<string, number[]>() : undefined;
  for (const a of data.answers) {
    const r = meta.get(a.responseId);
    if (!r || a.num === null) continue;
    all.push(a.num);
    if (!groups) continue;
    const g =
      q.groupBy === 'channel'
        ? r.channel
        : q.groupBy === 'unit'
          ? r.unitId
            ? (names.get(r.unitId) ?? '')
            : ''
          : q.groupBy === 'month'
            ? monthOf(r.at)
            : q.groupBy === 'language'
              ? r.language
              : ((r.customerId ? classes.get(r.customerId) : null) ?? '');
    const l = groups.get(g) ?? [];
    l.push(a.num);
    groups.set(g, l);
  }
  return csatReport(all, 5, 2, groups);
}

/** Period key of a UTC day: YYYY-MM, YYYY-Qn, or the ISO week's Monday. */
export function periodOf(day: string, period: 'week' | 'month' | 'quarter'): string {
  if (period === 'month') return day.slice(0, 7);
  if (period === 'quarter')
    return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(t - dow * DAY_MS).toISOString().slice(0, 10);
}

function nextPeriod(p: string, period: 'week' | 'month' | 'quarter'): string {
  if (period === 'week')
    return new Date(Date.parse(`${p}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
  const y = Number(p.slice(0, 4));
  if (period === 'quarter') {
    const qn = Number(p.slice(6));
    return qn === 4 ? `${y + 1}-Q1` : `${y}-Q${qn + 1}`;
  }
  const m = Number(p.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** NPS as the mean of +100 / 0 / −100 per respondent: same value, its sample sd. */
function npsSummary(p: number, pa: number, d: number) {
  const n = p + pa + d;
  const mean = n > 0 ? (100 * (p - d)) / n : null;
  const sd =
    n > 1 && mean !== null
      ? Math.sqrt(Math.max(0, (10_000 * (p + d) - n * mean * mean) / (n - 1)))
      : null;
  return { n, mean, sd };
}

/** GET /api/analytics/surveys/:id/trends: NPS or CSAT per period with control limits. */
export async function trendReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TTrendQuery,
): Promise<TTrendReport> {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const rows = await dailyRows(db, s, [q.metric], false, { day: q.period });
  const by = new Map<string, { hi: number; mid: number; lo: number }>();
  for (const x of rows) {
    const k = periodOf(x.day, q.period);
    const c = by.get(k) ?? { hi: 0, mid: 0, lo: 0 };
    c.hi += x.hi;
    c.mid += x.mid;
    c.lo += x.lo;
    by.set(k, c);
  }
  const keys = [...by.keys()].sort();
  // Every period between the first and the last, empty ones included (a gap is information).
  const all: string[] = [];
  if (keys.length > 0) {
    const last = keys[keys.length - 1] as string;
    for (let k = keys[0] as string; k <= last; k = nextPeriod(k, q.period)) all.push(k);
  }
  const empty = { hi: 0, mid: 0, lo: 0 };
  if (q.metric === 'nps') {
    const t = meanTrendFromSummary(
      all.map((period) => {
        const c = by.get(period) ?? empty;
        return { period, ...npsSummary(c.hi, c.mid, c.lo) };
      }),
    );
    return {
      metric: 'nps',
      period: q.period,
      centre: t.centre,
      periods: t.periods.map((x) => {
        const c = by.get(x.period) ?? empty;
        return {
          period: x.period,
          n: x.n,
          value: x.mean,
          ci95: npsFromCounts(c.hi, c.mid, c.lo).ci95,
          lcl: x.lcl,
          ucl: x.ucl,
          outOfControl: x.outOfControl,
          change: x.change
            ? { difference: x.change.difference, p: x.change.p, significant: x.change.p < 0.05 }
            : null,
        };
      }),
    };
  }
  const t = proportionTrend(
    all.map((period) => {
      const c = by.get(period) ?? empty;
      return { period, n: c.hi + c.mid + c.lo, successes: c.hi };
    }),
  );
  return {
    metric: 'csat',
    period: q.period,
    centre: t.centre,
    periods: t.periods.map((x) => ({
      period: x.period,
      n: x.n,
      value: x.proportion,
      ci95: x.n > 0 ? wilsonInterval(x.successes, x.n) : null,
      lcl: x.lcl,
      ucl: x.ucl,
      outOfControl: x.outOfControl,
      change: x.change
        ? { difference: x.change.difference, p: x.change.p, significant: x.change.p < 0.05 }
        : null,
    })),
  };
}

/** Per respondent: mean P per SERVQUAL dimension (items answered), null without any. */
function dimensionPerceptions(p: readonly (number | null)[]): (number | null)[] {
  return SERVQUAL_DIMENSIONS.map((d) => {
    let s = 0;
    let n = 0;
    for (const k of SERVQUAL_ITEMS[d]) {
      const v = p[k - 1];
      if (v !== null && v !== undefined) {
        s += v;
        n++;
      }
    }
    return n > 0 ? s / n : null;
  });
}

/** GET /api/analytics/surveys/:id/ipa: SERVQUAL dimensions, importance stated (weights)
 *  or, without weights, derived (correlation of the dimension's perception with NPS). */
export async function ipaReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
): Promise<TIpaReport> {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const tags = [
    '',
    ...SERVQUAL_DIMENSIONS.map((d) => `importance:${d}`),
    ...Array.from({ length: 22 }, (_, i) => `servqual:P:${i + 1}`),
  ];
  const rows = await dailyRows(db, s, tags);
  const sum = new Map<string, { n: number; sum: number }>();
  let n = 0;
  for (const x of rows) {
    if (x.tag === '') n += x.n;
    const c = sum.get(x.tag) ?? { n: 0, sum: 0 };
    c.n += x.n;
    c.sum += x.sum;
    sum.set(x.tag, c);
  }
  const meanOf = (tag: string) => {
    const c = sum.get(tag);
    return c && c.n > 0 ? c.sum / c.n : null;
  };
  const perf = SERVQUAL_DIMENSIONS.map((d) => {
    const items = SERVQUAL_ITEMS[d].map((k) => meanOf(`servqual:P:${k}`)).filter((v) => v !== null);
    return items.length ? items.reduce((a, b) => a + b, 0) / items.length : null;
  });
  const stated = SERVQUAL_DIMENSIONS.map((d) => meanOf(`importance:${d}`));
  const none = { n, importance: null, importanceCut: null, performanceCut: null, attributes: [] };
  if (perf.every((v) => v === null)) return none;
  if (stated.some((v) => v !== null)) {
    const r = ipaQuadrants(
      SERVQUAL_DIMENSIONS.flatMap((d, j) =>
        perf[j] !== null && stated[j] !== null
          ? [{ attribute: d, importance: stated[j] as number, performance: perf[j] as number }]
          : [],
      ),
    );
    return { n, importance: 'stated', ...r };
  }
  const data = await rawData(db, s, { tags: ['nps'], prefixes: ['servqual:P:'] });
  const sq = servqualOf(data.answers);
  const npsBy = new Map(
    data.answers.filter((a) => a.tag === 'nps' && a.num !== null).map((a) => [a.responseId, a.num]),
  );
  if (npsBy.size === 0) return none;
  const per = data.responses.map((r) => dimensionPerceptions(sq.p.get(r.id) ?? []));
  const r = ipa(
    SERVQUAL_DIMENSIONS,
    SERVQUAL_DIMENSIONS.map((_, j) => per.map((x) => x[j] ?? null)),
    { overall: data.responses.map((r) => npsBy.get(r.id) ?? null) },
  );
  return { n, importance: 'derived', ...r };
}

/** GET /api/analytics/surveys/:id/drivers: which SERVQUAL dimensions move NPS (else CSAT). */
export async function driversReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
): Promise<TDriversReport> {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const data = await rawData(db, s, { tags: ['nps', 'csat'], prefixes: ['servqual:P:'] });
  const sq = servqualOf(data.answers);
  const outcome: TDriversReport['outcome'] = data.answers.some(
    (a) => a.tag === 'nps' && a.num !== null,
  )
    ? 'nps'
    : data.answers.some((a) => a.tag === 'csat' && a.num !== null)
      ? 'csat'
      : null;
  const empty: TDriversReport = { outcome, n: 0, rSquared: null, drivers: [] };
  if (!outcome || sq.p.size === 0) return empty;
  const y = new Map(
    data.answers.filter((a) => a.tag === outcome).map((a) => [a.responseId, a.num]),
  );
  const x = data.responses.map((r) => dimensionPerceptions(sq.p.get(r.id) ?? []));
  // Dimensions nobody rated would make every case incomplete: left out.
  const keep = SERVQUAL_DIMENSIONS.map((_, j) => x.some((row) => row[j] !== null));
  const names = SERVQUAL_DIMENSIONS.filter((_, j) => keep[j]);
  const r = driverAnalysis(
    names,
    x.map((row) => row.filter((_, j) => keep[j])),
    data.responses.map((resp) => y.get(resp.id) ?? null),
    { bootstrap: 200, seed: 1 },
  );
  if (!r) return empty;
  return { outcome, n: r.n, rSquared: r.rSquared, drivers: r.drivers };
}

/** GET /api/analytics/surveys/:id/text: keywords of the open answers. */
export async function textReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TTextQuery,
): Promise<TTextReport> {
  const def = await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const keys: string[] = [];
  for (const p of def.pages ?? [])
    for (const qq of p.questions ?? [])
      if (qq.type === 'text' && (!q.question || qq.key === q.question)) keys.push(qq.key);
  if (keys.length === 0) return { n: 0, keywords: [] };
  const data = await rawData(db, s, { questionKeys: keys });
  const texts = data.answers.map((a) => a.text).filter((t): t is string => !!t && t.trim() !== '');
  return { n: texts.length, keywords: keywordFrequency(texts, ['es', 'en'], q.top) };
}

/** Respondent-level SERVQUAL gap: mean over dimensions of the mean item gap (P − E); needs
 *  every dimension with at least one complete pair. */
function respondentGaps(sq: ReturnType<typeof servqualOf>, ids: readonly string[]): number[] {
  const out: number[] = [];
  for (const id of ids) {
    const e = sq.e.get(id);
    const p = sq.p.get(id);
    if (!e || !p) continue;
    let total = 0;
    let ok = true;
    for (const d of SERVQUAL_DIMENSIONS) {
      let s = 0;
      let n = 0;
      for (const k of SERVQUAL_ITEMS[d]) {
        const ev = e[k - 1];
        const pv = p[k - 1];
        if (ev !== null && ev !== undefined && pv !== null && pv !== undefined) {
          s += pv - ev;
          n++;
        }
      }
      if (n === 0) {
        ok = false;
        break;
      }
      total += s / n;
    }
    if (ok) out.push(total / 5);
  }
  return out;
}

function summary(xs: readonly number[]) {
  const rs = new RunningStats();
  for (const x of xs) rs.push(x);
  return { n: rs.n, mean: rs.n > 0 ? rs.mean : null, sd: rs.n > 1 ? rs.sd : null };
}

/** GET /api/analytics/surveys/:id/league: SERVQUAL overall gap per org unit, best first. */
export async function leagueReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
): Promise<TLeagueReport> {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  if (!(await hasServqual(db, s))) return { units: [] };
  const data = await rawData(db, s, { prefixes: ['servqual:E:', 'servqual:P:', 'importance:'] });
  const sq = servqualOf(data.answers);
  if (!sq.any) return { units: [] };
  const names = await unitNames(db, auth.orgId);
  const byUnit = new Map<string, string[]>();
  for (const r of data.responses) {
    if (!r.unitId) continue;
    const l = byUnit.get(r.unitId) ?? [];
    l.push(r.id);
    byUnit.set(r.unitId, l);
  }
  const none = new Array<null>(22).fill(null);
  const units = [...byUnit].map(([unitId, ids]) => {
    const acc = new ServqualAccumulator();
    for (const id of ids)
      acc.push(sq.e.get(id) ?? none, sq.p.get(id) ?? none, sq.w.get(id) ?? null);
    const r = acc.result();
    const g = summary(respondentGaps(sq, ids));
    return {
      unitId,
      unitName: names.get(unitId) ?? '',
      n: r.n,
      gap: r.overall.gap,
      weightedGap: r.overall.weightedGap,
      ci95:
        r.overall.gap !== null && g.sd !== null
          ? tIntervalFromSummary(g.n, r.overall.gap, g.sd)
          : null,
      rank: 0,
    };
  });
  units.sort(
    (a, b) =>
      (b.gap ?? Number.NEGATIVE_INFINITY) - (a.gap ?? Number.NEGATIVE_INFINITY) ||
      a.unitName.localeCompare(b.unitName, 'es'),
  );
  units.forEach((u, i) => {
    u.rank = i + 1;
  });
  return { units };
}

// -------------------------------------------------------------------------- overview

const dayStr = (t: number) => new Date(t).toISOString().slice(0, 10);

function change(p: number | null | undefined, difference: number | null | undefined) {
  if (p === null || p === undefined || difference === null || difference === undefined) return null;
  return { difference, p, significant: p < 0.05 };
}

/** GET /api/analytics/overview: the landing page's tiles (default: the last 30 days). */
export async function overview(
  db: Sql,
  auth: AuthContext,
  q: TOverviewQuery,
  now = new Date(),
): Promise<TOverviewReport> {
  if (q.surveyId) await surveyOf(db, auth, q.surveyId);
  const toDay = q.to ? q.to.slice(0, 10) : dayStr(now.getTime());
  const fromDay = q.from
    ? q.from.slice(0, 10)
    : dayStr(Date.parse(`${toDay}T00:00:00Z`) - 29 * DAY_MS);
  const cur = await resolveFilter(db, auth, q.surveyId ?? null, { ...q, from: fromDay, to: toDay });
  const len = Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`) + DAY_MS;
  const prevTo = dayStr(Date.parse(`${fromDay}T00:00:00Z`) - DAY_MS);
  const prevFrom = dayStr(Date.parse(`${fromDay}T00:00:00Z`) - len);
  const prev = await resolveFilter(db, auth, q.surveyId ?? null, {
    ...q,
    from: prevFrom,
    to: prevTo,
  });
  const [a, b] = await Promise.all([
    dailyRows(db, cur, ['', 'nps', 'csat'], false, { channel: true }),
    dailyRows(db, prev, ['', 'nps', 'csat'], false, { channel: true }),
  ]);
  const tot = (rows: TDailyRow[], tag: string) => {
    const c = { n: 0, hi: 0, mid: 0, lo: 0 };
    for (const x of rows)
      if (x.tag === tag) {
        c.n += x.n;
        c.hi += x.hi;
        c.mid += x.mid;
        c.lo += x.lo;
      }
    return c;
  };
  const na = tot(a, 'nps');
  const nb = tot(b, 'nps');
  const npsA = npsFromCounts(na.hi, na.mid, na.lo);
  const npsB = npsFromCounts(nb.hi, nb.mid, nb.lo);
  const dn = npsDifference(npsA, npsB);
  const nps: THeadline = {
    n: npsA.n,
    value: npsA.nps,
    ci95: npsA.ci95,
    previous: { n: npsB.n, value: npsB.nps },
    change: change(dn?.p, dn?.difference),
  };
  const ca = tot(a, 'csat');
  const cb = tot(b, 'csat');
  const ct = proportionTrend([
    { period: 'previous', n: cb.n, successes: cb.hi },
    { period: 'current', n: ca.n, successes: ca.hi },
  ]).periods[1];
  const csat: THeadline = {
    n: ca.n,
    value: ca.n > 0 ? ca.hi / ca.n : null,
    ci95: ca.n > 0 ? wilsonInterval(ca.hi, ca.n) : null,
    previous: { n: cb.n, value: cb.n > 0 ? cb.hi / cb.n : null },
    change: change(ct?.change?.p, ct?.change?.difference),
  };
  const servqualGap = await gapHeadline(db, cur, prev);
  const channels = new Map<string, number>();
  for (const x of a)
    if (x.tag === '') channels.set(x.channel, (channels.get(x.channel) ?? 0) + x.n);
  // The complaints module's own list filter (defaults from its schema): open cases past due.
  const past = await complaints.listCases(db, auth, {
    ...ZComplaintFilterSchema.parse({ due: 'overdue', open: 'true', unitId: q.unitId }),
    limit: 1,
    offset: 0,
  });
  const risk = await retention.atRisk(db, auth, { limit: 500 });
  const best = risk.items.filter((c) => c.tier === 'gold');
  return {
    period: { from: fromDay, to: toDay },
    previousPeriod: { from: prevFrom, to: prevTo },
    responses: tot(a, '').n,
    nps,
    csat,
    servqualGap,
    responsesByChannel: [...channels]
      .map(([channel, n]) => ({
        channel: channel as TOverviewReport['responsesByChannel'][0]['channel'],
        n,
      }))
      .sort((x, y) => y.n - x.n || x.channel.localeCompare(y.channel)),
    complaintsPastDue: past.total,
    atRiskBestCustomers: {
      count: best.length,
      top: best.slice(0, 5).map((c) => ({ customerId: c.customerId, name: c.name })),
    },
    overdueCorrectiveActions: await overdueTile(db, auth),
  };
}

/** Fieldwork's overdue corrective actions in the caller's units (home tile). */
async function overdueTile(db: Sql, auth: AuthContext) {
  const o = await overdueActions(db, auth);
  return {
    count: o.count,
    top: o.top.map((a) => ({
      id: a.id,
      visitId: a.visitId,
      title: a.title,
      unit: a.unitName,
      dueDate: a.dueDate,
    })),
  };
}

async function gapHeadline(db: Sql, cur: TScope, prev: TScope): Promise<THeadline> {
  const one = async (s: TScope) => {
    if (!(await hasServqual(db, s))) return { gap: null, g: summary([]) };
    const data = await rawData(db, s, { prefixes: ['servqual:E:', 'servqual:P:', 'importance:'] });
    const sq = servqualOf(data.answers);
    if (!sq.any) return { gap: null, g: summary([]) };
    const acc = new ServqualAccumulator();
    const none = new Array<null>(22).fill(null);
    const ids = data.responses.filter((r) => sq.e.has(r.id) || sq.p.has(r.id)).map((r) => r.id);
    for (const id of ids) acc.push(sq.e.get(id) ?? none, sq.p.get(id) ?? none, null);
    return { gap: acc.result().overall.gap, g: summary(respondentGaps(sq, ids)) };
  };
  const [a, b] = await Promise.all([one(cur), one(prev)]);
  const t = meanTrendFromSummary([
    { period: 'previous', n: b.g.n, mean: b.g.mean, sd: b.g.sd },
    { period: 'current', n: a.g.n, mean: a.g.mean, sd: a.g.sd },
  ]).periods[1];
  return {
    n: a.g.n,
    value: a.gap,
    ci95: a.gap !== null && a.g.sd !== null ? tIntervalFromSummary(a.g.n, a.gap, a.g.sd) : null,
    previous: { n: b.g.n, value: b.gap },
    change: a.gap !== null && b.gap !== null ? change(t?.change?.p, a.gap - b.gap) : null,
  };
}

// ------------------------------------------------------------------------ aggregates

/** Recomputes the aggregate tables (all orgs when orgId is null) from the raw answers. */
export async function rebuildAggregates(db: Sql, orgId: string | null): Promise<void> {
  await db.query('SELECT fid_analytics_rebuild($1::uuid)', [orgId]);
}

/** Size of the aggregates after a rebuild (the CLI's report line): rows and complete responses. */
export async function aggregateSummary(
  db: Sql,
  orgId: string | null,
): Promise<{ rows: string; responses: string }> {
  const n = await db.query<{ rows: string; responses: string }>(
    `SELECT count(*) AS rows, coalesce(sum(n) FILTER (WHERE tag = ''), 0) AS responses
       FROM analytics_daily WHERE ($1::uuid IS NULL OR org_id = $1)`,
    [orgId],
  );
  return n.rows[0] ?? { rows: '0', responses: '0' };
}
export { htmlToPdf } from './pdf';
