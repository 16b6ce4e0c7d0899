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
