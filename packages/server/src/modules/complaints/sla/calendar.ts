// Business-hours calendar arithmetic, as pure functions over epoch milliseconds.
//
// A calendar is an IANA time zone, working intervals per ISO weekday (1 = Monday .. 7 = Sunday,
// several per day allowed, local wall-clock "HH:MM", end may be "24:00") and holidays (a local
// date, closed all day or only between two local times). Pauses are instants ranges [start, end)
// during which the clock stops (e.g. the case waits for the customer).
//
// Semantics (ms precision, minutes may be fractional):
//  - businessMinutesBetween(a, b) = working, unpaused time in [a, b); negative when b < a.
//  - addBusinessTime(s, m) for m > 0 = the EARLIEST t with between(s, t) = m (so t is the end of
//    the m-th working minute, never a later non-working instant); m = 0 returns s.
//  - addBusinessTime(t, -m) = the LATEST s with between(s, t) = m (the start of a working stretch).
//    Hence add(add(s, m), -m) === snapForward(s) and add(add(t, -m), m) === snapBackward(t).
//
// Local times map to instants through luxon: a working interval spanning a DST change lasts
// its real (elapsed) duration; a local time inside a spring-forward gap moves forward by the gap
// (luxon's rule); an ambiguous fall-back time takes the offset luxon picks (so put interval
// boundaries outside the repeated hour; the usual midnight/office-hour boundaries are).
// Day intervals are computed once per local day and cached on the compiled calendar, so the
// hot loop is plain number arithmetic (see bench/complaints-sla.ts).
import { DateTime, IANAZone } from 'luxon';

export interface WorkInterval {
  start: string; // "HH:MM"
  end: string; // "HH:MM" or "24:00", after start
}

export interface Holiday {
  date: string; // "YYYY-MM-DD" local
  /** Partial holiday: closed only in [start, end) local; whole day when absent. */
  start?: string | undefined;
  end?: string | undefined;
  name?: string | undefined;
}

export interface CalendarSpec {
  timeZone: string;
  /** ISO weekday "1".."7" -> working intervals. Missing day = closed. */
  week: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', WorkInterval[]>>;
  holidays?: Holiday[];
}

export interface Pause {
  start: number; // epoch ms
  end: number; // epoch ms, > start
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const QUARTER_MS = 15 * MINUTE_MS;
/** Give up after this many consecutive local days without working time (bad calendar). */
const MAX_IDLE_DAYS = 3_700;

export class CalendarError extends Error {}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function parseHHMM(s: string): number {
  if (!HHMM.test(s)) throw new CalendarError(`bad time ${s}`);
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function isValidTimeZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}

/** Validation shared by the arithmetic and the API (returns problems; empty = valid). */
export function calendarProblems(spec: CalendarSpec): string[] {
  const out: string[] = [];
  if (!isValidTimeZone(spec.timeZone)) out.push(`timeZone: unknown zone ${spec.timeZone}`);
  let total = 0;
  for (const [day, list] of Object.entries(spec.week)) {
    if (!/^[1-7]$/.test(day)) out.push(`week.${day}: not an ISO weekday 1..7`);
    let prevEnd = -1;
    const sorted = [...(list ?? [])].sort((a, b) => a.start.localeCompare(b.start));
    for (const iv of sorted) {
      if (!HHMM.test(iv.start) || !HHMM.test(iv.end) || iv.start === '24:00') {
        out.push(`week.${day}: bad interval ${iv.start}-${iv.end}`);
        continue;
      }
      const a = parseHHMM(iv.start);
      const b = parseHHMM(iv.end);
      if (b <= a) out.push(`week.${day}: interval ${iv.start}-${iv.end} ends before it starts`);
      if (a < prevEnd) out.push(`week.${day}: overlapping intervals at ${iv.start}`);
      prevEnd = Math.max(prevEnd, b);
      total += Math.max(0, b - a);
    }
  }
  if (total === 0) out.push('week: no working time at all');
  for (const h of spec.holidays ?? []) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date) || !DateTime.fromISO(h.date).isValid)
      out.push(`holidays: bad date ${h.date}`);
    if ((h.start === undefined) !== (h.end === undefined))
      out.push(`holidays.${h.date}: partial holiday needs start and end`);
    if (h.start !== undefined && h.end !== undefined) {
      if (!HHMM.test(h.start) || !HHMM.test(h.end) || parseHHMM(h.end) <= parseHHMM(h.start))
        out.push(`holidays.${h.date}: bad range ${h.start}-${h.end}`);
    }
  }
  return out;
}

/** A calendar ready for arithmetic: validated, with a per-local-day cache of UTC intervals. */
export interface Calendar {
  readonly spec: CalendarSpec;
  /** Working [start, end) instants (flat pairs, ascending) of local day `day` (days since 1970-01-01). */
  day(day: number): readonly number[];
  /** Local day number of an instant. */
  localDay(ms: number): number;
}

export function compileCalendar(spec: CalendarSpec): Calendar {
  const problems = calendarProblems(spec);
  if (problems.length) throw new CalendarError(problems.join('; '));
  const zone = spec.timeZone;
  const week: Array<Array<[number, number]>> = [];
  for (let d = 1; d <= 7; d++) {
    const list = spec.week[String(d) as '1'] ?? [];
    week[d] = list
      .map((iv) => [parseHHMM(iv.start), parseHHMM(iv.end)] as [number, number])
      .sort((a, b) => a[0] - b[0]);
  }
  const holidays = new Map<string, Array<[number, number]>>();
  for (const h of spec.holidays ?? []) {
    const closed: [number, number] =
      h.start !== undefined && h.end !== undefined
        ? [parseHHMM(h.start), parseHHMM(h.end)]
        : [0, 24 * 60];
    const list = holidays.get(h.date) ?? [];
    list.push(closed);
    holidays.set(h.date, list);
  }
  const cache = new Map<number, number[]>();
  const offsets = new Map<number, number>();
  const ianaZone = IANAZone.create(zone);

  // Local wall-clock minute-of-day on day `day` -> instant.
  const instant = (y: number, mo: number, d: number, minute: number): number => {
    if (minute === 24 * 60) {
      const next = new Date(Date.UTC(y, mo - 1, d) + DAY_MS);
      return instant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0);
    }
    return DateTime.fromObject(
      { year: y, month: mo, day: d, hour: Math.floor(minute / 60), minute: minute % 60 },
      { zone },
    ).toMillis();
  };

  const computeDay = (day: number): number[] => {
    const date = new Date(day * DAY_MS);
    const y = date.getUTCFullYear();
    const mo = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const iso = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (4)
    let ivs = week[iso] ?? [];
    const key = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const closed = holidays.get(key);
    if (closed) ivs = subtractMinutes(ivs, closed);
    const out: number[] = [];
    for (const [a, b] of ivs) {
      const s = instant(y, mo, d, a);
      const e = instant(y, mo, d, b);
      if (e <= s) continue; // an interval swallowed by a DST gap
      // Keep ascending/non-overlapping even around fall-back ambiguities.
      const prev = out.length ? (out[out.length - 1] as number) : Number.NEGATIVE_INFINITY;
      if (e <= prev) continue;
      const start = Math.max(s, prev);
      if (out.length && start === prev) out[out.length - 1] = e;
      else out.push(start, e);
    }
    return out;
  };

  return {
    spec,
    day(day) {
      let v = cache.get(day);
      if (!v) {
        v = computeDay(day);
        cache.set(day, v);
      }
      return v;
    },
    localDay(ms) {
      // UTC offsets change only at transitions (modern ones on quarter hours): cache the offset
      // per quarter-hour bucket whose two ends agree (luxon's offset lookup goes through Intl);
      // a bucket containing a transition is looked up exactly every time.
      const bucket = Math.floor(ms / QUARTER_MS);
      let off = offsets.get(bucket);
      if (off === undefined) {
        const a = ianaZone.offset(bucket * QUARTER_MS);
        const b = ianaZone.offset((bucket + 1) * QUARTER_MS - 1);
        off = a === b ? a * MINUTE_MS : Number.NaN;
        if (offsets.size > 200_000) offsets.clear();
        offsets.set(bucket, off);
      }
      if (Number.isNaN(off)) off = ianaZone.offset(ms) * MINUTE_MS;
      return Math.floor((ms + off) / DAY_MS);
    },
  };
}

function subtractMinutes(
  ivs: Array<[number, number]>,
  closed: Array<[number, number]>,
): Array<[number, number]> {
  let cur = ivs;
  for (const [ca, cb] of closed) {
    const next: Array<[number, number]> = [];
    for (const [a, b] of cur) {
      if (cb <= a || ca >= b) next.push([a, b]);
      else {
        if (ca > a) next.push([a, ca]);
        if (cb < b) next.push([cb, b]);
      }
    }
    cur = next;
  }
  return cur;
}

/** Sorted, merged copy of the pauses (empty ones dropped). */
export function normalisePauses(pauses: readonly Pause[] | undefined): Pause[] {
  if (!pauses?.length) return [];
  const s = pauses.filter((p) => p.end > p.start).sort((a, b) => a.start - b.start);
  const out: Pause[] = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else out.push({ start: p.start, end: p.end });
  }
  return out;
}

/**
 * Calls fn for each working, unpaused piece [a, b) of local day `day`, in order
 * (descending when `reverse`); fn returns true to stop. Returns true when stopped.
 */
function eachPiece(
  cal: Calendar,
  day: number,
  pauses: Pause[],
  reverse: boolean,
  fn: (a: number, b: number) => boolean,
): boolean {
  const ivs = cal.day(day);
  const n = ivs.length / 2;
  for (let k = 0; k < n; k++) {
    const i = reverse ? n - 1 - k : k;
    const a = ivs[2 * i] as number;
    const b = ivs[2 * i + 1] as number;
    if (!pauses.length) {
      if (fn(a, b)) return true;
      continue;
    }
    // Pieces of [a, b) outside every pause.
    const pieces: number[] = [];
    let cursor = a;
    for (const p of pauses) {
      if (p.end <= cursor) continue;
      if (p.start >= b) break;
      if (p.start > cursor) pieces.push(cursor, p.start);
      cursor = Math.max(cursor, p.end);
      if (cursor >= b) break;
    }
    if (cursor < b) pieces.push(cursor, b);
    const m = pieces.length / 2;
    for (let q = 0; q < m; q++) {
      const j = reverse ? m - 1 - q : q;
      if (fn(pieces[2 * j] as number, pieces[2 * j + 1] as number)) return true;
    }
  }
  return false;
}

const toMs = (x: number | Date): number => (typeof x === 'number' ? x : x.getTime());

/** Working time between a and b in minutes (negative when b < a). */
export function businessMinutesBetween(
  a: number | Date,
  b: number | Date,
  cal: Calendar,
  pauses?: readonly Pause[],
): number {
  return businessMsBetween(toMs(a), toMs(b), cal, normalisePauses(pauses)) / MINUTE_MS;
}

/** Same as businessMinutesBetween in ms, pauses already normalised (hot path). */
export function businessMsBetween(a: number, b: number, cal: Calendar, pauses: Pause[]): number {
  if (b < a) return -businessMsBetween(b, a, cal, pauses);
  if (a === b) return 0;
  let total = 0;
  const last = cal.localDay(b);
  for (let d = cal.localDay(a); d <= last; d++) {
    eachPiece(cal, d, pauses, false, (s, e) => {
      if (s >= b) return true;
      const from = Math.max(s, a);
      const to = Math.min(e, b);
      if (to > from) total += to - from;
      return false;
    });
  }
  return total;
}

/**
 * The instant `minutes` business minutes after `start` (before it when negative);
 * see the semantics at the top of the file.
 */
export function addBusinessTime(
  start: number | Date,
  minutes: number,
  cal: Calendar,
  pauses?: readonly Pause[],
): number {
  return addBusinessMs(toMs(start), minutes * MINUTE_MS, cal, normalisePauses(pauses));
}

/** Same as addBusinessTime in ms, pauses already normalised (hot path). */
export function addBusinessMs(start: number, ms: number, cal: Calendar, pauses: Pause[]): number {
  if (!Number.isFinite(ms) || !Number.isFinite(start)) throw new CalendarError('not finite');
  if (ms === 0) return start;
  const reverse = ms < 0;
  let remaining = Math.abs(ms);
  let result = Number.NaN;
  let idle = 0;
  for (let d = cal.localDay(start); ; d += reverse ? -1 : 1) {
    let worked = false;
    const done = eachPiece(cal, d, pauses, reverse, (a, b) => {
      const from = reverse ? a : Math.max(a, start);
      const to = reverse ? Math.min(b, start) : b;
      if (to <= from) return false;
      worked = true;
      const avail = to - from;
      if (avail >= remaining) {
        result = reverse ? to - remaining : from + remaining;
        return true;
      }
      remaining -= avail;
      return false;
    });
    if (done) return result;
    idle = worked ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) throw new CalendarError('no working time within ten years');
  }
}

/** Next working, unpaused instant at or after t (t itself when inside working time). */
export function snapForward(t: number, cal: Calendar, pauses?: readonly Pause[]): number {
  const p = normalisePauses(pauses);
  let result = Number.NaN;
  for (let d = cal.localDay(t), idle = 0; idle <= MAX_IDLE_DAYS; d++, idle++) {
    const found = eachPiece(cal, d, p, false, (a, b) => {
      if (b <= t) return false;
      result = Math.max(a, t);
      return true;
    });
    if (found) return result;
  }
  throw new CalendarError('no working time within ten years');
}

/** Latest working instant at or before t (the end of the last working piece when outside). */
export function snapBackward(t: number, cal: Calendar, pauses?: readonly Pause[]): number {
  const p = normalisePauses(pauses);
  let result = Number.NaN;
  for (let d = cal.localDay(t), idle = 0; idle <= MAX_IDLE_DAYS; d--, idle++) {
    const found = eachPiece(cal, d, p, true, (a, b) => {
      if (a >= t) return false;
      result = Math.min(b, t);
      return true;
    });
    if (found) return result;
  }
  throw new CalendarError('no working time within ten years');
}
