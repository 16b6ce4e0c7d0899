// Organisational causes of SERVQUAL gaps 1–4 (Zeithaml, Berry & Parasuraman 1988): a staff
// questionnaire whose items load on fixed factors, each factor explaining one gap.
import { isPresent, type TMaybe, tIntervalFromSummary } from '../core/descriptives';
import { cronbachAlpha } from './alpha';
import { sampleOf } from './gap1';

/** The factors and the gap each explains (fixed by the model). */
export const GAP_CAUSE_FACTORS = {
  marketing_research_orientation: 1,
  upward_communication: 1,
  levels_of_management: 1,
  management_commitment: 2,
  goal_setting: 2,
  task_standardization: 2,
  perception_of_feasibility: 2,
  teamwork: 3,
  employee_job_fit: 3,
  technology_job_fit: 3,
  perceived_control: 3,
  supervisory_control_systems: 3,
  role_conflict: 3,
  role_ambiguity: 3,
  horizontal_communication: 4,
  propensity_to_overpromise: 4,
} as const;
export type TGapCauseFactor = keyof typeof GAP_CAUSE_FACTORS;

export function isGapCauseFactor(name: string): name is TGapCauseFactor {
  return Object.hasOwn(GAP_CAUSE_FACTORS, name);
}

export interface TGapCauseItem {
  factor: TGapCauseFactor;
  /** Reverse-worded: scored 8 − value. */
  reverse: boolean;
}

export interface TGapCauseFactorResult {
  factor: TGapCauseFactor;
  gap: number;
  items: number;
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: [number, number] | null;
  alpha: number | null;
}

export interface TGapCauseGap {
  gap: number;
  score: number | null;
  weakest: TGapCauseFactor | null;
}

export interface TGapCauses {
  n: number;
  factors: TGapCauseFactorResult[];
  gaps: TGapCauseGap[];
}

/**
 * `items[j]` describes answer column j; `rows[r][j]` is respondent r's raw answer (1–7,
 * missing = null/undefined/NaN), reverse scoring is applied here. Factors come out in the
 * order of their first item; gaps in number order, only those with a factor in the data.
 */
export function gapCauses(
  items: readonly TGapCauseItem[],
  rows: readonly (readonly TMaybe[])[],
): TGapCauses {
  const order: TGapCauseFactor[] = [];
  const columns = new Map<TGapCauseFactor, number[]>();
  items.forEach((it, j) => {
    let cols = columns.get(it.factor);
    if (!cols) {
      cols = [];
      columns.set(it.factor, cols);
      order.push(it.factor);
    }
    cols.push(j);
  });
  const scored = rows.map((r) =>
    items.map((it, j) => {
      const v = r[j];
      if (!isPresent(v)) return null;
      return it.reverse ? 8 - v : v;
    }),
  );
  const n = scored.filter((r) => r.some((v) => v !== null)).length;
  const factors = order.map((factor): TGapCauseFactorResult => {
    const cols = columns.get(factor) as number[];
    const perItem = scored.map((r) => cols.map((j) => r[j] ?? null));
    const scores = perItem.map((vals) => {
      let s = 0;
      let k = 0;
      for (const v of vals) {
        if (v !== null) {
          s += v;
          k++;
        }
      }
      return k > 0 ? s / k : null;
    });
    const st = sampleOf(scores);
    const sd = st.variance === null ? null : Math.sqrt(st.variance);
    return {
      factor,
      gap: GAP_CAUSE_FACTORS[factor],
      items: cols.length,
      n: st.n,
      mean: st.mean,
      sd,
      ci95: st.mean !== null && sd !== null ? tIntervalFromSummary(st.n, st.mean, sd) : null,
      alpha: cols.length < 2 ? null : cronbachAlpha(perItem).alpha,
    };
  });
  const gaps: TGapCauseGap[] = [];
  for (const gap of [1, 2, 3, 4]) {
    const fs = factors.filter((f) => f.gap === gap);
    if (fs.length === 0) continue;
    let sum = 0;
    let k = 0;
    let weakest: TGapCauseFactorResult | null = null;
    for (const f of fs) {
      if (f.mean === null) continue;
      sum += f.mean;
      k++;
      // strict <: on a tie the factor that comes first in the header is named
      if (weakest === null || f.mean < (weakest.mean as number)) weakest = f;
    }
    gaps.push({ gap, score: k > 0 ? sum / k : null, weakest: weakest?.factor ?? null });
  }
  return { n, factors, gaps };
}
