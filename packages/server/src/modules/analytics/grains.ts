// Which stored grain answers which part of a day range (SERVQUAL sums, migrations 504/505):
// whole calendar months from the monthly rollups, whole ISO weeks (Monday first) inside the
// edges from the weekly ones, the rest (at most 6 days on each side) from the day grain. The
// parts are disjoint and cover the range exactly, so their sums are the range's sums.
import { wholeMonths } from './service-daily';

export interface TGrainPart {
  grain: 'month' | 'week' | 'day';
  /** [from, to) as ISO dates; null on a side without bound (months only) */
  from: string | null;
  to: string | null;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (d: string) => Date.parse(`${d}T00:00:00Z`);
/** 0 = Monday .. 6 = Sunday */
const weekday = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;

/** The days [from, to) as whole weeks in the middle and days at the ends. */
function edge(from: string, to: string): TGrainPart[] {
  const a = msOf(from);
  const b = msOf(to);
  if (a >= b) return [];
  const firstMonday = a + ((7 - weekday(a)) % 7) * DAY_MS;
  const lastMonday = b - weekday(b) * DAY_MS;
  if (firstMonday >= lastMonday) return [{ grain: 'day', from, to }];
  const parts: TGrainPart[] = [];
  if (a < firstMonday) parts.push({ grain: 'day', from, to: iso(firstMonday) });
  parts.push({ grain: 'week', from: iso(firstMonday), to: iso(lastMonday) });
  if (lastMonday < b) parts.push({ grain: 'day', from: iso(lastMonday), to });
  return parts;
}

export function grainParts(s: { dayFrom: string | null; dayTo: string | null }): TGrainPart[] {
  const dayAfter = (d: string) => iso(msOf(d) + DAY_MS);
  const months = wholeMonths(s);
  if (!months) {
    // no whole month inside: both bounds are set (an open side always holds whole months)
    return edge(s.dayFrom as string, dayAfter(s.dayTo as string));
  }
  const parts: TGrainPart[] = [{ grain: 'month', from: months.from, to: months.to }];
  if (months.from && s.dayFrom && s.dayFrom < months.from)
    parts.push(...edge(s.dayFrom, months.from));
  if (months.to && s.dayTo && s.dayTo >= months.to)
    parts.push(...edge(months.to, dayAfter(s.dayTo)));
  return parts;
}
