// SERVQUAL gap analysis (Parasuraman, Zeithaml & Berry 1988), weighted SERVQUAL, SERVPERF.
// Implemented as a streaming accumulator so the CLI can process 1M respondents in O(items).
import { isPresent, RunningStats, type TMaybe, tIntervalFromSummary } from '../core/descriptives';
import { AlphaAccumulator } from './alpha';

export const SERVQUAL_DIMENSIONS = [
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const;
export type TServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** Item numbers (1-based) per dimension, DOMAIN.md §5. */
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

export class ServqualAccumulator {
  private respondents = 0;
  private readonly sumE = new Float64Array(ITEM_COUNT);
  private readonly sumP = new Float64Array(ITEM_COUNT);
  private readonly gaps = Array.from({ length: ITEM_COUNT }, () => new RunningStats());
  private readonly alphas = SERVQUAL_DIMENSIONS.map(
    (d) => new AlphaAccumulator(SERVQUAL_ITEMS[d].length),
  );
  // Reused per-dimension buffers: no allocation per respondent on the 1M-row path.
  private readonly dimBuffers = SERVQUAL_DIMENSIONS.map((d) =>
    new Array<TMaybe>(SERVQUAL_ITEMS[d].length).fill(null),
  );
  private readonly weightSums = new Float64Array(5);
  private weightN = 0;

  /**
   * One respondent: e and p indexed 0..21 (item 1..22), weights (points out of 100, in
   * SERVQUAL_DIMENSIONS order) or null when the respondent gave none.
   */
  push(e: readonly TMaybe[], p: readonly TMaybe[], weights: readonly TMaybe[] | null = null): void {
    this.respondents++;
    for (let i = 0; i < ITEM_COUNT; i++) {
      const ei = e[i];
      const pi = p[i];
      if (!isPresent(ei) || !isPresent(pi)) continue;
      this.sumE[i] = (this.sumE[i] ?? 0) + ei;
      this.sumP[i] = (this.sumP[i] ?? 0) + pi;
      this.gaps[i]?.push(pi - ei);
    }
    for (let j = 0; j < 5; j++) {
      const items = SERVQUAL_ITEMS[SERVQUAL_DIMENSIONS[j] as TServqualDimension];
      const buf = this.dimBuffers[j] as TMaybe[];
      for (let k = 0; k < items.length; k++) buf[k] = p[(items[k] as number) - 1];
      this.alphas[j]?.push(buf);
    }
    if (weights?.every(isPresent)) {
      this.weightN++;
      for (let j = 0; j < 5; j++)
        this.weightSums[j] = (this.weightSums[j] ?? 0) + (weights[j] as number) / 100;
    }
  }

  result(): TServqual {
    const items: TServqualItem[] = [];
    for (let i = 0; i < ITEM_COUNT; i++) {
      const g = this.gaps[i] as RunningStats;
      const n = g.n;
      const gap = n > 0 ? g.mean : null;
      items.push({
        item: String(i + 1),
        dimension: servqualDimensionOf(i + 1),
        n,
        expectation: n > 0 ? (this.sumE[i] ?? 0) / n : null,
        perception: n > 0 ? (this.sumP[i] ?? 0) / n : null,
        // Plain arithmetic mean of P − E (sum/n), as the contract asks, not Welford's.
        gap: n > 0 ? ((this.sumP[i] ?? 0) - (this.sumE[i] ?? 0)) / n : gap,
        ci95: gap === null ? null : tIntervalFromSummary(n, gap, g.sd),
      });
    }
    const dimensions = SERVQUAL_DIMENSIONS.map((d, j): TServqualDimensionResult => {
      const its = SERVQUAL_ITEMS[d].map((k) => items[k - 1] as TServqualItem);
      const a = this.alphas[j]?.result();
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
