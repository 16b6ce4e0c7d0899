// Gap 2's evidence (the five-gap model): do the written standards cover what customers find most
// important, at the level they expect? Pure rule over the SERVQUAL report and the standards;
// the rule is documented in docs/standards.md and tested on hand-computed data.
//
// - An item is important when its mean expectation E_k ≥ minExpectation (default 6 of 7).
// - Its status: 'none' when no active standard is linked to it; 'weak' when every linked
//   active standard is a number/scale measure without any target (nothing to audit against);
//   else 'ok'. A yes/no standard is measurable (met or not).
// - uncovered: important items with status none/weak, the dimension with the highest
//   importance weight first, then the higher expectation, then the item number.
// - belowExpectation: each active standard with a promised level L (1–7) and each linked item
//   k with E_k > L: the standard promises less than customers expect (shortfall E_k − L),
//   biggest shortfall first.
// - unlinked: active standards linked to no SERVQUAL item (not traceable to research).
import type { TCoverage, TCoverageItem, TServqualDimension, TStandard } from '@fidelia/contracts';
import { SERVQUAL_DIMENSIONS, SERVQUAL_ITEMS } from '@fidelia/stats';

export interface TServqualInput {
  n: number;
  items: {
    /** the item number (the SERVQUAL report spells it as a string) */
    item: number | string;
    dimension: string;
    expectation: number | null;
    perception: number | null;
    gap: number | null;
  }[];
  dimensions: { dimension: string; weight: number | null }[];
}

export type TCoverageStandard = Pick<
  TStandard,
  | 'id'
  | 'code'
  | 'nameEs'
  | 'nameEn'
  | 'active'
  | 'servqualItems'
  | 'measureKind'
  | 'targetMin'
  | 'targetMax'
  | 'promisedLevel'
>;

const dimensionOf = (k: number): TServqualDimension =>
  SERVQUAL_DIMENSIONS.find((d) => SERVQUAL_ITEMS[d].includes(k)) as TServqualDimension;

const isWeak = (s: TCoverageStandard) =>
  s.measureKind !== 'yesno' && s.targetMin === null && s.targetMax === null;

export function coverageOf(
  sq: TServqualInput,
  standards: TCoverageStandard[],
  minExpectation: number,
): Omit<TCoverage, 'survey'> {
  const active = standards.filter((s) => s.active);
  const weights = new Map(sq.dimensions.map((d) => [d.dimension, d.weight]));
  const byItem = new Map(sq.items.map((i) => [Number(i.item), i]));
  const items: TCoverageItem[] = [];
  for (let k = 1; k <= 22; k++) {
    const r = byItem.get(k);
    const dimension = dimensionOf(k);
    const linked = active.filter((s) => s.servqualItems.includes(k));
    const expectation = r?.expectation ?? null;
    items.push({
      item: k,
      dimension,
      expectation,
      perception: r?.perception ?? null,
      gap: r?.gap ?? null,
      weight: weights.get(dimension) ?? null,
      important: expectation !== null && expectation >= minExpectation,
      status: linked.length === 0 ? 'none' : linked.every(isWeak) ? 'weak' : 'ok',
      standards: linked.map(({ id, code, nameEs, nameEn }) => ({ id, code, nameEs, nameEn })),
    });
  }
  const uncovered = items
    .filter((i) => i.important && i.status !== 'ok')
    .sort(
      (a, b) =>
        (b.weight ?? 0) - (a.weight ?? 0) ||
        (b.expectation ?? 0) - (a.expectation ?? 0) ||
        a.item - b.item,
    );
  const belowExpectation: TCoverage['belowExpectation'] = [];
  for (const s of active) {
    if (s.promisedLevel === null) continue;
    for (const k of s.servqualItems) {
      const e = byItem.get(k)?.expectation ?? null;
      if (e === null || e <= s.promisedLevel) continue;
      belowExpectation.push({
        id: s.id,
        code: s.code,
        nameEs: s.nameEs,
        nameEn: s.nameEn,
        promisedLevel: s.promisedLevel,
        item: k,
        expectation: e,
        shortfall: e - s.promisedLevel,
      });
    }
  }
  belowExpectation.sort(
    (a, b) => b.shortfall - a.shortfall || a.code.localeCompare(b.code) || a.item - b.item,
  );
  const unlinked = active
    .filter((s) => s.servqualItems.length === 0)
    .map(({ id, code, nameEs, nameEn }) => ({ id, code, nameEs, nameEn }));
  return { n: sq.n, minExpectation, items, uncovered, belowExpectation, unlinked };
}
