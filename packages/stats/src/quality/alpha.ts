// Cronbach's alpha (1951) with Feldt's (1965) F-based confidence interval.
import { isPresent, RunningStats, type TMaybe } from '../core/descriptives';
import { fQuantile } from '../core/distributions';

export interface TAlpha {
  alpha: number | null;
  /** Complete cases used. */
  n: number;
  k: number;
  ci95: [number, number] | null;
}

/**
 * Streaming alpha over complete cases: feed one respondent's item scores at a time.
 * alpha = k/(k−1)·(1 − Σ var(item) / var(total)), sample variances.
 */
export class AlphaAccumulator {
  private readonly items: RunningStats[];
  private readonly total = new RunningStats();

  constructor(readonly k: number) {
    this.items = Array.from({ length: k }, () => new RunningStats());
  }

  push(row: readonly TMaybe[]): void {
    let sum = 0;
    for (let i = 0; i < this.k; i++) {
      const v = row[i];
      if (!isPresent(v)) return; // complete cases only
      sum += v;
    }
    for (let i = 0; i < this.k; i++) this.items[i]?.push(row[i] as number);
    this.total.push(sum);
  }

  result(level = 0.95): TAlpha {
    const n = this.total.n;
    const k = this.k;
    if (k < 2 || n < 2) return { alpha: null, n, k, ci95: null };
    const totalVar = this.total.variance;
    if (!(totalVar > 0)) return { alpha: null, n, k, ci95: null };
    let sumVar = 0;
    for (const it of this.items) sumVar += it.variance;
    const alpha = (k / (k - 1)) * (1 - sumVar / totalVar);
    return { alpha, n, k, ci95: feldtInterval(alpha, n, k, level) };
  }
}

export function cronbachAlpha(rows: readonly (readonly TMaybe[])[], level = 0.95): TAlpha {
  const k = rows[0]?.length ?? 0;
  const acc = new AlphaAccumulator(k);
  for (const r of rows) acc.push(r);
  return acc.result(level);
}

/**
 * Feldt interval: [1 − (1 − α)·F(1 − γ/2; n−1, (n−1)(k−1)), 1 − (1 − α)·F(γ/2; ...)],
 * γ = 1 − level.
 */
export function feldtInterval(alpha: number, n: number, k: number, level = 0.95): [number, number] {
  const d1 = n - 1;
  const d2 = (n - 1) * (k - 1);
  const g = (1 - level) / 2;
  return [1 - (1 - alpha) * fQuantile(1 - g, d1, d2), 1 - (1 - alpha) * fQuantile(g, d1, d2)];
}
