import { describe, expect, it } from 'vitest';
import { hoursToMinutes, problemsByField, wallToInstant, zoneOffset } from './time';

describe('settings time helpers', () => {
  it('turns a wall-clock time in a zone into the instant (hand-worked offsets)', () => {
    // Madrid is UTC+1 in December, UTC+2 in July; Santiago is UTC-3 in December (summer time).
    expect(wallToInstant('2026-12-04T17:00', 'Europe/Madrid')).toBe('2026-12-04T16:00:00.000Z');
    expect(wallToInstant('2026-07-01T09:30', 'Europe/Madrid')).toBe('2026-07-01T07:30:00.000Z');
    expect(wallToInstant('2026-12-04T17:00', 'America/Santiago')).toBe('2026-12-04T20:00:00.000Z');
    expect(wallToInstant('2026-12-04T17:00', 'UTC')).toBe('2026-12-04T17:00:00.000Z');
    expect(wallToInstant('nope', 'UTC')).toBeNull();
    expect(wallToInstant('2026-12-04T17:00', 'Mars/Olympus')).toBeNull();
    expect(zoneOffset(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(330 * 60_000);
  });

  it('maps the server problems to form fields', () => {
    expect(
      problemsByField([
        'timeZone: unknown zone Mars/Olympus',
        'week.3: interval 14:00-09:00 ends before it starts',
        'week: no working time at all',
        'holidays: bad date 2026-02-30',
      ]),
    ).toEqual({
      timeZone: ['unknown zone Mars/Olympus'],
      'week.3': ['interval 14:00-09:00 ends before it starts'],
      week: ['no working time at all'],
      holidays: ['bad date 2026-02-30'],
    });
    expect(hoursToMinutes(1.5)).toBe(90);
  });
});
