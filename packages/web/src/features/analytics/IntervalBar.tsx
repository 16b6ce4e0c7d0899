// A gap and its 95 % interval drawn on one shared scale with the zero line, small enough to sit
// in a table row (readable on a phone, where a 22-row chart is not).
interface Props {
  gap: number | null;
  ci: [number, number] | null;
  /** the scale shared by every row */
  min: number;
  max: number;
  label: string;
}

export function IntervalBar({ gap, ci, min, max, label }: Props) {
  if (gap === null || max <= min) return null;
  const W = 120;
  const x = (v: number) => ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * W;
  const color = ci && ci[1] < 0 ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-gray-7)';
  return (
    <svg width={W} height={14} viewBox={`0 0 ${W} 14`} role="img" aria-label={label}>
      <line x1={x(0)} x2={x(0)} y1={0} y2={14} stroke="var(--mantine-color-gray-5)" />
      {ci && <line x1={x(ci[0])} x2={x(ci[1])} y1={7} y2={7} stroke={color} strokeWidth={2} />}
      <circle cx={x(gap)} cy={7} r={4} fill={color} />
    </svg>
  );
}

/** A scale covering every gap and interval, always including 0, with a little room. */
export function scaleOf(rows: readonly { gap: number | null; ci95: [number, number] | null }[]) {
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    for (const v of [r.gap, r.ci95?.[0], r.ci95?.[1]]) {
      if (typeof v === 'number' && Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  const pad = (hi - lo) * 0.05 || 0.5;
  return { min: lo - pad, max: hi + pad };
}
