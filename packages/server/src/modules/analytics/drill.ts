// Drill-down (issue 11): the responses behind a chart element, with the reports' filters.
// The selection mirrors how each report counts, so `total` is the figure the chart showed:
// - servqual + item: responses with both E and P of the item (the item's n);
//   + dimension: with at least one complete pair in it; neither: every response in the
//   filter (the report's and the league row's n, which count respondents);
// - nps / csat: responses with that answer, optionally in a bucket (≥9 / 7–8 / ≤6;
//   4–5 / 3 / 1–2, the aggregates' split), optionally in a trend period;
// - text: responses with a non-empty answer to the open question(s) (the comments' n).
// `atUnit` is one unit exactly (a league / by-unit row); the filter's unitId is a subtree.
// Keyset pagination on (time, id), newest first, in SQL (the cursor in the WHERE, a LIMIT):
// a page costs O(limit); the cursor is opaque and keeps the time to the microsecond.
import type { TDrillItem, TDrillPage, TDrillQuery } from '@fidelia/contracts';
import { SERVQUAL_ITEMS } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { listUnits, unitScope } from '../orgs/service';
import * as surveys from '../surveys/service';
import { customerNames } from './repo-drill';
import { dailyRows, periodOf, resolveFilter, type TScope } from './service';
import { DAY_MS } from './service-filters';

registerErrors({
  ANALYTICS_CURSOR_INVALID: {
    status: 400,
    es: 'El cursor de página no es válido.',
    en: 'Invalid page cursor.',
  },
  ANALYTICS_DRILL_INVALID: {
    status: 400,
    es: 'La selección no corresponde a la métrica (ítem o dimensión solo con SERVQUAL, segmento solo con NPS o CSAT, periodo con su tipo).',
    en: 'The selection does not fit the metric (item or dimension only with SERVQUAL, bucket only with NPS or CSAT, period with its kind).',
  },
});

const NPS_B = { promoter: 'hi', passive: 'mid', detractor: 'lo' } as const;
const CSAT_B = { satisfied: 'hi', neutral: 'mid', dissatisfied: 'lo' } as const;

/** A bucket as a value range [min, below): NPS ≥9 / 7–8 / ≤6, CSAT 4–5 / 3 / 1–2 (the
 *  aggregates' hi / mid / lo split). */
function bandRange(
  metric: 'nps' | 'csat',
  want: 'hi' | 'mid' | 'lo' | null,
): { min: number | null; below: number | null } {
  const [mid, hi] = metric === 'nps' ? [7, 9] : [3, 4];
  if (want === 'hi') return { min: hi, below: null };
  if (want === 'mid') return { min: mid, below: hi };
  if (want === 'lo') return { min: null, below: mid };
  return { min: null, below: null };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

function decodeCursor(c: string): { at: string; id: string } {
  const s = Buffer.from(c, 'base64url').toString();
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|([0-9a-f-]{36})$/.exec(s);
  if (!m || !Number.isFinite(Date.parse(m[1] as string)))
    throw new AppError('ANALYTICS_CURSOR_INVALID');
  return { at: m[1] as string, id: m[2] as string };
}

/** A trend point's days as [from, to) (YYYY-MM-DD), null when the key is not of that kind. */
export function periodDays(
  key: string,
  kind: 'week' | 'month' | 'quarter',
): { from: string; to: string } | null {
  const day = (y: number, m: number, d = 1) =>
    new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
  const y = Number(key.slice(0, 4));
  if (kind === 'month') {
    const mm = /^\d{4}-(\d{2})$/.exec(key);
    const m = Number(mm?.[1]);
    if (!mm || m < 1 || m > 12) return null;
    return { from: day(y, m - 1), to: day(y, m) };
  }
  if (kind === 'quarter') {
    const qq = /^\d{4}-Q([1-4])$/.exec(key);
    if (!qq) return null;
    const q = Number(qq[1]);
    return { from: day(y, (q - 1) * 3), to: day(y, q * 3) };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return null;
  const t = Date.parse(`${key}T00:00:00Z`);
  // a week is named by its Monday (periodOf)
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== key) return null;
  if (periodOf(key, 'week') !== key) return null;
  return { from: key, to: new Date(t + 7 * DAY_MS).toISOString().slice(0, 10) };
}

function validate(q: TDrillQuery) {
  const bad =
    ((q.item !== undefined || q.dimension !== undefined) && q.metric !== 'servqual') ||
    (q.bucket !== undefined &&
      !(
        (q.metric === 'nps' && q.bucket in NPS_B) ||
        (q.metric === 'csat' && q.bucket in CSAT_B)
      )) ||
    (q.periodKey === undefined) !== (q.periodKind === undefined) ||
    (q.question !== undefined && q.metric !== 'text');
  if (bad) throw new AppError('ANALYTICS_DRILL_INVALID');
}

type TMatched = TScope & { empty: boolean };

/** The report's scope narrowed to the chart element's unit and period (both also in SQL). */
function narrow(s: TScope, q: TDrillQuery): TMatched {
  let out: TMatched = { ...s, empty: false };
  if (q.atUnit) {
    const inScope = s.unitIds === null || s.unitIds.includes(q.atUnit);
    out = { ...out, unitIds: inScope ? [q.atUnit] : [], empty: !inScope };
  }
  if (q.periodKey && q.periodKind) {
    const d = periodDays(q.periodKey, q.periodKind);
    if (!d) return { ...out, empty: true };
    const from = `${d.from}T00:00:00.000Z`;
    const to = `${d.to}T00:00:00.000Z`;
    const last = new Date(Date.parse(to) - DAY_MS).toISOString().slice(0, 10);
    out = {
      ...out,
      since: out.since && out.since > from ? out.since : from,
      until: out.until && out.until < to ? out.until : to,
      dayFrom: out.dayFrom && out.dayFrom > d.from ? out.dayFrom : d.from,
      dayTo: out.dayTo && out.dayTo < last ? out.dayTo : last,
    };
    if (out.since && out.until && out.since >= out.until) out.empty = true;
  }
  return out;
}

/** The list's total: NPS / CSAT and "every response" from the aggregates (the very rows the
 *  charts sum) when the period is whole days and no respondent filter applies, else a count in
 *  SQL with the page's WHERE. */
async function totalOf(
  db: Sql,
  s: TMatched,
  q: TDrillQuery,
  want: 'hi' | 'mid' | 'lo' | null,
  filter: surveys.TDrillFilter,
  match: surveys.TDrillMatch,
): Promise<number> {
  if (s.empty) return 0;
  if ((q.metric === 'nps' || q.metric === 'csat') && s.daily) {
    const rows = await dailyRows(db, s, [q.metric]);
    return rows.reduce((n, r) => n + (want ? r[want] : r.n), 0);
  }
  // every response in the filter: the aggregates' response rows (tag '')
  if (match.kind === 'all' && s.daily)
    return (await dailyRows(db, s, [''])).reduce((n, r) => n + r.n, 0);
  return surveys.drillCount(db, s.orgId, filter, match);
}

/** GET /api/analytics/surveys/:id/responses: the matching responses, a page at a time, paged
 *  in SQL (surveys/repo-drill.ts). */
export async function drillResponses(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TDrillQuery,
): Promise<TDrillPage> {
  validate(q);
  const def = await surveys.getDefinition(db, auth, surveyId);
  const s = narrow(await resolveFilter(db, auth, surveyId, q), q);
  const after = q.after ? decodeCursor(q.after) : null;
  const textKeys: string[] = [];
  for (const p of def.pages ?? [])
    for (const qq of p.questions ?? [])
      if (qq.type === 'text' && (q.metric !== 'text' || !q.question || qq.key === q.question))
        textKeys.push(qq.key);
  const items = q.item
    ? [q.item]
    : q.dimension
      ? [...SERVQUAL_ITEMS[q.dimension]]
      : ([] as number[]);
  const want =
    q.bucket && (q.metric === 'nps' || q.metric === 'csat')
      ? (({ ...NPS_B, ...CSAT_B } as Record<string, 'hi' | 'mid' | 'lo'>)[q.bucket] ?? null)
      : null;
  const match: surveys.TDrillMatch =
    q.metric === 'servqual'
      ? items.length
        ? { kind: 'pairs', items }
        : { kind: 'all' }
      : q.metric === 'text'
        ? { kind: 'text', questionKeys: textKeys }
        : { kind: 'num', tag: q.metric, ...bandRange(q.metric, want) };
  const filter: surveys.TDrillFilter = {
    surveyId,
    since: s.since,
    until: s.until,
    unitIds: s.unitIds,
    channel: s.channel,
    language: s.language,
    segment: s.segment,
  };
  const [total, rows] = await Promise.all([
    totalOf(db, s, q, want, filter, match),
    s.empty
      ? Promise.resolve([] as surveys.TDrillRow[])
      : surveys.drillPage(db, auth.orgId, filter, match, after, q.limit + 1),
  ]);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const tags =
    q.metric === 'servqual'
      ? items.flatMap((k) => [`servqual:E:${k}`, `servqual:P:${k}`])
      : q.metric === 'text'
        ? []
        : [q.metric];
  const ans = await surveys.drillAnswers(
    db,
    auth.orgId,
    page.map((r) => r.id),
    tags,
    textKeys,
  );
  const byResp = new Map<string, typeof ans>();
  for (const a of ans) {
    const l = byResp.get(a.responseId) ?? [];
    l.push(a);
    byResp.set(a.responseId, l);
  }
  const units = new Map((await listUnits(db, auth.orgId)).map((u) => [u.id, u.name]));
  const names = await customerNames(
    db,
    auth.orgId,
    page.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    await unitScope(db, auth),
  );
  return {
    total,
    next: more && last ? encodeCursor(last.at, last.id) : null,
    items: page.map((r) => {
      const own = byResp.get(r.id) ?? [];
      const num = (tag: string) => own.find((a) => a.tag === tag && a.num !== null)?.num ?? null;
      const answers: TDrillItem['answers'] = [];
      if (q.metric === 'servqual')
        for (const k of items) {
          const e = num(`servqual:E:${k}`);
          const p = num(`servqual:P:${k}`);
          if (e !== null && p !== null)
            answers.push(
              { tag: `servqual:E:${k}`, value: e },
              { tag: `servqual:P:${k}`, value: p },
            );
        }
      else if (q.metric === 'nps' || q.metric === 'csat') {
        const v = num(q.metric);
        if (v !== null) answers.push({ tag: q.metric, value: v });
      }
      const texts = own
        .filter((a) => textKeys.includes(a.questionKey) && a.text && a.text.trim() !== '')
        .map((a) => (a.text as string).trim());
      const name = r.customerId ? names.get(r.customerId) : undefined;
      return {
        responseId: r.id,
        // the contract's instants are milliseconds (lib/iso); the cursor keeps the microseconds
        at: new Date(r.at).toISOString(),
        unitId: r.unitId,
        unitName: r.unitId ? (units.get(r.unitId) ?? null) : null,
        channel: r.channel,
        language: r.language,
        customer: r.customerId && name ? { id: r.customerId, name } : null,
        answers,
        comment: texts.length ? texts.join(' · ') : null,
      };
    }),
  };
}
