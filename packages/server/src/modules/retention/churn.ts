// Contractual churn inside the refit: a logistic model (packages/stats analyzeChurn: L2
// logistic, stratified k-fold AUC, drivers) on the org's contracts, an ended contract being a
// churn. P(churn) is stored for customers with an active contract; without enough ended and
// active contracts the step is skipped with a warning (never a guessed number). SQL in
// repo-churn.ts.
import {
  analyzeChurn,
  ChurnFitError,
  predictChurn,
  type TChurnFeature,
  type TChurnRecord,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import { churnContracts } from './repo-churn';

export const MIN_CLASS = 8;

export interface TChurnSummary {
  n: number;
  positives: number;
  folds: number;
  auc: number;
  aucSd: number;
  brier: number;
  drivers: Array<{ feature: string; level: string | null; oddsRatio: number; p: number }>;
}

const FEATURES: TChurnFeature[] = [
  { name: 'plan', kind: 'categorical' },
  { name: 'tenureMonths', kind: 'numeric' },
  { name: 'monthlyFee', kind: 'numeric' },
  { name: 'purchases', kind: 'numeric' },
];

export async function fitContractChurn(
  db: Sql,
  orgId: string,
  end: string,
  purchases: ReadonlyMap<string, number>,
): Promise<
  { summary: TChurnSummary; risk: Map<string, number> } | { warning: string; risk: null }
> {
  const rows = await churnContracts(db, orgId, end);
  if (!rows.length) return { warning: 'churn_skipped:no_contracts', risk: null };
  const records: TChurnRecord[] = rows.map((r) => ({
    plan: r.plan,
    tenureMonths: r.tenure_days / 30.4375,
    monthlyFee: r.monthly_fee === null ? null : Number(r.monthly_fee),
    purchases: purchases.get(r.customer_id) ?? 0,
  }));
  const target = rows.map((r) => (r.ended ? 1 : 0));
  const positives = target.reduce<number>((a, b) => a + b, 0);
  const negatives = rows.length - positives;
  if (positives < MIN_CLASS || negatives < MIN_CLASS)
    return {
      warning: `churn_skipped:too_few_contracts:${positives}_ended:${negatives}_active`,
      risk: null,
    };
  const folds = Math.min(5, Math.floor(Math.min(positives, negatives) / 2));
  try {
    const a = analyzeChurn(
      { features: FEATURES, records, target },
      { folds, seed: 42, missing: 'impute' },
    );
    const risk = new Map<string, number>();
    rows.forEach((r, i) => {
      if (r.ended) return;
      const p = predictChurn(a.model, records[i] as TChurnRecord);
      if (Number.isFinite(p)) risk.set(r.customer_id, Math.max(risk.get(r.customer_id) ?? 0, p));
    });
    return {
      summary: {
        n: a.n,
        positives: a.positives,
        folds,
        auc: a.cv.auc,
        aucSd: a.cv.aucSd,
        brier: a.cv.uncalibrated.brier,
        drivers: a.drivers.slice(0, 6).map((d) => ({
          feature: d.feature,
          level: d.level,
          oddsRatio: d.oddsRatio,
          p: d.p,
        })),
      },
      risk,
    };
  } catch (e) {
    if (e instanceof ChurnFitError)
      return { warning: `churn_not_fitted: ${e.message}`, risk: null };
    throw e;
  }
}
