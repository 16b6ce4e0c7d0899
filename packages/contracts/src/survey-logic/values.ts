// Predicates on raw answer values, the same for the server's checks and the respondent page's.

export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isInt = (v: unknown): v is number => isNum(v) && Number.isInteger(v);
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An answer counts as given unless it is missing, null, '' or an empty list. */
export const present = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Unanswered, or a record (battery, pair, contact) none of whose parts is answered. */
export const isEmptyAnswer = (v: unknown): boolean =>
  !present(v) || (isRecord(v) && Object.values(v).every((x) => !present(x)));

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function sumOf(v: unknown): number {
  if (!isRecord(v)) return 0;
  let s = 0;
  for (const x of Object.values(v)) if (isNum(x)) s += x;
  return s;
}

/** State of a constant-sum allocation: the remaining points and whether it can be submitted. */
export function constantSumState(v: unknown, total: number) {
  const sum = sumOf(v);
  return { sum, remaining: total - sum, over: sum > total, complete: sum === total };
}
