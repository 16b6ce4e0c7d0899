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
 * Streaming SERVQUAL over 1M+ respondents in O(items) memory. Variances use shifted sums
 * (Σ(x − K), Σ(x − K)² with K the first value seen): exact for Likert integers and free of the
 * per-value division of Welford's update, which made this the hot loop of the CLI.
 */
export class ServqualAccumulator {
  private respondents = 0;
  private readonly sumE = new Float64Array(ITEM_COUNT);
  private readonly sumP = new Float64Array(ITEM_COUNT);
  // Gap P − E per item: count, shift, shifted sums.
  private readonly gN = new Float64Array(ITEM_COUNT);
  private readonly gK = new Float64Array(ITEM_COUNT);
  private readonly gS1 = new Float64Array(ITEM_COUNT);
  private readonly gS2 = new Float64Array(ITEM_COUNT);
  // Cronbach's alpha of P per dimension over complete cases: per item and per dimension total.
  private readonly aN = new Float64Array(5);
  private readonly aK = new Float64Array(ITEM_COUNT);
  private readonly aS1 = new Float64Array(ITEM_COUNT);
  private readonly aS2 = new Float64Array(ITEM_COUNT);
  private readonly tK = new Float64Array(5);
  private readonly tS1 = new Float64Array(5);
  private readonly tS2 = new Float64Array(5);
  private readonly weightSums = new Float64Array(5);
  private weightN = 0;

  /**
   * One respondent: e and p indexed 0..21 (item 1..22), weights (points out of 100, in
   * SERVQUAL_DIMENSIONS order) or null when the respondent gave none. Missing values are
   * null, undefined or NaN (typed arrays with NaN are the fast path).
   */
  push(e: ArrayLike<TMaybe>, p: ArrayLike<TMaybe>, weights: ArrayLike<TMaybe> | null = null): void {
    this.respondents++;
    const { sumE, sumP, gN, gK, gS1, gS2 } = this;
    for (let i = 0; i < ITEM_COUNT; i++) {
      const ei = e[i];
      const pi = p[i];
      if (typeof ei !== 'number' || typeof pi !== 'number' || Number.isNaN(ei) || Number.isNaN(pi))
        continue;
      sumE[i]! += ei;
      sumP[i]! += pi;
      const d = pi - ei;
      const c = gN[i]! + 1;
      gN[i] = c;
      if (c === 1) gK[i] = d;
      const dd = d - gK[i]!;
      gS1[i]! += dd;
      gS2[i]! += dd * dd;
    }
    const { aN, aK, aS1, aS2, tK, tS1, tS2 } = this;
    for (let j = 0; j < 5; j++) {
      const a = DIM_START[j] as number;
      const b = DIM_END[j] as number;
      let total = 0;
      let complete = true;
      for (let i = a; i < b; i++) {
        const v = p[i];
        if (typeof v !== 'number' || Number.isNaN(v)) {
          complete = false;
          break;
        }
        total += v;
      }
      if (!complete) continue;
      const c = aN[j]! + 1;
      aN[j] = c;
      if (c === 1) {
        for (let i = a; i < b; i++) aK[i] = p[i] as number;
        tK[j] = total;
      }
      for (let i = a; i < b; i++) {
        const x = (p[i] as number) - aK[i]!;
        aS1[i]! += x;
        aS2[i]! += x * x;
      }
      const t = total - tK[j]!;
      tS1[j]! += t;
      tS2[j]! += t * t;
    }
    if (weights === null || weights.length < 5) return;
    for (let j = 0; j < 5; j++) {
      const v = weights[j];
      if (typeof v !== 'number' || Number.isNaN(v)) return;
    }
    this.weightN++;
    for (let j = 0; j < 5; j++) this.weightSums[j]! += (weights[j] as number) / 100;
  }

  private gapSd(i: number): number {
    const n = this.gN[i] as number;
    if (n < 2) return Number.NaN;
    const s1 = this.gS1[i] as number;
    return Math.sqrt(Math.max(0, ((this.gS2[i] as number) - (s1 * s1) / n) / (n - 1)));
  }

  private alpha(j: number): { alpha: number | null; ci95: [number, number] | null } {
    const n = this.aN[j] as number;
    const a = DIM_START[j] as number;
    const b = DIM_END[j] as number;
    const k = b - a;
    if (n < 2) return { alpha: null, ci95: null };
    const v = (s1: number, s2: number) => (s2 - (s1 * s1) / n) / (n - 1);
    const totalVar = v(this.tS1[j] as number, this.tS2[j] as number);
    if (!(totalVar > 0)) return { alpha: null, ci95: null };
    let sumVar = 0;
    for (let i = a; i < b; i++) sumVar += v(this.aS1[i] as number, this.aS2[i] as number);
    const alpha = (k / (k - 1)) * (1 - sumVar / totalVar);
    return { alpha, ci95: feldtInterval(alpha, n, k) };
  }

  result(): TServqual {
    const items: TServqualItem[] = [];
    for (let i = 0; i < ITEM_COUNT; i++) {
      const n = this.gN[i] as number;
      const gap = n > 0 ? ((this.sumP[i] ?? 0) - (this.sumE[i] ?? 0)) / n : null;
      items.push({
        item: String(i + 1),
        dimension: servqualDimensionOf(i + 1),
        n,
        expectation: n > 0 ? (this.sumE[i] ?? 0) / n : null,
        perception: n > 0 ? (this.sumP[i] ?? 0) / n : null,
        // Plain arithmetic mean of P − E (sum/n), as the contract asks, not Welford's.
        gap: n > 0 ? ((this.sumP[i] ?? 0) - (this.sumE[i] ?? 0)) / n : gap,
        ci95: gap === null ? null : tIntervalFromSummary(n, gap, this.gapSd(i)),
      });
    }
    const dimensions = SERVQUAL_DIMENSIONS.map((d, j): TServqualDimensionResult => {
      const its = SERVQUAL_ITEMS[d].map((k) => items[k - 1] as TServqualItem);
      const a = this.alpha(j);
      return {
        dimension: d,
        expectation: meanOf(its.map((x) => x.expectation)),
        perception: meanOf(its.map((x) => x.perception)),
        gap: meanOf(its.map((x) => x.gap)),
        weight: this.weightN > 0 ? (this.weightSums[j] ?? 0) / this.weightN : null,
        alphaPerception: a?.alpha ?? null,
        alphaPerceptionCi95: a?.ci95 ?? null,
      };
    });
    const gap = meanOf(dimensions.map((d) => d.gap));
    let weightedGap: number | null = null;
    if (this.weightN > 0 && dimensions.every((d) => d.gap !== null)) {
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
