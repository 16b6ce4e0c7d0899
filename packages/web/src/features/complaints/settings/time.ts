// Pure helpers of the settings page: wall-clock time in an IANA zone <-> instant, time zones of
// the browser, hours <-> minutes, and the server's calendar problems mapped to form fields.

/** Offset (ms) of `zone` at instant `ms`: local wall clock minus UTC. */
export function zoneOffset(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a wall-clock time ("2026-12-04T17:00") in `zone`, as ISO 8601 UTC; null when
 * the text is not a date-time or the zone is unknown. In a DST gap the later offset wins.
 */
export function wallToInstant(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  try {
    let ms = guess - zoneOffset(guess, zone);
    ms = guess - zoneOffset(ms, zone);
    return new Date(ms).toISOString();
  } catch {
    return null;
  }
}

/** An instant shown in `zone` in the UI language ("vie, 4 dic 2026, 17:00"). */
export function showIn(iso: string, zone: string, lang: string): string {
  try {
    return new Date(iso).toLocaleString(lang, {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    return iso;
  }
}

/** Every IANA zone the browser knows (with a short fallback list). */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [];
  const base = list.length ? list : ['UTC', 'Europe/Madrid', 'America/Santiago'];
  return base.includes('UTC') ? base : ['UTC', ...base];
}

export const hoursToMinutes = (h: number) => Math.round(h * 60);
export const minutesToHours = (m: number) => Math.round((m / 60) * 100) / 100;

export type TCalendarField = 'name' | 'timeZone' | 'week' | `week.${string}` | 'holidays';

/**
 * Field of one calendar problem. The server reports problems as "<path>: <text>", e.g.
 * "timeZone: unknown zone X", "week.3: interval 14:00-09:00 ends before it starts",
 * "week: no working time at all", "holidays.2026-12-08: bad range …"; zod issues carry paths
 * like "week.1.0.start" or "calendar.timeZone".
 */
export function problemField(path: string): TCalendarField {
  const p = path.replace(/^calendar\./, '');
  if (p.startsWith('timeZone')) return 'timeZone';
  if (p.startsWith('name')) return 'name';
  if (p.startsWith('holidays')) return 'holidays';
  const day = /^week\.([1-7])/.exec(p);
  if (day) return `week.${day[1]}`;
  return 'week';
}

/** Groups problem strings ("path: text") by field. */
export function problemsByField(problems: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    const field = problemField(p.split(':')[0] ?? '');
    const text = p.includes(':') ? p.slice(p.indexOf(':') + 1).trim() : p;
    out[field] = [...(out[field] ?? []), text];
  }
  return out;
}
