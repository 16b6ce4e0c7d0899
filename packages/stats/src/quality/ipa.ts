// Importance–performance analysis (Martilla & James 1977).
import { mean, pearson, type TMaybe } from '../core/descriptives';

export type TIpaQuadrant =
  | 'concentrate here'
  | 'keep up the good work'
  | 'low priority'
  | 'possible overkill';

export interface TIpaAttribute {
  attribute: string;
  importance: number;
  performance: number;
  quadrant: TIpaQuadrant;
}

export interface TIpa {
  importanceCut: number;
  performanceCut: number;
  attributes: TIpaAttribute[];
}

/** Quadrants split at the mean importance and mean performance (data-centred crosshair). */
export function ipaQuadrants(
  points: readonly { attribute: string; importance: number; performance: number }[],
  cuts?: { importance: number; performance: number },
): TIpa {
  const importanceCut = cuts?.importance ?? mean(points.map((p) => p.importance)) ?? 0;
  const performanceCut = cuts?.performance ?? mean(points.map((p) => p.performance)) ?? 0;
  return {
    importanceCut,
    performanceCut,
    attributes: points.map((p) => {
      const hi = p.importance >= importanceCut;
      const good = p.performance >= performanceCut;
      const quadrant: TIpaQuadrant = hi
        ? good
          ? 'keep up the good work'
          : 'concentrate here'
        : good
          ? 'possible overkill'
          : 'low priority';
      return { ...p, quadrant };
    }),
  };
}

/**
 * Stated importance: mean of importance ratings per attribute. Derived importance: Pearson
 * correlation of the attribute's performance with overall satisfaction.
 */
export function ipa(
  names: readonly string[],
  performance: readonly (readonly TMaybe[])[],
  importance: { stated: readonly (readonly TMaybe[])[] } | { overall: readonly TMaybe[] },
): TIpa {
  const points = names.map((attribute, j) => {
    const perf = performance[j] ?? [];
    const imp =
      'stated' in importance ? mean(importance.stated[j] ?? []) : pearson(perf, importance.overall);
    return { attribute, importance: imp ?? Number.NaN, performance: mean(perf) ?? Number.NaN };
  });
  return ipaQuadrants(
    points.filter((p) => Number.isFinite(p.importance) && Number.isFinite(p.performance)),
  );
}
