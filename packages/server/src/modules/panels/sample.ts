// Reproducible quota sampling (pure): a seeded PRNG (mulberry32, Tommy Ettinger's 32-bit
// generator) shuffles the eligible members, then the walk takes a member when it fills an open
// quota (or, once quotas are met, any remaining slot). Same members, quotas and seed -> the same
// sample, whatever the machine.
import type { TQuota } from '@fidelia/contracts';

/** mulberry32: returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the seeded generator; input order must itself be stable (by id). */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rnd = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface TSampleMember {
  id: string;
  segment: string | null;
  tier: string | null;
  use_class: string | null;
  kind: string;
  demographics: Record<string, unknown>;
}

export function fieldValue(m: TSampleMember, field: string): string | null {
  if (field.startsWith('demographics.')) {
    const v = m.demographics[field.slice('demographics.'.length)];
    return v === undefined || v === null ? null : String(v);
  }
  const v = (m as unknown as Record<string, unknown>)[field];
  return v === undefined || v === null ? null : String(v);
}

const norm = (s: string) => s.trim().toLocaleLowerCase('es');

export interface TQuotaFill extends TQuota {
  filled: number;
  /** eligible members matching this quota (before the draw) */
  available: number;
}

export function drawSample<M extends TSampleMember>(
  eligible: readonly M[],
  size: number,
  quotas: readonly TQuota[],
  seed: number,
): { members: M[]; fill: TQuotaFill[] } {
  const sorted = [...eligible].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const order = shuffle(sorted, seed);
  const matches = (m: M, q: TQuota) => {
    const v = fieldValue(m, q.field);
    return v !== null && norm(v) === norm(q.value);
  };
  const fill: TQuotaFill[] = quotas.map((q) => ({
    ...q,
    filled: 0,
    available: sorted.filter((m) => matches(m, q)).length,
  }));
  const quotaTotal = quotas.reduce((s, q) => s + q.target, 0);
  const free = Math.max(0, size - quotaTotal);
  const taken: M[] = [];
  const rest: M[] = [];
  for (const m of order) {
    if (taken.length >= size) break;
    const open = fill.find((f) => f.filled < f.target && matches(m, f));
    if (open) {
      open.filled++;
      taken.push(m);
    } else if (quotas.length === 0 || !fill.some((f) => matches(m, f))) rest.push(m);
  }
  // Remaining slots (size beyond the quotas) go to members outside every quota, in draw order.
  const freeTaken = rest.slice(0, Math.min(free, size - taken.length));
  return { members: [...taken, ...freeTaken], fill };
}
