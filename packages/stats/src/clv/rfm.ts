// RFM scores (quintiles 1–5, 5 = best) and named segments. Pure functions.

export interface TRfmInput {
  id: string;
  /** Time since the last purchase, any unit (smaller is better). */
  daysSinceLast: number;
  frequency: number;
  monetary: number;
}

export interface TRfmScore {
  id: string;
  r: number;
  f: number;
  m: number;
  segment: TRfmSegment;
}

export type TRfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalist'
  | 'new'
  | 'need_attention'
  | 'at_risk'
  | 'cant_lose'
  | 'hibernating'
  | 'lost';

/** Quintile score by rank (ties share the score of their first rank), 1..5. */
export function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  const idx = values.map((_, i) => i).sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
  const out = new Array<number>(n).fill(1);
  let k = 0;
  while (k < n) {
    let e = k;
    while (e + 1 < n && values[idx[e + 1] ?? 0] === values[idx[k] ?? 0]) e++;
    const q = Math.min(5, Math.floor((5 * k) / n) + 1);
    for (let j = k; j <= e; j++) out[idx[j] ?? 0] = higherIsBetter ? q : 6 - q;
    k = e + 1;
  }
  return out;
}

export function rfmSegment(r: number, f: number): TRfmSegment {
  if (r >= 4 && f >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4 && f >= 2) return 'potential_loyalist';
  if (r >= 4) return 'new';
  if (r === 3) return 'need_attention';
  if (r <= 2 && f >= 5) return 'cant_lose';
  if (r <= 2 && f >= 3) return 'at_risk';
  if (r === 2) return 'hibernating';
  return 'lost';
}

export function rfmScores(rows: readonly TRfmInput[]): TRfmScore[] {
  const r = quintileScores(
    rows.map((x) => x.daysSinceLast),
    false,
  );
  const f = quintileScores(
    rows.map((x) => x.frequency),
    true,
  );
  const m = quintileScores(
    rows.map((x) => x.monetary),
    true,
  );
  return rows.map((row, i) => {
    const ri = r[i] ?? 1;
    const fi = f[i] ?? 1;
    return { id: row.id, r: ri, f: fi, m: m[i] ?? 1, segment: rfmSegment(ri, fi) };
  });
}
