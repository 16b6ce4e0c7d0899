// Gap 2's evidence over the analytics SERVQUAL report (rule in coverage.ts).
import type { TCoverage, TCoverageQuery } from '@fidelia/contracts';
import { SERVQUAL_DIMENSION_LABELS, SERVQUAL_ITEMS as SERVQUAL_WORDING } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import * as analytics from '../analytics/service';
import * as surveys from '../surveys/service';
import { coverageOf } from './coverage';
import { listStandards } from './standards';

// ------------------------------------------------------------------------------ coverage

/** The 22 SERVQUAL items with their perception wording (es/en), for pickers and reports. */
export function servqualItems() {
  return {
    items: SERVQUAL_WORDING.map((i) => ({
      n: i.n,
      dimension: i.dimension,
      es: i.P.es,
      en: i.P.en,
      expectationEs: i.E.es,
      expectationEn: i.E.en,
    })),
    dimensions: SERVQUAL_DIMENSION_LABELS,
  };
}

type TServqualReport = Awaited<ReturnType<typeof analytics.servqualReport>>;

/** The survey coverage reads (the given one, else the newest SERVQUAL one with answers in the
 *  filter) and its SERVQUAL report. */
async function coverageSurvey(
  db: Sql,
  auth: AuthContext,
  q: TCoverageQuery,
): Promise<{ survey: { id: string; name: string }; report: TServqualReport } | null> {
  const filter = { from: q.from, to: q.to, unitId: q.unitId };
  const list = (await surveys.listSurveys(db, auth)).items;
  if (q.surveyId) {
    const s = list.find((x) => x.id === q.surveyId);
    if (!s) throw new AppError('NOT_FOUND');
    const report = await analytics.servqualReport(db, auth, s.id, filter);
    return { survey: { id: s.id, name: s.name }, report };
  }
  const candidates = list
    .filter((s) => s.responses.complete > 0)
    .sort((a, b) => Number(b.template === 'servqual') - Number(a.template === 'servqual'));
  for (const s of candidates.slice(0, 10)) {
    const report = await analytics.servqualReport(db, auth, s.id, filter);
    if (report.n > 0) return { survey: { id: s.id, name: s.name }, report };
  }
  return null;
}

/**
 * Gap 2's evidence: important SERVQUAL items (customers' expectations from the analytics
 * SERVQUAL report, with the dimensions' importance weights) without a standard or with weak
 * ones only, and standards promising less than customers expect. Standards counted are those
 * that apply to the unit when one is given.
 */
export async function coverage(
  db: Sql,
  auth: AuthContext,
  q: TCoverageQuery = {},
): Promise<TCoverage> {
  const found = await coverageSurvey(db, auth, q);
  const sq = found?.report ?? { n: 0, items: [], dimensions: [] };
  const standards = await listStandards(db, auth.orgId, {
    ...(q.unitId ? { unitId: q.unitId } : {}),
    activeOnly: true,
  });
  return {
    survey: found?.survey ?? null,
    ...coverageOf(sq, standards, Number(q.minExpectation ?? 6)),
  };
}
