// A deliberately naive business-time oracle: steps one minute at a time and asks luxon for each
// minute's local wall-clock time. Independent of calendar.ts (no interval cache, no day logic),
// it checks the fast arithmetic in tests and is the baseline in bench/complaints-sla.ts.
// Only meaningful for instants on whole minutes.
import { DateTime } from 'luxon';
import { type CalendarSpec, type Pause, parseHHMM } from './calendar';

const MIN = 60_000;

export function naiveIsWorking(ms: number, spec: CalendarSpec, pauses: readonly Pause[] = []) {
  for (const p of pauses) if (ms >= p.start && ms < p.end) return false;
  const dt = DateTime.fromMillis(ms, { zone: spec.timeZone });
  const minute = dt.hour * 60 + dt.minute;
  const date = dt.toISODate();
  for (const h of spec.holidays ?? []) {
    if (h.date !== date) continue;
    if (h.start === undefined || h.end === undefined) return false;
    if (minute >= parseHHMM(h.start) && minute < parseHHMM(h.end)) return false;
  }
  const list = spec.week[String(dt.weekday) as '1'] ?? [];
  return list.some((iv) => minute >= parseHHMM(iv.start) && minute < parseHHMM(iv.end));
}

export function naiveMinutesBetween(
  a: number,
  b: number,
  spec: CalendarSpec,
  pauses: readonly Pause[] = [],
): number {
  let n = 0;
  for (let t = a; t < b; t += MIN) if (naiveIsWorking(t, spec, pauses)) n++;
  return n;
}

/** Earliest whole-minute instant after `minutes` working minutes from a (minutes > 0). */
export function naiveAdd(
  a: number,
  minutes: number,
  spec: CalendarSpec,
  pauses: readonly Pause[] = [],
): number {
  let left = minutes;
  let t = a;
  for (let guard = 0; guard < 60 * 24 * 3700; guard++, t += MIN) {
    if (naiveIsWorking(t, spec, pauses)) {
      left--;
      if (left === 0) return t + MIN;
    }
  }
  throw new Error('no working time');
}
