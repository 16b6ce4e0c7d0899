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
import { sampledData, sampledMeans } from './sample';
import { unitNames } from './service-contract';
import { dailyRows } from './service-daily';
import { resolveFilter, surveyOf } from './service-filters';
import { servqualState } from './service-servqual';

// The perception tags of each SERVQUAL dimension: a respondent's dimension perception is the mean
// of the items it answered (sampledMeans), then the outcome tags after them.
const PERCEPTION_GROUPS = SERVQUAL_DIMENSIONS.map((d) =>
  SERVQUAL_ITEMS[d].map((k) => `servqual:P:${k}`),
);
const D = SERVQUAL_DIMENSIONS.length;

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
  const data = await sampledMeans(db, s, [...PERCEPTION_GROUPS, ['nps']]);
  const nps = data.means.map((m) => m[D] ?? null);
  if (nps.every((v) => v === null)) return none;
  const r = ipa(
    SERVQUAL_DIMENSIONS,
    SERVQUAL_DIMENSIONS.map((_, j) => data.means.map((m) => m[j] ?? null)),
    { overall: nps },
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
  const data = await sampledMeans(db, s, [...PERCEPTION_GROUPS, ['nps'], ['csat']]);
  const has = (g: number) => data.means.some((m) => m[g] !== null);
  const outcome: TDriversReport['outcome'] = has(D) ? 'nps' : has(D + 1) ? 'csat' : null;
  const empty: TDriversReport = { outcome, n: 0, sample: data.sample, rSquared: null, drivers: [] };
  if (!outcome || !SERVQUAL_DIMENSIONS.some((_, j) => has(j))) return empty;
  const y = data.means.map((m) => m[outcome === 'nps' ? D : D + 1] ?? null);
  // Dimensions nobody rated would make every case incomplete: left out.
  const keep = SERVQUAL_DIMENSIONS.map((_, j) => has(j));
  const names = SERVQUAL_DIMENSIONS.filter((_, j) => keep[j]);
  const r = driverAnalysis(
    names,
    data.means.map((m) => m.slice(0, D).filter((_, j) => keep[j])),
    y,
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
