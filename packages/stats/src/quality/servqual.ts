// SERVQUAL gap analysis (Parasuraman, Zeithaml & Berry 1988), weighted SERVQUAL, SERVPERF.
// Implemented as a streaming accumulator so the CLI can process 1M respondents in O(items).
import { isPresent, type TMaybe, tIntervalFromSummary } from '../core/descriptives';
import { feldtInterval } from './alpha';

export const SERVQUAL_DIMENSIONS = [
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const;
export type TServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** Item numbers (1-based) per dimension (Parasuraman, Zeithaml & Berry 1988, 22-item SERVQUAL). */
export const SERVQUAL_ITEMS: Record<TServqualDimension, number[]> = {
  tangibles: [1, 2, 3, 4],
  reliability: [5, 6, 7, 8, 9],
  responsiveness: [10, 11, 12, 13],
  assurance: [14, 15, 16, 17],
  empathy: [18, 19, 20, 21, 22],
};

export function servqualDimensionOf(item: number): TServqualDimension {
  for (const d of SERVQUAL_DIMENSIONS) if (SERVQUAL_ITEMS[d].includes(item)) return d;
  throw new RangeError(`SERVQUAL item out of range: ${item}`);
}

export interface TServqualItem {
  item: string;
  dimension: TServqualDimension;
  n: number;
  expectation: number | null;
  perception: number | null;
  gap: number | null;
  ci95: [number, number] | null;
}

export interface TServqualDimensionResult {
  dimension: TServqualDimension;
  expectation: number | null;
  perception: number | null;
  gap: number | null;
  weight: number | null;
  alphaPerception: number | null;
  alphaPerceptionCi95: [number, number] | null;
}

export interface TServqual {
  n: number;
  items: TServqualItem[];
  dimensions: TServqualDimensionResult[];
  overall: {
    gap: number | null;
    weightedGap: number | null;
    /** SERVPERF: mean of the five dimension perception scores. */
    servperf: number | null;
  };
}

const ITEM_COUNT = 22;

/** Mean of a list, null when any is null (a dimension with an empty item has no score). */
function meanOf(xs: readonly (number | null)[]): number | null {
  let s = 0;
  for (const x of xs) {
    if (x === null) return null;
    s += x;
  }
  return xs.length > 0 ? s / xs.length : null;
}

// Item ranges per dimension (0-based, end exclusive): items of a dimension are contiguous.
const DIM_START = [0, 4, 9, 13, 17];
const DIM_END = [4, 9, 13, 17, 22];

/**
 * The accumulator's state as one vector of plain sums, so that states add up: the analytics
 * aggregates store it per survey x unit x day x channel (migration 504) and a report merges
 * rows with `addSums`. Per item k (1-22): pn_k pairs (E and P both given), pe_k / pp_k sums of
 * E / P over pairs, gg_k sum of (P - E)^2 over pairs, ap_k / aq_k sums of P / P^2 over
 * respondents complete on k's dimension (alpha). Per dimension j (1-5, SERVQUAL_DIMENSIONS
 * order): an_j complete respondents, at_j / att_j sums of their dimension total / total^2, w_j sum
 * of the weight points (respondents with all five weights). wn: respondents with weights; rn,
 * rs, rss: respondents with a respondent-level gap (every dimension with a pair), the sum of
 * 300 x those gaps and of its squares (exact integers for integer answers).
 */
export const SERVQUAL_SUM_COLUMNS: readonly string[] = [
  ...Array.from({ length: 22 }, (_, i) =>
    ['pn', 'pe', 'pp', 'gg', 'ap', 'aq'].map((c) => `${c}_${i + 1}`),
  ).flat(),
  ...Array.from({ length: 5 }, (_, j) =>
    ['an', 'at', 'att', 'w'].map((c) => `${c}_${j + 1}`),
  ).flat(),
  'wn',
  'rn',
  'rs',
  'rss',
];
const I_BASE = 0; // 6 per item
const D_BASE = 132; // 4 per dimension
const WN = 152;
const RN = 153;
const RS = 154;
const RSS = 155;
const SUM_LENGTH = 156;

/**
 * Streaming SERVQUAL over 1M+ respondents in O(items) memory. Variances use plain sums
 * (S2 - S1^2/n): exact for Likert integers (every sum is an integer below 2^53), independent of
 * the order respondents arrive in, and mergeable, which lets stored aggregates give the same
 * bits as a pass over the raw answers.
 */
export class ServqualAccumulator {
  private respondents = 0;
  private readonly s = new Float64Array(SUM_LENGTH);

  /**
   * One respondent: e and p indexed 0..21 (item 1..22), weights (points out of 100, in
   * SERVQUAL_DIMENSIONS order) or null when the respondent gave none. Missing values are
   * null, undefined or NaN (typed arrays with NaN are the fast path).
   */
  push(e: ArrayLike<TMaybe>, p: ArrayLike<TMaybe>, weights: ArrayLike<TMaybe> | null = null): void {
    this.respondents++;
    const s = this.s;
    let rTotal = 0;
    let rOk = true;
    for (let j = 0; j < 5; j++) {
      const a = DIM_START[j] as number;
      const b = DIM_END[j] as number;
      let pairs = 0;
      let gapSum = 0;
      let total = 0;
      let complete = true;
      for (let i = a; i < b; i++) {
        const ei = e[i];
        const pi = p[i];
        const hasP = typeof pi === 'number' && !Number.isNaN(pi);
        if (!hasP) complete = false;
        else total += pi;
        if (!hasP || typeof ei !== 'number' || Number.isNaN(ei)) continue;
        const o = I_BASE + i * 6;
        const d = pi - ei;
        s[o]! += 1;
        s[o + 1]! += ei;
        s[o + 2]! += pi;
        s[o + 3]! += d * d;
        pairs++;
        gapSum += d;
      }
      if (pairs === 0) rOk = false;
      else rTotal += (60 * gapSum) / pairs;
      if (!complete) continue;
      for (let i = a; i < b; i++) {
        const v = p[i] as number;
        const o = I_BASE + i * 6;
        s[o + 4]! += v;
        s[o + 5]! += v * v;
      }
      const o = D_BASE + j * 4;
      s[o]! += 1;
      s[o + 1]! += total;
      s[o + 2]! += total * total;
    }
    if (rOk) {
      // 300 x the respondent gap (the mean of five dimension means): an exact integer for
      // integer answers, since 60 is divisible by every dimension's pair count (1-5).
      const g = rTotal;
      s[RN]! += 1;
      s[RS]! += g;
      s[RSS]! += g * g;
    }
    if (weights === null || weights.length < 5) return;
    for (let j = 0; j < 5; j++) {
      const v = weights[j];
      if (typeof v !== 'number' || Number.isNaN(v)) return;
    }
    s[WN]! += 1;
    for (let j = 0; j < 5; j++) s[D_BASE + j * 4 + 3]! += weights[j] as number;
  }

  /** Respondents pushed or added (every one counts, with or without answers). */
  get respondentCount(): number {
    return this.respondents;
  }

  /** The state's sums in SERVQUAL_SUM_COLUMNS order (respondents apart). */
  sums(): Float64Array {
    return this.s.slice();
  }

  /** Adds a stored state: `respondents` complete responses and their sums. */
  addSums(respondents: number, sums: ArrayLike<number>): void {
    this.respondents += respondents;
    for (let i = 0; i < SUM_LENGTH; i++) this.s[i]! += sums[i] ?? 0;
  }

  /** Respondent-level gap (mean over dimensions of the mean item gap): n, mean, sd. */
  respondentGap(): { n: number; mean: number | null; sd: number | null } {
    const n = this.s[RN] as number;
    const s1 = this.s[RS] as number;
    if (n === 0) return { n, mean: null, sd: null };
    const sd =
      n > 1
        ? Math.sqrt(Math.max(0, ((this.s[RSS] as number) - (s1 * s1) / n) / (n - 1))) / 300
        : null;
    return { n, mean: s1 / n / 300, sd };
  }

  /**
   * The overall scores alone (what a league or a headline shows), without the item intervals
   * and alpha intervals of `result()`, whose t and F quantiles cost ~100 µs per unit.
   */
  overall(): TServqual['overall'] {
    const s = this.s;
    const wn = s[WN] as number;
    let gap = 0;
    let weightedGap = 0;
    let servperf = 0;
    for (let j = 0; j < 5; j++) {
      let g = 0;
      let p = 0;
      for (let i = DIM_START[j] as number; i < (DIM_END[j] as number); i++) {
        const o = I_BASE + i * 6;
        const n = s[o] as number;
        if (n === 0) return { gap: null, weightedGap: null, servperf: null };
        g += ((s[o + 2] as number) - (s[o + 1] as number)) / n;
        p += (s[o + 2] as number) / n;
      }
      const k = (DIM_END[j] as number) - (DIM_START[j] as number);
      gap += g / k;
      servperf += p / k;
      if (wn > 0) weightedGap += ((s[D_BASE + j * 4 + 3] as number) / wn / 100) * (g / k);
    }
    return { gap: gap / 5, weightedGap: wn > 0 ? weightedGap : null, servperf: servperf / 5 };
  }

  private gapSd(i: number): number {
    const o = I_BASE + i * 6;
    const n = this.s[o] as number;
    if (n < 2) return Number.NaN;
    const s1 = (this.s[o + 2] as number) - (this.s[o + 1] as number);
    return Math.sqrt(Math.max(0, ((this.s[o + 3] as number) - (s1 * s1) / n) / (n - 1)));
  }

  private alpha(j: number): { alpha: number | null; ci95: [number, number] | null } {
    const o = D_BASE + j * 4;
    const n = this.s[o] as number;
    const a = DIM_START[j] as number;
    const b = DIM_END[j] as number;
    const k = b - a;
    if (n < 2) return { alpha: null, ci95: null };
    const v = (s1: number, s2: number) => (s2 - (s1 * s1) / n) / (n - 1);
    const totalVar = v(this.s[o + 1] as number, this.s[o + 2] as number);
    if (!(totalVar > 0)) return { alpha: null, ci95: null };
    let sumVar = 0;
    for (let i = a; i < b; i++)
      sumVar += v(this.s[I_BASE + i * 6 + 4] as number, this.s[I_BASE + i * 6 + 5] as number);
    const alpha = (k / (k - 1)) * (1 - sumVar / totalVar);
    return { alpha, ci95: feldtInterval(alpha, n, k) };
  }

  result(): TServqual {
    const items: TServqualItem[] = [];
    const s = this.s;
    for (let i = 0; i < ITEM_COUNT; i++) {
      const o = I_BASE + i * 6;
      const n = s[o] as number;
      const sumE = s[o + 1] as number;
      const sumP = s[o + 2] as number;
      // Plain arithmetic mean of P - E (sum/n), as the contract asks.
      const gap = n > 0 ? (sumP - sumE) / n : null;
      items.push({
        item: String(i + 1),
        dimension: servqualDimensionOf(i + 1),
        n,
        expectation: n > 0 ? sumE / n : null,
        perception: n > 0 ? sumP / n : null,
        gap,
        ci95: gap === null ? null : tIntervalFromSummary(n, gap, this.gapSd(i)),
      });
    }
    const wn = s[WN] as number;
    const dimensions = SERVQUAL_DIMENSIONS.map((d, j): TServqualDimensionResult => {
      const its = SERVQUAL_ITEMS[d].map((k) => items[k - 1] as TServqualItem);
      const a = this.alpha(j);
      return {
        dimension: d,
        expectation: meanOf(its.map((x) => x.expectation)),
        perception: meanOf(its.map((x) => x.perception)),
        gap: meanOf(its.map((x) => x.gap)),
        weight: wn > 0 ? (s[D_BASE + j * 4 + 3] as number) / wn / 100 : null,
        alphaPerception: a?.alpha ?? null,
        alphaPerceptionCi95: a?.ci95 ?? null,
      };
    });
    const gap = meanOf(dimensions.map((d) => d.gap));
    let weightedGap: number | null = null;
    if (wn > 0 && dimensions.every((d) => d.gap !== null)) {
      weightedGap = 0;
      for (const d of dimensions) weightedGap += (d.weight ?? 0) * (d.gap ?? 0);
    }
    return {
      n: this.respondents,
      items,
      dimensions,
      overall: { gap, weightedGap, servperf: meanOf(dimensions.map((d) => d.perception)) },
    };
  }
}

/** Convenience over in-memory respondents. */
export function servqual(
  respondents: readonly {
    e: readonly TMaybe[];
    p: readonly TMaybe[];
    w?: readonly TMaybe[] | null;
  }[],
): TServqual {
  const acc = new ServqualAccumulator();
  for (const r of respondents) acc.push(r.e, r.p, r.w ?? null);
  return acc.result();
}

export interface TToleranceZone {
  n: number;
  adequate: number;
  desired: number;
  perception: number;
  /** Measure of service adequacy: P − adequate. */
  msa: number;
  /** Measure of service superiority: P − desired. */
  mss: number;
  position: 'below' | 'within' | 'above';
}

/**
 * Zone of tolerance for one item (Zeithaml, Berry & Parasuraman 1993): respondents with all
 * three answers (adequate, desired, perceived).
 */
export function toleranceZone(
  adequate: readonly TMaybe[],
  desired: readonly TMaybe[],
  perceived: readonly TMaybe[],
): TToleranceZone | null {
  let n = 0;
  let a = 0;
  let d = 0;
  let p = 0;
  for (let i = 0; i < perceived.length; i++) {
    const ai = adequate[i];
    const di = desired[i];
    const pi = perceived[i];
    if (!isPresent(ai) || !isPresent(di) || !isPresent(pi)) continue;
    n++;
    a += ai;
    d += di;
    p += pi;
  }
  if (n === 0) return null;
  const [ma, md, mp] = [a / n, d / n, p / n];
  const position = mp < ma ? 'below' : mp > md ? 'above' : 'within';
  return { n, adequate: ma, desired: md, perception: mp, msa: mp - ma, mss: mp - md, position };
}
