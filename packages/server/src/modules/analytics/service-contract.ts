// Analytics contract reports (issue 11): servqual / nps / kano, exactly as `fidelia analyze`
// prints them, and the SERVQUAL answer helpers the other reports share; split from service.ts.
import type { TAnalyticsFilter, TNpsQuery, TSurveyDefinition } from '@fidelia/contracts';
import { emptyKanoCounts, type TKanoCounts } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { customerClasses } from '../customers/service';
import { listUnits } from '../orgs/service';
import { EMPTY_SERVQUAL, kanoJson, npsReport, servqualJson } from './reports';
import { dailyRows, KANO_COLS, type TDims } from './service-daily';
import { rawData, resolveFilter, surveyOf, tiersOf, useClassesOf } from './service-filters';
import { servqualState } from './service-servqual';

export { servqualOf } from './service-servqual';

/** GET /api/analytics/surveys/:id/servqual: as `fidelia analyze servqual`. */
export async function servqualReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
) {
  await surveyOf(db, auth, surveyId);
  const s = await resolveFilter(db, auth, surveyId, q);
  const st = await servqualState(db, s, false);
  const acc = st.acc.get(null);
  if (!st.any || !acc) return EMPTY_SERVQUAL;
  return servqualJson(acc.result());
}

export const monthOf = (day: string) => day.slice(0, 7);

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

export async function unitNames(db: Sql, orgId: string): Promise<Map<string, string>> {
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
