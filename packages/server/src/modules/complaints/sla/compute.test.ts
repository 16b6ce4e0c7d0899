// Pure SLA rules: policy choice by specificity, targets from the timeline, status views.
import { describe, expect, it } from 'vitest';
import { compileCalendar } from './calendar';
import {
  BUILTIN_CALENDAR,
  BUILTIN_POLICIES,
  choosePolicy,
  planTargets,
  type SlaPolicy,
  viewTarget,
} from './compute';

const pol = (id: string, categoryId: string | null, severity: string | null): SlaPolicy => ({
  id,
  categoryId,
  severity,
  firstResponseMin: 60,
  updateMin: null,
  resolutionMin: 480,
  warnPercent: 80,
  version: 1,
});
const cal = compileCalendar(BUILTIN_CALENDAR); // Madrid, Mon-Fri 09-18
const ms = (s: string) => Date.parse(s);

describe('choosePolicy', () => {
  const policies = [
    pol('any', null, null),
    pol('any-high', null, 'high'),
    pol('parent', 'P', null),
    pol('child-high', 'C', 'high'),
  ];
  it('prefers category+severity, then category, walking up the category tree, then severity', () => {
    expect(choosePolicy(policies, ['C', 'P'], 'high').id).toBe('child-high');
    expect(choosePolicy(policies, ['C', 'P'], 'low').id).toBe('parent');
    expect(choosePolicy(policies, ['X'], 'high').id).toBe('any-high');
    expect(choosePolicy(policies, [], 'low').id).toBe('any');
  });
  it('falls back to the built-in policy of the severity', () => {
    expect(choosePolicy([], [], 'critical')).toBe(BUILTIN_POLICIES.critical);
  });
});

describe('planTargets / viewTarget', () => {
  const policy = { ...pol('p', null, null), updateMin: 120 };
  // Received Mon 2026-02-02 09:00 CET (08:00Z): first response due 10:00 CET (09:00Z),
  // warning at 48 min (08:48Z); resolution 480 -> 18:00 CET (17:00Z).
  const base = {
    receivedAt: ms('2026-02-02T08:00:00Z'),
    firstResponseAt: null,
    lastUpdateAt: null,
    resolvedAt: null,
    pauses: [],
    openPauseSince: null,
  };
  it('plans first response and resolution; update only after the first response', () => {
    const p = planTargets(base, policy, cal, []);
    expect(p.map((x) => x.target)).toEqual(['first_response', 'resolution']);
    expect(new Date(p[0]?.dueAt as number).toISOString()).toBe('2026-02-02T09:00:00.000Z');
    expect(new Date(p[0]?.warnAt as number).toISOString()).toBe('2026-02-02T08:48:00.000Z');
    // Update: last customer update Mon 16:00 CET (15:00Z) + 120 -> 18:00 CET (17:00Z).
    const q = planTargets(
      {
        ...base,
        firstResponseAt: ms('2026-02-02T08:30:00Z'),
        lastUpdateAt: ms('2026-02-02T15:00:00Z'),
      },
      policy,
      cal,
      [],
    );
    expect(q.map((x) => x.target)).toEqual(['first_response', 'update', 'resolution']);
    expect(new Date(q[1]?.dueAt as number).toISOString()).toBe('2026-02-02T17:00:00.000Z');
  });
  it('leaves due unknown while a pause runs, unless already due before it', () => {
    // Waiting since 09:30 CET (08:30Z): 30 of 60 first-response minutes used -> paused.
    const p = planTargets({ ...base, openPauseSince: ms('2026-02-02T08:30:00Z') }, policy, cal, []);
    expect(p[0]).toMatchObject({ paused: true, dueAt: null, warnAt: null });
    // Waiting since 11:00 CET: first response was already due at 10:00 CET -> stays breached.
    const late = planTargets(
      { ...base, openPauseSince: ms('2026-02-02T10:00:00Z') },
      policy,
      cal,
      [],
    );
    expect(late[0]).toMatchObject({ paused: false, dueAt: ms('2026-02-02T09:00:00Z') });
    const v = viewTarget(
      late[0] as never,
      ms('2026-02-02T12:00:00Z'),
      cal,
      [],
      ms('2026-02-02T10:00:00Z'),
    );
    // Overdue by 09:00Z..10:00Z only: the pause from 10:00Z stops the clock.
    expect(v).toMatchObject({ status: 'breached', remainingMinutes: -60, breached: true });
  });
  it('reports running, warning, met and met_late with remaining business minutes', () => {
    const [fr] = planTargets(base, policy, cal, []);
    const at = (iso: string) => viewTarget(fr as never, ms(iso), cal, [], null);
    expect(at('2026-02-02T08:10:00Z')).toMatchObject({ status: 'running', remainingMinutes: 50 });
    expect(at('2026-02-02T08:50:00Z')).toMatchObject({ status: 'warning', remainingMinutes: 10 });
    const met = planTargets(
      { ...base, firstResponseAt: ms('2026-02-02T08:20:00Z') },
      policy,
      cal,
      [],
    );
    expect(viewTarget(met[0] as never, ms('2026-02-03T08:00:00Z'), cal, [], null)).toMatchObject({
      status: 'met',
      elapsedMinutes: 20,
      breached: false,
    });
    const late = planTargets(
      { ...base, firstResponseAt: ms('2026-02-02T09:30:00Z') },
      policy,
      cal,
      [],
    );
    expect(viewTarget(late[0] as never, ms('2026-02-03T08:00:00Z'), cal, [], null)).toMatchObject({
      status: 'met_late',
      breached: true,
    });
  });
});
