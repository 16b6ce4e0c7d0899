// Kano classification (Kano et al. 1984) with Berger et al. (1993) Better/Worse coefficients.
import { isPresent, type TMaybe } from '../core/descriptives';

export type TKanoCategory = 'A' | 'O' | 'M' | 'I' | 'R' | 'Q';
export const KANO_TIE_ORDER: readonly TKanoCategory[] = ['M', 'O', 'A', 'I', 'R', 'Q'];

// Rows: functional answer 1..5; columns: dysfunctional answer 1..5 (Berger et al. 1993 evaluation table).
const TABLE: readonly (readonly TKanoCategory[])[] = [
  ['Q', 'A', 'A', 'A', 'O'],
  ['R', 'I', 'I', 'I', 'M'],
  ['R', 'I', 'I', 'I', 'M'],
  ['R', 'I', 'I', 'I', 'M'],
  ['R', 'R', 'R', 'R', 'Q'],
];

/** Category for one answer pair (1 like, 2 expect, 3 neutral, 4 live with, 5 dislike). */
export function kanoClassify(functional: number, dysfunctional: number): TKanoCategory {
  const c = TABLE[functional - 1]?.[dysfunctional - 1];
  if (c === undefined || !Number.isInteger(functional) || !Number.isInteger(dysfunctional)) {
    throw new RangeError(`Kano answers must be 1..5: ${functional}, ${dysfunctional}`);
  }
  return c;
}

export type TKanoCounts = Record<TKanoCategory, number>;

export interface TKanoAttribute {
  n: number;
  counts: TKanoCounts;
  category: TKanoCategory | null;
  better: number | null;
  worse: number | null;
  /** Category strength: share of the top category minus share of the runner-up. */
  strength: number | null;
  /** DuBois continuous scores (means on −2..4), respondents with both answers. */
  functionalScore: number | null;
  dysfunctionalScore: number | null;
}

export function emptyKanoCounts(): TKanoCounts {
  return { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 };
}

/** Most frequent category; ties broken M > O > A > I > R > Q. */
export function kanoCategory(counts: TKanoCounts): TKanoCategory | null {
  let best: TKanoCategory | null = null;
  for (const c of KANO_TIE_ORDER) {
    if (counts[c] > 0 && (best === null || counts[c] > counts[best])) best = c;
  }
  return best;
}

// Continuous mapping (DuBois et al.): functional like=4 … dislike=−2; dysfunctional mirrored.
const FUNCTIONAL_SCORE = [4, 2, 0, -1, -2];
const DYSFUNCTIONAL_SCORE = [-2, -1, 0, 2, 4];

export function kanoFromCounts(
  counts: TKanoCounts,
): Omit<TKanoAttribute, 'functionalScore' | 'dysfunctionalScore'> {
  const n = counts.A + counts.O + counts.M + counts.I + counts.R + counts.Q;
  const base = counts.A + counts.O + counts.M + counts.I;
  const category = kanoCategory(counts);
  let strength: number | null = null;
  if (n > 0 && category) {
    const sorted = KANO_TIE_ORDER.map((c) => counts[c]).sort((a, b) => b - a);
    strength = ((sorted[0] ?? 0) - (sorted[1] ?? 0)) / n;
  }
  return {
    n,
    counts: { ...counts },
    category,
    better: base > 0 ? (counts.A + counts.O) / base : null,
    worse: base > 0 ? -(counts.O + counts.M) / base : null,
    strength,
  };
}

/** One attribute from paired answers; a respondent missing either answer is left out. */
export function kanoAttribute(
  functional: readonly TMaybe[],
  dysfunctional: readonly TMaybe[],
): TKanoAttribute {
  const counts = emptyKanoCounts();
  let sf = 0;
  let sd = 0;
  let m = 0;
  for (let i = 0; i < functional.length; i++) {
    const f = functional[i];
    const d = dysfunctional[i];
    if (!isPresent(f) || !isPresent(d)) continue;
    counts[kanoClassify(f, d)]++;
    sf += FUNCTIONAL_SCORE[f - 1] ?? 0;
    sd += DYSFUNCTIONAL_SCORE[d - 1] ?? 0;
    m++;
  }
  return {
    ...kanoFromCounts(counts),
    functionalScore: m > 0 ? sf / m : null,
    dysfunctionalScore: m > 0 ? sd / m : null,
  };
}
