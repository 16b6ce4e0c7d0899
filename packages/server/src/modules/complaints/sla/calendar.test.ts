// Business-hours arithmetic: hand-worked cases (expected instants written out with the
// reasoning), fast-check properties, and agreement with the naive minute-stepping oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso } from '../../../lib/iso';
import {
  addBusinessTime,
  businessMinutesBetween,
  type CalendarSpec,
  calendarProblems,
  compileCalendar,
  type Pause,
  snapBackward,
  snapForward,
} from './calendar';
import { naiveAdd, naiveMinutesBetween } from './naive';

const ms = (iso: string) => Date.parse(iso);

const OFFICE = [
  { start: '09:00', end: '14:00' },
  { start: '15:00', end: '18:00' },
];
// Madrid office: Mon-Fri 09-14 + 15-18 (480 min/day). Reyes 2026-01-06 (Tue) closed,
// Christmas Eve 2025-12-24 (Wed) closed from 14:00, Christmas 2025-12-25 (Thu) closed.
const madridSpec: CalendarSpec = {
  timeZone: 'Europe/Madrid',
  week: { '1': OFFICE, '2': OFFICE, '3': OFFICE, '4': OFFICE, '5': OFFICE },
  holidays: [
    { date: '2026-01-06', name: 'Reyes' },
    { date: '2025-12-24', start: '14:00', end: '24:00' },
    { date: '2025-12-25' },
  ],
};
const madrid = compileCalendar(madridSpec);

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const madrid247 = compileCalendar({
  timeZone: 'Europe/Madrid',
  week: {
    '1': ALL_DAY,
    '2': ALL_DAY,
    '3': ALL_DAY,
    '4': ALL_DAY,
    '5': ALL_DAY,
    '6': ALL_DAY,
    '7': ALL_DAY,
  },
});

const MX_DAY = [{ start: '08:00', end: '17:00' }];
const mexicoSpec: CalendarSpec = {
  timeZone: 'America/Mexico_City',
  week: { '1': MX_DAY, '2': MX_DAY, '3': MX_DAY, '4': MX_DAY, '5': MX_DAY },
};
const mexico = compileCalendar(mexicoSpec);

// Santiago: weekday office 09-18 plus a weekend night shift split at midnight
// (Sat 18:00-24:00, Sun 00:00-06:00): Chile changes clocks at Saturday 24:00.
const CL_DAY = [{ start: '09:00', end: '18:00' }];
const santiagoSpec: CalendarSpec = {
  timeZone: 'America/Santiago',
  week: {
    '1': CL_DAY,
    '2': CL_DAY,
    '3': CL_DAY,
    '4': CL_DAY,
    '5': CL_DAY,
    '6': [{ start: '18:00', end: '24:00' }],
    '7': [{ start: '00:00', end: '06:00' }],
  },
};
const santiago = compileCalendar(santiagoSpec);

describe('hand-worked cases', () => {
  it('crosses a weekend (Madrid, CET = UTC+1)', () => {
    // Fri 2026-03-20 17:00 CET = 16:00Z. +120: 60 min to 18:00 Fri, Sat/Sun closed,
    // Mon 2026-03-23 09:00 CET + 60 = 10:00 CET = 09:00Z.
    const t = addBusinessTime(ms('2026-03-20T16:00:00Z'), 120, madrid);
    expect(iso(t)).toBe('2026-03-23T09:00:00.000Z');
    expect(businessMinutesBetween(ms('2026-03-20T16:00:00Z'), t, madrid)).toBe(120);
  });

  it('skips the lunch gap', () => {
    // Mon 2026-03-16 13:30 CET (12:30Z) +60: 30 min to 14:00, gap 14-15, 15:00 + 30 = 15:30 CET = 14:30Z.
    expect(iso(addBusinessTime(ms('2026-03-16T12:30:00Z'), 60, madrid))).toBe(
      '2026-03-16T14:30:00.000Z',
    );
  });

  it('starts outside hours at the next opening and ends at the end of a working minute', () => {
    // Sat 2026-03-21 12:00Z: closed; Mon 09:00 CET (08:00Z) + 480 = Mon 18:00 CET = 17:00Z exactly
    // (the earliest instant, not the next opening Tue 09:00).
    expect(iso(addBusinessTime(ms('2026-03-21T12:00:00Z'), 480, madrid))).toBe(
      '2026-03-23T17:00:00.000Z',
    );
  });

  it('crosses the Madrid spring-forward weekend (29 Mar 2026, 02:00 CET -> 03:00 CEST)', () => {
    // Fri 2026-03-27 17:30 CET = 16:30Z. +90: 30 min Fri; Mon 2026-03-30 is CEST (UTC+2):
    // 09:00 CEST + 60 = 10:00 CEST = 08:00Z. Elapsed is 63.5 h but business time stays 90.
    const s = ms('2026-03-27T16:30:00Z');
    const t = addBusinessTime(s, 90, madrid);
    expect(iso(t)).toBe('2026-03-30T08:00:00.000Z');
    expect(businessMinutesBetween(s, t, madrid)).toBe(90);
    expect(addBusinessTime(t, -90, madrid)).toBe(s);
  });

  it('counts the real length of DST days on a 24/7 calendar', () => {
    // Sun 2026-03-29 local 00:00 CET = Sat 23:00Z; next local midnight is CEST = Sun 22:00Z: 23 h.
    expect(
      businessMinutesBetween(ms('2026-03-28T23:00:00Z'), ms('2026-03-29T22:00:00Z'), madrid247),
    ).toBe(23 * 60);
    // Sun 2026-10-25 local 00:00 CEST = Sat 22:00Z; next midnight CET = Sun 23:00Z: 25 h.
    expect(
      businessMinutesBetween(ms('2026-10-24T22:00:00Z'), ms('2026-10-25T23:00:00Z'), madrid247),
    ).toBe(25 * 60);
  });

  it('skips a full holiday (Reyes, Tue 6 Jan 2026)', () => {
    // Mon 2026-01-05 17:00 CET = 16:00Z. +180: 60 Mon; Tue holiday; Wed 09:00 + 120 = 11:00 CET = 10:00Z.
    expect(iso(addBusinessTime(ms('2026-01-05T16:00:00Z'), 180, madrid))).toBe(
      '2026-01-07T10:00:00.000Z',
    );
  });

  it('honours a partial holiday (Christmas Eve closed from 14:00) followed by Christmas', () => {
    // Wed 2025-12-24 13:00 CET = 12:00Z. +120: 60 to 14:00; afternoon closed; Thu 25 closed;
    // Fri 26 09:00 + 60 = 10:00 CET = 09:00Z.
    expect(iso(addBusinessTime(ms('2025-12-24T12:00:00Z'), 120, madrid))).toBe(
      '2025-12-26T09:00:00.000Z',
    );
    // The whole of Wed 24 counts 09-14 only: 300 min.
    expect(
      businessMinutesBetween(ms('2025-12-23T23:00:00Z'), ms('2025-12-24T23:00:00Z'), madrid),
    ).toBe(300);
  });

  it('stops the clock during a pause (waiting for the customer)', () => {
    // Mon 2026-03-16 09:00 CET (08:00Z) + 480. Pause Mon 11:00 CET (10:00Z) .. Tue 10:30 CET (09:30Z).
    // Worked: Mon 09-11 = 120; Tue 10:30-14:00 = 210 (330); 15:00-17:30 = 150 (480).
    // Due Tue 17:30 CET = 16:30Z (without the pause: Mon 18:00 CET = 17:00Z).
    const pauses: Pause[] = [
      { start: ms('2026-03-16T10:00:00Z'), end: ms('2026-03-17T09:30:00Z') },
    ];
    expect(iso(addBusinessTime(ms('2026-03-16T08:00:00Z'), 480, madrid))).toBe(
      '2026-03-16T17:00:00.000Z',
    );
    const t = addBusinessTime(ms('2026-03-16T08:00:00Z'), 480, madrid, pauses);
    expect(iso(t)).toBe('2026-03-17T16:30:00.000Z');
    expect(businessMinutesBetween(ms('2026-03-16T08:00:00Z'), t, madrid, pauses)).toBe(480);
  });

  it('Mexico City: the 2022 fall-back, and no DST any more in 2023', () => {
    // Fri 2022-10-28 16:00 CDT (UTC-5) = 21:00Z. +120: 60 Fri to 17:00; DST ends Sun 30 Oct;
    // Mon 2022-10-31 08:00 CST (UTC-6) + 60 = 09:00 CST = 15:00Z.
    expect(iso(addBusinessTime(ms('2022-10-28T21:00:00Z'), 120, mexico))).toBe(
      '2022-10-31T15:00:00.000Z',
    );
    // Mexico abolished DST from 2023: Fri 2023-03-31 16:00 CST = 22:00Z. +120 -> Mon 2023-04-03
    // 09:00 CST = 15:00Z (with the old April DST rule it would have been 14:00Z).
    expect(iso(addBusinessTime(ms('2023-03-31T22:00:00Z'), 120, mexico))).toBe(
      '2023-04-03T15:00:00.000Z',
    );
  });

  it('Santiago: the September 2024 spring-forward at Saturday 24:00', () => {
    // Sat 2024-09-07 18:00 -04 = 22:00Z. Local Sun 00:00 does not exist: clocks jump to 01:00 -03
    // = Sun 04:00Z, so Sat 18:00-24:00 lasts 6 h (22:00Z-04:00Z) and Sun 00:00-06:00 (04:00Z to
    // 06:00 -03 = 09:00Z) lasts 5 h: 660 min in the weekend shift instead of 720.
    expect(
      businessMinutesBetween(ms('2024-09-07T22:00:00Z'), ms('2024-09-08T09:00:00Z'), santiago),
    ).toBe(660);
    // Fri 2024-09-06 17:00 -04 = 21:00Z. +120: 60 Fri; Sat 18:00 -04 starts the night shift:
    // 60 more -> Sat 19:00 -04 = 23:00Z.
    expect(iso(addBusinessTime(ms('2024-09-06T21:00:00Z'), 120, santiago))).toBe(
      '2024-09-07T23:00:00.000Z',
    );
    // Fri 17:00 -04 + 60 (Fri) + 660 (weekend) + 60 -> Mon 2024-09-09 10:00 -03 = 13:00Z.
    expect(iso(addBusinessTime(ms('2024-09-06T21:00:00Z'), 780, santiago))).toBe(
      '2024-09-09T13:00:00.000Z',
    );
  });

  it('Santiago: the April 2025 fall-back (Saturday 23:00-24:00 happens twice)', () => {
    // Sat 2025-04-05 18:00 -03 = 21:00Z; at local 24:00 -03 (03:00Z) clocks go back to 23:00 -04;
    // Sun 00:00 -04 = 04:00Z. So Sat 18:00-24:00 lasts 7 h; Sun 00:00-06:00 -04 = 04:00Z-10:00Z: 6 h.
    expect(
      businessMinutesBetween(ms('2025-04-05T21:00:00Z'), ms('2025-04-06T10:00:00Z'), santiago),
    ).toBe(780);
  });

  it('subtracts business time back across a weekend and a holiday', () => {
    // Wed 2026-01-07 10:00 CET (09:00Z) - 180: Wed 09-10 = 60; Tue 6 holiday; Mon 5 18:00 - 120 = 16:00 CET = 15:00Z.
    expect(iso(addBusinessTime(ms('2026-01-07T09:00:00Z'), -180, madrid))).toBe(
      '2026-01-05T15:00:00.000Z',
    );
  });

  it('rejects bad calendars', () => {
    expect(calendarProblems({ timeZone: 'Mars/Olympus', week: { '1': OFFICE } })).toHaveLength(1);
    expect(calendarProblems({ timeZone: 'UTC', week: {} })).toEqual([
      'week: no working time at all',
    ]);
    expect(
      calendarProblems({ timeZone: 'UTC', week: { '1': [{ start: '10:00', end: '09:00' }] } })
        .length,
    ).toBeGreaterThan(0);
    expect(
      calendarProblems({
        timeZone: 'UTC',
        week: {
          '1': [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
      }),
    ).toEqual(['week.1: overlapping intervals at 11:00']);
  });
});

// --- properties ---------------------------------------------------------------------------
const calendars = [madrid, madrid247, mexico, santiago];
const FROM = ms('2021-01-01T00:00:00Z');
const TO = ms('2030-12-31T00:00:00Z');
const instant = fc.integer({ min: FROM, max: TO });
const minutes = fc.integer({ min: 1, max: 30_000 });
const calIdx = fc.integer({ min: 0, max: calendars.length - 1 });
const pausesArb = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 30 * 24 * 60 }), fc.integer({ min: 1, max: 3 * 24 * 60 })),
  { maxLength: 4 },
);
const toPauses = (base: number, raw: Array<[number, number]>): Pause[] =>
  raw.map(([off, len]) => ({ start: base + off * 60_000, end: base + (off + len) * 60_000 }));

describe('properties (fast-check)', () => {
  it('between(s, add(s, m)) == m', () => {
    fc.assert(
      fc.property(calIdx, instant, minutes, pausesArb, (c, s, m, raw) => {
        const cal = calendars[c] ?? madrid;
        const p = toPauses(s, raw);
        expect(businessMinutesBetween(s, addBusinessTime(s, m, cal, p), cal, p)).toBe(m);
      }),
      { numRuns: 300 },
    );
  });

  it('adding then subtracting round-trips (to the start snapped forward)', () => {
    fc.assert(
      fc.property(calIdx, instant, minutes, pausesArb, (c, s, m, raw) => {
        const cal = calendars[c] ?? madrid;
        const p = toPauses(s, raw);
        const t = addBusinessTime(s, m, cal, p);
        expect(addBusinessTime(t, -m, cal, p)).toBe(snapForward(s, cal, p));
        const back = addBusinessTime(s, -m, cal, p);
        expect(addBusinessTime(back, m, cal, p)).toBe(snapBackward(s, cal, p));
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in the start and in the amount', () => {
    fc.assert(
      fc.property(calIdx, instant, instant, minutes, minutes, (c, a, b, m1, m2) => {
        const cal = calendars[c] ?? madrid;
        const [s1, s2] = a <= b ? [a, b] : [b, a];
        const [k1, k2] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addBusinessTime(s1, k1, cal)).toBeLessThanOrEqual(addBusinessTime(s2, k1, cal));
        expect(addBusinessTime(s1, k1, cal)).toBeLessThanOrEqual(addBusinessTime(s1, k2, cal));
      }),
      { numRuns: 200 },
    );
  });

  it('between is additive, antisymmetric and never exceeds elapsed time', () => {
    fc.assert(
      fc.property(
        calIdx,
        fc.integer({ min: FROM, max: FROM + 400 * 86_400_000 }),
        fc.integer({ min: 0, max: 60 * 86_400_000 }),
        fc.integer({ min: 0, max: 60 * 86_400_000 }),
        (c, a, d1, d2) => {
          const cal = calendars[c] ?? madrid;
          const b = a + d1;
          const e = b + d2;
          const ab = businessMinutesBetween(a, b, cal);
          const be = businessMinutesBetween(b, e, cal);
          expect(businessMinutesBetween(a, e, cal)).toBeCloseTo(ab + be, 9);
          expect(businessMinutesBetween(e, a, cal)).toBeCloseTo(-(ab + be), 9);
          expect(ab).toBeLessThanOrEqual(d1 / 60_000 + 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('agrees with the naive minute-stepping oracle', () => {
  const specs = [madridSpec, mexicoSpec, santiagoSpec];
  // Windows around the DST changes and holidays above, on whole minutes.
  const starts = [
    '2026-03-27T10:00:00Z',
    '2025-12-23T16:07:00Z',
    '2022-10-28T13:00:00Z',
    '2024-09-06T20:13:00Z',
    '2025-04-04T11:00:00Z',
  ].map(ms);
  it('on between and add over 4-day windows with a pause', () => {
    for (const [k, spec] of specs.entries()) {
      const cal = compileCalendar(spec);
      for (const s of starts) {
        const pauses: Pause[] = [
          { start: s + 26 * 3_600_000, end: s + 31 * 3_600_000 + 17 * 60_000 },
        ];
        const e = s + 4 * 86_400_000;
        expect(businessMinutesBetween(s, e, cal, pauses), `spec ${k} ${iso(s)}`).toBe(
          naiveMinutesBetween(s, e, spec, pauses),
        );
        for (const m of [1, 59, 481, 1234]) {
          expect(iso(addBusinessTime(s, m, cal, pauses)), `spec ${k} ${iso(s)} +${m}`).toBe(
            iso(naiveAdd(s, m, spec, pauses)),
          );
        }
      }
    }
  });
});
