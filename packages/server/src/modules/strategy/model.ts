// The strategy workspace's rules, pure (no I/O): the type suggested from a Kano category, the
// QFD importance of each attribute, the value-model figures and the under-valued benefit rule.
// docs/strategy.md states each rule; model.test.ts checks them on hand-computed values.
import type { TAttributeType, TBenefitKind } from '@fidelia/contracts';

/**
 * Kano category -> service attribute type (seed slide 17):
 *  M must-be -> basic; O one-dimensional -> expected; A attractive -> desired, or unexpected
 *  when at least half of all the attribute's answers are A (a surprise for most customers);
 *  I / R / Q (or no answers) -> no suggestion.
 */
export function suggestType(
  category: string | null,
  counts: Partial<Record<string, number>> | null,
): TAttributeType | null {
  if (category === 'M') return 'basic';
  if (category === 'O') return 'expected';
  if (category === 'A') {
    const n = Object.values(counts ?? {}).reduce<number>((s, x) => s + (x ?? 0), 0);
    return n > 0 && (counts?.A ?? 0) / n >= 0.5 ? 'unexpected' : 'desired';
  }
  return null;
}

/** Σ strength × need importance per attribute, and each attribute's share of the total. */
export function attributeImportance(
  needs: readonly { id: string; importance: number }[],
  cells: readonly { needId: string; attributeId: string; strength: number }[],
): Map<string, { importance: number; weight: number }> {
  const imp = new Map(needs.map((n) => [n.id, n.importance]));
  const sums = new Map<string, number>();
  for (const c of cells) {
    const w = imp.get(c.needId);
    if (w === undefined) continue;
    sums.set(c.attributeId, (sums.get(c.attributeId) ?? 0) + c.strength * w);
  }
  const total = [...sums.values()].reduce((s, x) => s + x, 0);
  return new Map(
    [...sums].map(([k, v]) => [k, { importance: v, weight: total > 0 ? v / total : 0 }]),
  );
}

/** A benefit is under-valued with at least this many ratings of its kind... */
export const UNDERVALUED_MIN_N = 5;
/** ...when its worth index is at least this high... */
export const UNDERVALUED_MIN_WORTH = 0.5;
/** ...and exceeds the customers' rating index by at least this much. */
export const UNDERVALUED_MARGIN = 0.2;

export interface TBenefitIn {
  id: string;
  kind: TBenefitKind;
  name: string;
  moneyValue: number;
}
export type TRatings = Partial<Record<TBenefitKind, { n: number; mean: number | null }>>;

/**
 * Value-model figures (perceived value as the deck defines it): perceived value = Σ benefits' money value − price paid;
 * value ratio = Σ benefits / price. Per benefit: worth index = money value / the largest
 * benefit's; rating index = (mean rating of its kind − 1) / (points − 1); under-valued when
 * n ≥ 5, worth ≥ 0.5 and worth − rating ≥ 0.2 (worth much, appreciated little: communicate it).
 */
export function valueFigures(
  pricePaid: number,
  benefits: readonly TBenefitIn[],
  ratings: TRatings,
  points: number,
) {
  const total = round2(benefits.reduce((s, b) => s + b.moneyValue, 0));
  const max = Math.max(0, ...benefits.map((b) => b.moneyValue));
  return {
    totalBenefits: total,
    perceivedValue: round2(total - pricePaid),
    valueRatio: pricePaid > 0 ? total / pricePaid : null,
    benefits: benefits.map((b) => {
      const r = ratings[b.kind];
      const rating = r && r.n > 0 ? r.mean : null;
      const worthIndex = max > 0 ? b.moneyValue / max : null;
      const ratingIndex = rating !== null && points > 1 ? (rating - 1) / (points - 1) : null;
      const underValued =
        r !== undefined &&
        r.n >= UNDERVALUED_MIN_N &&
        worthIndex !== null &&
        ratingIndex !== null &&
        worthIndex >= UNDERVALUED_MIN_WORTH &&
        worthIndex - ratingIndex >= UNDERVALUED_MARGIN - 1e-12;
      return { ...b, rating, worthIndex, ratingIndex, underValued };
    }),
  };
}

/** A competitor's Σ benefit values (of our benefits) and perceived value. */
export function competitorFigures(
  price: number,
  values: Record<string, number>,
  benefitIds: readonly string[],
) {
  const total = round2(benefitIds.reduce((s, id) => s + (values[id] ?? 0), 0));
  return { totalBenefits: total, perceivedValue: round2(total - price) };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
