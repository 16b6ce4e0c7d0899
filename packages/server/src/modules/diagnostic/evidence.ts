// The five-gap diagnostic of one org unit and period: each gap from its own evidence, through the
// owning modules' services (analytics for gap 5, survey answers for gap 1 and the gap causes,
// scored by the @fidelia/stats functions the `fidelia analyze gap1|gap-causes` commands use),
// own promises for gap 4. A gap without evidence says which evidence is missing and how to
// collect it (`missing`), never a blank.

import { SERVQUAL_ITEMS, type TDiagnosticQuery, type TServqualReport } from '@fidelia/contracts';
import {
  type GAP_CAUSE_FACTORS,
  gap1,
  gapCauses,
  isGapCauseFactor,
  type TGap1,
  type TGapCauseItem,
  type TGapCauses,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import * as analytics from '../analytics/service';
import { listUnits } from '../orgs/service';
import * as surveys from '../surveys/service';
import './errors';
import * as strategy from '../strategy/service';
import { afterSalesEvidence, type TAfterSales } from './after-sales';
import { externalGaps, type TGap2, type TGap3 } from './external';
import { promisesForDiagnostic, type TPromiseVerdict } from './promises';
import { rankCandidates, type TCandidate } from './ranking';

export type TMissing =
  | 'no_customer_survey'
  | 'no_servqual_answers'
  | 'no_manager_survey'
  | 'no_manager_answers'
  | 'no_causes_survey'
  | 'no_causes_answers'
  | 'no_standards'
  | 'no_important_items'
  | 'no_audits'
  | 'no_promises'
  | 'no_after_sales_attributes'
  | 'module_unavailable';

export type TEvidence<T> =
  | { status: 'ok'; data: T }
  | { status: 'missing'; missing: TMissing; template: string | null; link: string };

export interface TSurveyRef {
  id: string;
  name: string;
  createdAt: string;
}

export interface TDiagnostic {
  unit: { id: string; name: string } | null;
  period: { from: string | null; to: string | null };
  surveys: {
    customer: TSurveyRef | null;
    manager: TSurveyRef | null;
    causes: TSurveyRef | null;
    options: { customer: TSurveyRef[]; manager: TSurveyRef[]; causes: TSurveyRef[] };
  };
  gap5: TEvidence<TServqualReport>;
  gap1: TEvidence<TGap1>;
  gap2: TEvidence<TGap2>;
  gap3: TEvidence<TGap3>;
  gap4: TEvidence<{ promises: TPromiseVerdict[] }>;
  causes: TEvidence<TGapCauses>;
  /** after-sales attributes (catalogue group after_sales) and their evidence across the gaps */
  afterSales: TEvidence<TAfterSales>;
  /** the unit's service triangle (strategy workspace), else the whole organisation's */
  triangle: Awaited<ReturnType<typeof strategy.triangleSummary>>;
  candidates: TCandidate[];
  /** the 22 SERVQUAL items' perception wordings (es/en), for the screen */
  servqualItems: { n: number; dimension: string; text: { es: string; en: string } }[];
}

export const servqualItemTexts = () =>
  SERVQUAL_ITEMS.map((i) => ({ n: i.n, dimension: i.dimension, text: i.P }));

const KIND_TEMPLATE = {
  customer: 'servqual',
  manager: 'servqual_manager',
  causes: 'gap_causes',
} as const;

const missing = (m: TMissing, template: string | null, link: string) =>
  ({ status: 'missing', missing: m, template, link }) as const;

async function pickSurveys(db: Sql, auth: AuthContext, q: TDiagnosticQuery) {
  const all = (await surveys.listSurveys(db, auth)).items.filter(
    (s) => s.publishedVersion !== null,
  );
  const ref = (s: (typeof all)[number]): TSurveyRef => ({
    id: s.id,
    name: s.name,
    createdAt: s.createdAt,
  });
  const options = {
    customer: [] as TSurveyRef[],
    manager: [] as TSurveyRef[],
    causes: [] as TSurveyRef[],
  };
  for (const kind of ['customer', 'manager', 'causes'] as const) {
    options[kind] = all
      .filter((s) => s.template === KIND_TEMPLATE[kind])
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .map(ref);
  }
  const choose = (kind: keyof typeof options, id: string | undefined): TSurveyRef | null => {
    if (!id) return options[kind][0] ?? null;
    const hit = options[kind].find((s) => s.id === id);
    if (hit) return hit;
    if (all.some((s) => s.id === id)) throw new AppError('DIAGNOSTIC_SURVEY_KIND', { id, kind });
    throw new AppError('NOT_FOUND', { id });
  };
  return {
    customer: choose('customer', q.customerSurveyId),
    manager: choose('manager', q.managerSurveyId),
    causes: choose('causes', q.causesSurveyId),
    options,
  };
}

type TScope = Awaited<ReturnType<typeof analytics.resolveFilter>>;

async function answers(db: Sql, s: TScope, prefixes: string[]) {
  return surveys.analyticsData(db, s.orgId, {
    surveyId: s.surveyId,
    since: s.since,
    until: s.until,
    unitIds: s.unitIds,
    channel: null,
    prefixes,
  });
}

/** One row of 22 values per complete response (null = missing), for the given part. */
async function servqualRows(db: Sql, s: TScope, part: 'E' | 'M'): Promise<(number | null)[][]> {
  const data = await answers(db, s, [`servqual:${part}:`]);
  const rows = new Map<string, (number | null)[]>();
  for (const r of data.responses) rows.set(r.id, new Array<number | null>(22).fill(null));
  const re = new RegExp(`^servqual:${part}:(\\d+)$`);
  for (const a of data.answers) {
    const m = a.tag ? re.exec(a.tag) : null;
    const k = m ? Number(m[1]) : 0;
    const row = rows.get(a.responseId);
    if (row && k >= 1 && k <= 22 && a.num !== null) row[k - 1] = a.num;
  }
  return [...rows.values()];
}

export interface TCausesTable {
  /** column names as `fidelia analyze gap-causes` reads them: `<factor>:<n>[:r]` */
  columns: string[];
  items: TGapCauseItem[];
  rows: { id: string; role: string | null; values: (number | null)[] }[];
}

const CAUSE_TAG = /^gapcause:([a-z_]+):(\d+)(:r)?$/;

/** The gap-causes answers as the CLI's table: columns in the questionnaire's order. */
export async function causesTable(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: { unitId?: string; from?: string; to?: string },
): Promise<TCausesTable> {
  const survey = await surveys.getSurvey(db, auth, surveyId);
  const columns: string[] = [];
  const items: TGapCauseItem[] = [];
  const def = survey.definition as {
    pages: {
      questions: { rows?: { tag?: string }[]; items?: { tag?: string }[]; tag?: string }[];
    }[];
  };
  for (const p of def.pages)
    for (const qq of p.questions)
      for (const it of [...(qq.rows ?? []), ...(qq.items ?? []), qq]) {
        const m = it.tag ? CAUSE_TAG.exec(it.tag) : null;
        if (!m || !isGapCauseFactor(m[1] as string)) continue;
        const col = `${m[1]}:${Number(m[2])}${m[3] ? ':r' : ''}`;
        if (columns.includes(col)) continue;
        columns.push(col);
        items.push({ factor: m[1] as keyof typeof GAP_CAUSE_FACTORS, reverse: Boolean(m[3]) });
      }
  const s = await analytics.resolveFilter(db, auth, surveyId, q);
  const data = await answers(db, s, ['gapcause:']);
  const index = new Map(columns.map((c, j) => [c, j]));
  const byId = new Map<string, { id: string; role: string | null; values: (number | null)[] }>();
  for (const r of data.responses)
    byId.set(r.id, { id: r.id, role: null, values: new Array(columns.length).fill(null) });
  for (const a of data.answers) {
    const row = byId.get(a.responseId);
    if (!row || !a.tag) continue;
    if (a.tag === 'gapcause:role') {
      row.role = a.text;
      continue;
    }
    const m = CAUSE_TAG.exec(a.tag);
    const j = m ? index.get(`${m[1]}:${Number(m[2])}${m[3] ? ':r' : ''}`) : undefined;
    if (j !== undefined && a.num !== null) row.values[j] = a.num;
  }
  return { columns, items, rows: [...byId.values()] };
}

export async function diagnose(
  db: Sql,
  auth: AuthContext,
  q: TDiagnosticQuery,
): Promise<TDiagnostic> {
  if (q.from && q.to && q.from > q.to) throw new AppError('DIAGNOSTIC_DATES_INVALID');
  const filter = { unitId: q.unitId, from: q.from, to: q.to };
  // The unit must exist and lie in the caller's scope (404 otherwise, never a 500).
  const base = await analytics.resolveFilter(db, auth, null, filter).catch((e) => {
    if (e instanceof AppError && e.code === 'ANALYTICS_UNIT_NOT_FOUND')
      throw new AppError('DIAGNOSTIC_UNIT_INVALID');
    throw e;
  });
  const picked = await pickSurveys(db, auth, q);
  const unit = q.unitId
    ? ((await listUnits(db, auth.orgId)).find((u) => u.id === q.unitId) ?? null)
    : null;

  // Gap 5: SERVQUAL P − E of the customer survey (analytics' own report).
  let gap5: TDiagnostic['gap5'];
  let sq: TServqualReport | null = null;
  if (!picked.customer) gap5 = missing('no_customer_survey', 'servqual', '/surveys');
  else {
    sq = await analytics.servqualReport(db, auth, picked.customer.id, filter);
    gap5 =
      sq.n > 0
        ? { status: 'ok', data: sq }
        : missing('no_servqual_answers', 'servqual', `/surveys/${picked.customer.id}`);
    if (sq.n === 0) sq = null;
  }

  // Gap 1: managers' predictions (M) against customers' expectations (E), same unit and period.
  let g1: TDiagnostic['gap1'];
  let gap1Data: TGap1 | null = null;
  if (!picked.customer) g1 = missing('no_customer_survey', 'servqual', '/surveys');
  else if (!picked.manager) g1 = missing('no_manager_survey', 'servqual_manager', '/surveys');
  else {
    const cs = await analytics.resolveFilter(db, auth, picked.customer.id, filter);
    const ms = await analytics.resolveFilter(db, auth, picked.manager.id, filter);
    const customers = await servqualRows(db, cs, 'E');
    const managers = await servqualRows(db, ms, 'M');
    if (customers.length === 0)
      g1 = missing('no_servqual_answers', 'servqual', `/surveys/${picked.customer.id}`);
    else if (managers.length === 0)
      g1 = missing('no_manager_answers', 'servqual_manager', `/surveys/${picked.manager.id}`);
    else {
      gap1Data = gap1(customers, managers);
      g1 = { status: 'ok', data: gap1Data };
    }
  }

  // Gap causes: the staff questionnaire, scored as `fidelia analyze gap-causes`.
  let causes: TDiagnostic['causes'];
  let causesData: TGapCauses | null = null;
  if (!picked.causes) causes = missing('no_causes_survey', 'gap_causes', '/surveys');
  else {
    const t = await causesTable(db, auth, picked.causes.id, filter);
    const r = gapCauses(
      t.items,
      t.rows.map((x) => x.values),
    );
    if (r.n === 0)
      causes = missing('no_causes_answers', 'gap_causes', `/surveys/${picked.causes.id}`);
    else {
      causesData = r;
      causes = { status: 'ok', data: r };
    }
  }

  // Gaps 2 and 3: the standards and fieldwork modules' evidence.
  const ext = await externalGaps(db, auth, {
    ...filter,
    customerSurveyId: picked.customer?.id ?? null,
    servqual: sq,
    unitIds: base.unitIds,
  });

  // Gap 4: promises against perceptions of the promised items and complaints citing them.
  const verdicts = await promisesForDiagnostic(db, auth, {
    unitId: q.unitId ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    servqual: sq,
  });
  const gap4: TDiagnostic['gap4'] =
    verdicts.length > 0
      ? { status: 'ok', data: { promises: verdicts } }
      : missing('no_promises', null, '/diagnostic/promises');

  const afterSales = await afterSalesEvidence(db, auth, {
    ...filter,
    unitIds: base.unitIds,
    servqual: sq,
    gap3: ext.gap3,
    promises: verdicts,
  });
  const triangle = await strategy.triangleSummary(db, auth.orgId, q.unitId ?? null);

  const candidates = rankCandidates({
    gap5: sq,
    gap1: gap1Data,
    gap2: ext.gap2.status === 'ok' ? ext.gap2.data.findings : [],
    gap3: ext.gap3.status === 'ok' ? ext.gap3.data.dimensions : [],
    gap4: verdicts,
    causes: causesData?.factors ?? [],
  });

  return {
    unit: unit ? { id: unit.id, name: unit.name } : null,
    period: { from: q.from ?? null, to: q.to ?? null },
    surveys: picked,
    gap5,
    gap1: g1,
    gap2: ext.gap2,
    gap3: ext.gap3,
    gap4,
    causes,
    afterSales,
    triangle,
    candidates,
    servqualItems: servqualItemTexts(),
  };
}
