// The one place the contract's JSON bodies are shaped from @fidelia/stats results: used by the
// `fidelia analyze servqual|nps|kano|csat` commands (from CSV rows) and by the analytics API
// (from stored answers), so both print the same keys, rules and full-precision numbers.
import {
  csat as csatOf,
  emptyKanoCounts,
  kanoFromCounts,
  npsFromCounts,
  type TKanoCounts,
  type TNps,
  type TServqual,
  wilsonInterval,
} from '@fidelia/stats';

/** The published `fidelia analyze servqual --json` body (extras such as alpha intervals stay out). */
export function servqualJson(r: TServqual) {
  return {
    n: r.n,
    items: r.items.map(({ item, dimension, n, expectation, perception, gap, ci95 }) => ({
      item,
      dimension,
      n,
      expectation,
      perception,
      gap,
      ci95,
    })),
    dimensions: r.dimensions.map(
      ({ dimension, expectation, perception, gap, weight, alphaPerception }) => ({
        dimension,
        expectation,
        perception,
        gap,
        weight,
        alphaPerception,
      }),
    ),
    overall: { gap: r.overall.gap, weightedGap: r.overall.weightedGap },
  };
}
export type TServqualJson = ReturnType<typeof servqualJson>;

/** "A survey without such questions": 200 with n 0 and empty lists. */
export const EMPTY_SERVQUAL: TServqualJson = {
  n: 0,
  items: [],
  dimensions: [],
  overall: { gap: null, weightedGap: null },
};

export function npsJson(r: TNps) {
  return {
    n: r.n,
    promoters: r.promoters,
    passives: r.passives,
    detractors: r.detractors,
    nps: r.nps,
    ci95: r.ci95,
  };
}
export type TNpsJson = ReturnType<typeof npsJson>;

/** Promoter / passive / detractor counts of 0–10 scores. */
export function npsCounts(scores: Iterable<number>): { p: number; pa: number; d: number } {
  let p = 0;
  let pa = 0;
  let d = 0;
  for (const s of scores) {
    if (s >= 9) p++;
    else if (s >= 7) pa++;
    else d++;
  }
  return { p, pa, d };
}

/** Groups sorted by name (code-unit order), so CLI and API list them alike whatever the
 *  order rows arrive in; 'YYYY-MM' groups come out chronological. */
export function npsReport(
  total: { p: number; pa: number; d: number },
  groups?: Map<string, { p: number; pa: number; d: number }>,
) {
  const body: TNpsJson & { groups?: (TNpsJson & { group: string })[] } = npsJson(
    npsFromCounts(total.p, total.pa, total.d),
  );
  if (groups) {
    body.groups = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, c]) => ({ group, ...npsJson(npsFromCounts(c.p, c.pa, c.d)) }));
  }
  return body;
}

export function kanoJson(attrs: readonly { attribute: string; counts: TKanoCounts }[]) {
  return {
    attributes: attrs.map((a) => {
      const r = kanoFromCounts(a.counts ?? emptyKanoCounts());
      return {
        attribute: a.attribute,
        n: r.n,
        counts: r.counts,
        category: r.category,
        better: r.better,
        worse: r.worse,
      };
    }),
  };
}

/** `fidelia analyze csat` body: top-`top` box of a 1..scale scale. */
export function csatReport(
  all: readonly number[],
  scale: number,
  top: number,
  groups?: Map<string, number[]>,
) {
  const shape = (s: readonly number[]) => {
    const r = csatOf(s, scale, top);
    return { n: r.n, satisfied: r.satisfied, csat: r.csat, ci95: r.ci95, mean: r.mean };
  };
  const distribution = Array.from({ length: scale }, () => 0);
  for (const s of all)
    if (s >= 1 && s <= scale) distribution[s - 1] = (distribution[s - 1] ?? 0) + 1;
  type TShape = ReturnType<typeof shape>;
  const body: TShape & {
    scale: number;
    top: number;
    distribution: number[];
    groups?: (TShape & { group: string })[];
  } = { scale, top, ...shape(all), distribution };
  if (groups) {
    body.groups = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, s]) => ({ group, ...shape(s) }));
  }
  return body;
}

/** Counts of the scores 1..5 and their sum: what csatReport needs from integer 1–5 scores. */
export interface TCsatCounts {
  dist: number[];
  sum: number;
}

/** csatReport (scale 5, top-2 box) from per-score counts: the same body for the same scores. */
export function csatReportFromCounts(all: TCsatCounts, groups?: Map<string, TCsatCounts>) {
  const shape = (c: TCsatCounts) => {
    const n = c.dist.reduce((t, x) => t + x, 0);
    const sat = (c.dist[3] ?? 0) + (c.dist[4] ?? 0);
    return {
      n,
      satisfied: sat,
      csat: n > 0 ? sat / n : null,
      ci95: wilsonInterval(sat, n),
      mean: n > 0 ? c.sum / n : null,
    };
  };
  type TShape = ReturnType<typeof shape>;
  const body: TShape & {
    scale: number;
    top: number;
    distribution: number[];
    groups?: (TShape & { group: string })[];
  } = { scale: 5, top: 2, ...shape(all), distribution: [...all.dist] };
  if (groups) {
    body.groups = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, c]) => ({ group, ...shape(c) }));
  }
  return body;
}

/**
 * The counts of scores 1..5 behind an aggregate row (n, Σ, Σ², top-2 / 3 / bottom-2 counts),
 * when they are integers 1..5: c3 = mid, and with c1 = lo − c2, c4 = hi − c5 the two sums
 * give c2 + c5 = Σ − lo − 3·mid − 4·hi and 3·c2 + 9·c5 = Σ² − lo − 9·mid − 16·hi. Null when
 * the solution is not a set of non-negative integers adding up to n (some score was not an
 * integer 1..5): the caller then reads the raw answers.
 */
export function csatCountsOf(x: {
  n: number;
  sum: number;
  sumsq: number;
  hi: number;
  mid: number;
  lo: number;
}): number[] | null {
  const a = x.sum - x.lo - 3 * x.mid - 4 * x.hi;
  const b = x.sumsq - x.lo - 9 * x.mid - 16 * x.hi;
  const c5 = (b - 3 * a) / 6;
  const c2 = a - c5;
  const d = [x.lo - c2, c2, x.mid, x.hi - c5, c5];
  if (!d.every((c) => Number.isInteger(c) && c >= 0)) return null;
  if (d.reduce((t, c) => t + c, 0) !== x.n) return null;
  return d;
}
