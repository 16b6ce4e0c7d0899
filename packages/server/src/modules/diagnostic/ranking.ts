// The ranked action list (pure, unit-tested). Each finding of the five gaps becomes a candidate
// with score = size × evidence, both in [0, 1]:
// - gap 5, per dimension with P − E < 0: size = −gap / 6 (6 = widest gap on a 1–7 scale);
//   evidence = share of the dimension's items whose 95 % interval lies wholly below 0, times
//   min(1, n / 30) (n respondents);
// - gap 1, per dimension: size = |M − E| / 6; evidence = share of its items whose Welch interval
//   excludes 0;
// - gap 2, per dimension with important items without a (strong) standard or standards whose
//   target is below the stated expectation: size = the dimension's importance share (0–1, else
//   0.5); evidence = min(1, findings / 3);
// - gap 3, per dimension: size = 1 − compliance of its standards in audits / mystery visits;
//   evidence = min(1, observations / 20);
// - gap 4, per promise flagged "not kept": size = max(−gap of its promised items, 0) / 6 plus
//   0.1 per complaint citing it (at most 1); evidence = 1;
// - gap causes, per factor whose mean is below the scale's midpoint 4: size = (4 − mean) / 3;
//   evidence = min(1, n / 10).
// A candidate of gaps 1–4 names the weakest cause factor of that gap when it is below 4, so the
// action says why ("role-conflict score low"). Ties: gap number, then key.
/** a SERVQUAL dimension name (tangibles, reliability, …) */
type TServqualDimension = string;

export interface TCause {
  factor: string;
  mean: number;
}

export interface TCandidate {
  key: string;
  gap: 1 | 2 | 3 | 4 | 5;
  kind: 'gap5' | 'gap1' | 'gap2' | 'gap3' | 'gap4' | 'cause';
  dimension: TServqualDimension | null;
  /** figures the title is written from (gap, n, failing standards, promise text, factor…) */
  figures: Record<string, number | string | null>;
  cause: TCause | null;
  size: number;
  evidence: number;
  score: number;
}

export interface TRankInput {
  gap5: {
    n: number;
    dimensions: { dimension: TServqualDimension; gap: number | null }[];
    items: { dimension: TServqualDimension; ci95: [number, number] | null }[];
  } | null;
  gap1: {
    dimensions: { dimension: TServqualDimension; gap: number | null }[];
    items: { dimension: TServqualDimension; ci95: [number, number] | null }[];
  } | null;
  gap2: {
    key: string;
    item: number | null;
    dimension: TServqualDimension | null;
    reason: string;
    importance: number | null;
    label: string;
  }[];
  gap3: {
    dimension: TServqualDimension;
    compliance: number | null;
    n: number;
    failing: number;
  }[];
  gap4: {
    id: string;
    text: string;
    worstGap: number | null;
    complaints: number;
    notKept: boolean;
  }[];
  causes: { factor: string; gap: number; mean: number | null; n: number }[];
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

function weakestCause(causes: TRankInput['causes'], gap: number): TCause | null {
  let best: TCause | null = null;
  for (const c of causes) {
    if (c.gap !== gap || c.mean === null || c.mean >= 4) continue;
    if (best === null || c.mean < best.mean) best = { factor: c.factor, mean: c.mean };
  }
  return best;
}

export function rankCandidates(x: TRankInput): TCandidate[] {
  const out: TCandidate[] = [];
  const push = (c: Omit<TCandidate, 'score' | 'cause'>, cause: TCause | null) => {
    const size = clamp01(c.size);
    const evidence = clamp01(c.evidence);
    const score = size * evidence;
    if (score > 0) out.push({ ...c, size, evidence, score, cause });
  };
  if (x.gap5) {
    for (const d of x.gap5.dimensions) {
      if (d.gap === null || d.gap >= 0) continue;
      const its = x.gap5.items.filter((i) => i.dimension === d.dimension);
      const below = its.filter((i) => i.ci95 !== null && i.ci95[1] < 0).length;
      push(
        {
          key: `gap5:${d.dimension}`,
          gap: 5,
          kind: 'gap5',
          dimension: d.dimension,
          figures: { gap: d.gap, n: x.gap5.n, itemsBelow: below, items: its.length },
          size: -d.gap / 6,
          evidence: (its.length ? below / its.length : 0) * Math.min(1, x.gap5.n / 30),
        },
        null,
      );
    }
  }
  if (x.gap1) {
    const cause = weakestCause(x.causes, 1);
    for (const d of x.gap1.dimensions) {
      if (d.gap === null || d.gap === 0) continue;
      const its = x.gap1.items.filter((i) => i.dimension === d.dimension);
      const sig = its.filter((i) => i.ci95 !== null && (i.ci95[0] > 0 || i.ci95[1] < 0)).length;
      push(
        {
          key: `gap1:${d.dimension}`,
          gap: 1,
          kind: 'gap1',
          dimension: d.dimension,
          figures: { gap: d.gap, itemsOff: sig, items: its.length },
          size: Math.abs(d.gap) / 6,
          evidence: its.length ? sig / its.length : 0,
        },
        cause,
      );
    }
  }
  const cause2 = weakestCause(x.causes, 2);
  const byDim = new Map<string, TRankInput['gap2']>();
  for (const g of x.gap2) {
    const k = g.dimension ?? '';
    byDim.set(k, [...(byDim.get(k) ?? []), g]);
  }
  for (const [dim, gs] of byDim) {
    const uncovered = gs.filter((g) => g.reason !== 'target_below_expectation').length;
    const below = gs.length - uncovered;
    const importance = gs.find((g) => g.importance !== null)?.importance ?? null;
    push(
      {
        key: `gap2:${dim || 'none'}`,
        gap: 2,
        kind: 'gap2',
        dimension: dim || null,
        figures: { uncovered, below },
        size: importance ?? 0.5,
        evidence: Math.min(1, gs.length / 3),
      },
      cause2,
    );
  }
  const cause3 = weakestCause(x.causes, 3);
  for (const g of x.gap3) {
    if (g.compliance === null || g.failing === 0) continue;
    push(
      {
        key: `gap3:${g.dimension}`,
        gap: 3,
        kind: 'gap3',
        dimension: g.dimension,
        figures: { compliance: g.compliance, failing: g.failing, n: g.n },
        size: 1 - g.compliance,
        evidence: Math.min(1, g.n / 20),
      },
      cause3,
    );
  }
  const cause4 = weakestCause(x.causes, 4);
  for (const p of x.gap4) {
    if (!p.notKept) continue;
    push(
      {
        key: `gap4:${p.id}`,
        gap: 4,
        kind: 'gap4',
        dimension: null,
        figures: { promise: p.text, worstGap: p.worstGap, complaints: p.complaints },
        size: Math.max(-(p.worstGap ?? 0), 0) / 6 + 0.1 * p.complaints,
        evidence: 1,
      },
      cause4,
    );
  }
  for (const c of x.causes) {
    if (c.mean === null || c.mean >= 4) continue;
    push(
      {
        key: `cause:${c.factor}`,
        gap: c.gap as 1 | 2 | 3 | 4,
        kind: 'cause',
        dimension: null,
        figures: { factor: c.factor, mean: c.mean, n: c.n },
        size: (4 - c.mean) / 3,
        evidence: Math.min(1, c.n / 10),
      },
      null,
    );
  }
  return out.sort((a, b) => b.score - a.score || a.gap - b.gap || (a.key < b.key ? -1 : 1));
}
