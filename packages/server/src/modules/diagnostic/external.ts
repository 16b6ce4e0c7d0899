// Gaps 2 and 3 come from other modules, read only through their service.ts:
// - gap 2: standards/service.coverage (important SERVQUAL items with no or only weak standards,
//   standards promising a level below the stated expectation), for the unit and period, over the
//   same customer survey as gap 5;
// - gap 3: fieldwork/service.complianceByStandard (audits and mystery-shopping visits of the unit
//   and its subtree, own outlets only), grouped per SERVQUAL dimension through the standards'
//   dimension. A standard "fails in audits" when its compliance is below FAILING_COMPLIANCE.
import type { TServqualReport } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import * as fieldwork from '../fieldwork/service';
import * as standards from '../standards/service';
import type { TEvidence } from './evidence';

export const FAILING_COMPLIANCE = 0.8;

export interface TGap2Finding {
  key: string;
  item: number | null;
  dimension: string | null;
  reason: 'no_standard' | 'weak_standard' | 'target_below_expectation';
  /** the dimension's share of the 100 points (0–1) when the survey asks it */
  importance: number | null;
  expectation: number | null;
  /** the standard whose promised level is below the expectation */
  standard: { code: string; nameEs: string; nameEn: string; promisedLevel: number } | null;
  label: string;
}
export interface TGap2 {
  findings: TGap2Finding[];
  standards: number;
  importantItems: number;
}
export interface TGap3 {
  dimensions: { dimension: string; compliance: number | null; n: number; failing: number }[];
  standards: {
    id: string;
    code: string;
    name: string;
    nameEn: string;
    dimension: string | null;
    n: number;
    met: number;
    compliance: number | null;
    failing: boolean;
  }[];
  observations: number;
}

export async function externalGaps(
  db: Sql,
  auth: AuthContext,
  q: {
    unitId?: string;
    from?: string;
    to?: string;
    customerSurveyId: string | null;
    servqual: TServqualReport | null;
    unitIds: string[] | null;
  },
): Promise<{ gap2: TEvidence<TGap2>; gap3: TEvidence<TGap3> }> {
  const all = await standards.listStandards(db, auth.orgId, {
    ...(q.unitId ? { unitId: q.unitId } : {}),
    activeOnly: true,
  });
  return { gap2: await gap2Of(db, auth, q, all.length), gap3: await gap3Of(db, auth, q) };
}

async function gap2Of(
  db: Sql,
  auth: AuthContext,
  q: { unitId?: string; from?: string; to?: string; customerSurveyId: string | null },
  nStandards: number,
): Promise<TEvidence<TGap2>> {
  if (nStandards === 0)
    return { status: 'missing', missing: 'no_standards', template: null, link: '/standards' };
  if (!q.customerSurveyId)
    return {
      status: 'missing',
      missing: 'no_customer_survey',
      template: 'servqual',
      link: '/surveys',
    };
  const c = await standards.coverage(db, auth, {
    surveyId: q.customerSurveyId,
    ...(q.unitId ? { unitId: q.unitId } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  });
  if (c.n === 0)
    return {
      status: 'missing',
      missing: 'no_important_items',
      template: 'servqual',
      link: `/surveys/${q.customerSurveyId}`,
    };
  const findings: TGap2Finding[] = [
    ...c.uncovered.map((i) => ({
      key: `item:${i.item}:${i.status}`,
      item: i.item,
      dimension: i.dimension,
      reason: (i.status === 'weak' ? 'weak_standard' : 'no_standard') as TGap2Finding['reason'],
      importance: i.weight,
      expectation: i.expectation,
      standard: null,
      label: String(i.item),
    })),
    ...c.belowExpectation.map((b) => ({
      key: `std:${b.id}:${b.item}`,
      item: b.item,
      dimension: c.items.find((i) => i.item === b.item)?.dimension ?? null,
      reason: 'target_below_expectation' as const,
      importance: c.items.find((i) => i.item === b.item)?.weight ?? null,
      expectation: b.expectation,
      standard: {
        code: b.code,
        nameEs: b.nameEs,
        nameEn: b.nameEn,
        promisedLevel: b.promisedLevel,
      },
      label: String(b.item),
    })),
  ];
  return {
    status: 'ok',
    data: {
      findings,
      standards: nStandards,
      importantItems: c.items.filter((i) => i.important).length,
    },
  };
}

async function gap3Of(
  db: Sql,
  auth: AuthContext,
  q: { from?: string; to?: string; unitIds: string[] | null },
): Promise<TEvidence<TGap3>> {
  const comp = await fieldwork.complianceByStandard(db, auth.orgId, {
    unitIds: q.unitIds,
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  });
  const observations = comp.items.reduce((s, i) => s + i.n, 0);
  if (comp.standards.length === 0)
    return { status: 'missing', missing: 'no_audits', template: null, link: '/fieldwork' };
  const rows: TGap3['standards'] = [];
  for (const s of comp.standards) {
    const st = await standards.getStandard(db, auth.orgId, s.standardId);
    rows.push({
      id: s.standardId,
      code: st?.code ?? s.code ?? '',
      name: st?.nameEs ?? s.name ?? '',
      nameEn: st?.nameEn ?? s.name ?? '',
      dimension: st?.dimension ?? null,
      n: s.n,
      met: s.met,
      compliance: s.compliance,
      failing: s.compliance !== null && s.compliance < FAILING_COMPLIANCE,
    });
  }
  const dims = new Map<string, { n: number; met: number; failing: number }>();
  for (const r of rows) {
    if (!r.dimension) continue;
    const d = dims.get(r.dimension) ?? { n: 0, met: 0, failing: 0 };
    d.n += r.n;
    d.met += r.met;
    if (r.failing) d.failing++;
    dims.set(r.dimension, d);
  }
  return {
    status: 'ok',
    data: {
      dimensions: [...dims].map(([dimension, d]) => ({
        dimension,
        n: d.n,
        compliance: d.n > 0 ? d.met / d.n : null,
        failing: d.failing,
      })),
      standards: rows.sort((a, b) => (a.compliance ?? 1) - (b.compliance ?? 1)),
      observations,
    },
  };
}
