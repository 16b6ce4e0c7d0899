// Orderings the analytics screens and their PDFs must agree on (web features/analytics/model.ts
// and server analytics/pdf-servqual.ts both use these, so a list reads the same on both).

/** Items with a gap, worst (most negative) first; ties keep item order; no data last. */
export function worstFirst<T extends { gap: number | null }>(items: readonly T[]): T[] {
  return items
    .map((it, i) => ({ it, i }))
    .sort((a, b) => {
      const ga = a.it.gap;
      const gb = b.it.gap;
      if (ga === null && gb === null) return a.i - b.i;
      if (ga === null) return 1;
      if (gb === null) return -1;
      return ga - gb || a.i - b.i;
    })
    .map((x) => x.it);
}
