// Net Promoter Score (Reichheld 2003) with its standard error, and CSAT top-box.
import { isPresent, type TMaybe, wilsonInterval } from '../core/descriptives';
import { twoSidedNormalP } from '../core/distributions';

export interface TNps {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  /** Standard error of the NPS on the −100..100 scale. */
  se: number | null;
  ci95: [number, number] | null;
}

/** Counts → NPS; variance = 100²·(p + d − (p − d)²)/n; ci95 = nps ± 1.96·se (normal approximation). */
export function npsFromCounts(promoters: number, passives: number, detractors: number): TNps {
  const n = promoters + passives + detractors;
  if (n === 0) return { n, promoters, passives, detractors, nps: null, se: null, ci95: null };
  const p = promoters / n;
  const d = detractors / n;
  const nps = (100 * (promoters - detractors)) / n;
  const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / n);
  return { n, promoters, passives, detractors, nps, se, ci95: [nps - 1.96 * se, nps + 1.96 * se] };
}

/** Scores 0–10; blanks skipped. Throws on a score outside 0..10 (callers validate first). */
export function nps(scores: readonly TMaybe[]): TNps {
  let pr = 0;
  let pa = 0;
  let de = 0;
  for (const s of scores) {
    if (!isPresent(s)) continue;
    if (s < 0 || s > 10) throw new RangeError(`NPS score out of range 0..10: ${s}`);
    if (s >= 9) pr++;
    else if (s >= 7) pa++;
    else de++;
  }
  return npsFromCounts(pr, pa, de);
}

export interface TNpsDifference {
  difference: number;
  se: number;
  z: number;
  p: number;
}

/** Difference a − b of two independent NPS values, z-test on the combined standard error. */
export function npsDifference(a: TNps, b: TNps): TNpsDifference | null {
  if (a.nps === null || b.nps === null || a.se === null || b.se === null) return null;
  const difference = a.nps - b.nps;
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  const z = se > 0 ? difference / se : 0;
  return { difference, se, z, p: se > 0 ? twoSidedNormalP(z) : 1 };
}

/** Frequency of each score 0..10 (blanks skipped). */
export function scoreDistribution(scores: readonly TMaybe[], max = 10): number[] {
  const counts = new Array<number>(max + 1).fill(0);
  for (const s of scores) {
    if (isPresent(s) && Number.isInteger(s) && s >= 0 && s <= max) counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

export interface TCsat {
  n: number;
  satisfied: number;
  /** Share of respondents in the top `topBox` scale points. */
  csat: number | null;
  ci95: [number, number] | null;
  mean: number | null;
}

/** CSAT as top-box share (default top-2 of a 1..5 scale) with a Wilson interval. */
export function csat(scores: readonly TMaybe[], scaleMax = 5, topBox = 2): TCsat {
  let n = 0;
  let sat = 0;
  let sum = 0;
  for (const s of scores) {
    if (!isPresent(s)) continue;
    n++;
    sum += s;
    if (s > scaleMax - topBox) sat++;
  }
  return {
    n,
    satisfied: sat,
    csat: n > 0 ? sat / n : null,
    ci95: wilsonInterval(sat, n),
    mean: n > 0 ? sum / n : null,
  };
}
