// Analytics IPA, key drivers, text themes and the branch league table (issue 11): the
// respondent-level SERVQUAL statistics; split from service.ts.
import type {
  TAnalyticsFilter,
  TDriversReport,
  TIpaReport,
  TLeagueReport,
  TTextQuery,
  TTextReport,
} from '@fidelia/contracts';
import {
  driverAnalysis,
  ipa,
  ipaQuadrants,
  keywordFrequency,
  SERVQUAL_DIMENSIONS,
  SERVQUAL_ITEMS,
  tIntervalFromSummary,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { sampledData } from './sample';
import { servqualOf, unitNames } from './service-contract';
import { dailyRows } from './service-daily';
import { resolveFilter, surveyOf } from './service-filters';
import { servqualState } from './service-servqual';

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
  const none = {
    n,
    importance: null,
    importanceCut: null,
    performanceCut: null,
    sample: null,
    attributes: [],
  };
  if (perf.every((v) => v === null)) return none;
  if (stated.some((v) => v !== null)) {
    const r = ipaQuadrants(
      SERVQUAL_DIMENSIONS.flatMap((d, j) =>
        perf[j] !== null && stated[j] !== null
          ? [{ attribute: d, importance: stated[j] as number, performance: perf[j] as number }]
          : [],
      ),
    );
    return { n, importance: 'stated', sample: null, ...r };
  }
  const data = await sampledData(db, s, { tags: ['nps'], prefixes: ['servqual:P:'] });
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
  return { n, importance: 'derived', sample: data.sample, ...r };
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
  const data = await sampledData(db, s, { tags: ['nps', 'csat'], prefixes: ['servqual:P:'] });
  const sq = servqualOf(data.answers);
  const outcome: TDriversReport['outcome'] = data.answers.some(
    (a) => a.tag === 'nps' && a.num !== null,
  )
    ? 'nps'
    : data.answers.some((a) => a.tag === 'csat' && a.num !== null)
      ? 'csat'
      : null;
  const empty: TDriversReport = { outcome, n: 0, sample: data.sample, rSquared: null, drivers: [] };
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
  return { outcome, n: r.n, sample: data.sample, rSquared: r.rSquared, drivers: r.drivers };
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
  if (keys.length === 0) return { n: 0, sample: null, keywords: [] };
  const data = await sampledData(db, s, { questionKeys: keys });
  const texts = data.answers.map((a) => a.text).filter((t): t is string => !!t && t.trim() !== '');
  return {
    n: texts.length,
    sample: data.sample,
    keywords: keywordFrequency(texts, ['es', 'en'], q.top),
  };
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
  const st = await servqualState(db, s, true);
  if (!st.any) return { units: [] };
  const names = await unitNames(db, auth.orgId);
  const units = [...st.acc].flatMap(([unitId, acc]) => {
    if (unitId === null) return [];
    const o = acc.overall();
    const g = acc.respondentGap();
    return [
      {
        unitId,
        unitName: names.get(unitId) ?? '',
        n: acc.respondentCount,
        gap: o.gap,
        weightedGap: o.weightedGap,
        ci95: o.gap !== null && g.sd !== null ? tIntervalFromSummary(g.n, o.gap, g.sd) : null,
        rank: 0,
      },
    ];
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
