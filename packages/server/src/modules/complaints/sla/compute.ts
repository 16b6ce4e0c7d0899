// Pure SLA rules: which policy applies to a case, its targets' due/warning instants from the
// case timeline (clocks stopped during pauses), and a target's status at a given instant.
import { iso } from '../../../lib/iso';
import {
  addBusinessMs,
  businessMsBetween,
  type Calendar,
  type CalendarSpec,
  type Pause,
} from './calendar';

export const SLA_TARGETS = ['first_response', 'update', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export interface SlaPolicy {
  id: string | null; // null = built-in default
  categoryId: string | null;
  severity: string | null;
  firstResponseMin: number;
  updateMin: number | null;
  resolutionMin: number;
  warnPercent: number;
  version: number;
}

/** Used when an org has no policy matching a case (business minutes; 8 h working day). */
export const BUILTIN_POLICIES: Record<string, SlaPolicy> = {
  critical: builtin('critical', 60, 240, 480),
  high: builtin('high', 240, 480, 1440),
  medium: builtin('medium', 480, 1440, 2400),
  low: builtin('low', 960, 2400, 4800),
};
function builtin(sev: string, fr: number, up: number, res: number): SlaPolicy {
  return {
    id: null,
    categoryId: null,
    severity: sev,
    firstResponseMin: fr,
    updateMin: up,
    resolutionMin: res,
    warnPercent: 80,
    version: 0,
  };
}

const WORKDAY = [{ start: '09:00', end: '18:00' }];
/** Used when an org has no calendar: Madrid, Monday to Friday 09:00-18:00. */
export const BUILTIN_CALENDAR: CalendarSpec = {
  timeZone: 'Europe/Madrid',
  week: { '1': WORKDAY, '2': WORKDAY, '3': WORKDAY, '4': WORKDAY, '5': WORKDAY },
  holidays: [],
};

/**
 * The most specific policy: walking the case category and its ancestors (nearest first), a
 * policy for (category, severity) beats (category, any); after the chain, (any, severity) beats
 * (any, any); then the built-in default for the severity.
 */
export function choosePolicy(
  policies: readonly SlaPolicy[],
  categoryChain: readonly string[],
  severity: string,
): SlaPolicy {
  const find = (cat: string | null, sev: string | null) =>
    policies.find((p) => p.categoryId === cat && p.severity === sev);
  for (const cat of [...categoryChain, null]) {
    const p = find(cat, severity) ?? find(cat, null);
    if (p) return p;
  }
  return BUILTIN_POLICIES[severity] ?? (BUILTIN_POLICIES.medium as SlaPolicy);
}

/** What the SLA needs to know about a case (instants as epoch ms). */
export interface SlaFacts {
  receivedAt: number;
  firstResponseAt: number | null;
  /** Latest staff message visible to the customer (response, message, update). */
  lastUpdateAt: number | null;
  /** Responded/closed/rejected: the resolution clock stops here. */
  resolvedAt: number | null;
  /** Finished pauses (waiting for the customer). */
  pauses: Pause[];
  /** Start of the pause in progress, if the case is waiting for the customer right now. */
  openPauseSince: number | null;
}

export interface TargetPlan {
  target: SlaTarget;
  targetMin: number;
  startedAt: number;
  /** null while paused before the target is reached (unknown until the clock restarts). */
  dueAt: number | null;
  warnAt: number | null;
  metAt: number | null;
  paused: boolean;
}

/** Due and warning instants of each target (pauses normalised: sorted, merged). */
export function planTargets(
  f: SlaFacts,
  policy: SlaPolicy,
  cal: Calendar,
  pauses: Pause[],
): TargetPlan[] {
  const at = (start: number, minutes: number, metAt: number | null) => {
    const ms = Math.round(minutes * 60_000);
    const due = addBusinessMs(start, ms, cal, pauses);
    const warn = addBusinessMs(start, Math.round((ms * policy.warnPercent) / 100), cal, pauses);
    // A pause still running stops the clock: instants after its start are unknown for now
    // (but a target already met or already past before the pause stays as computed).
    const open = f.openPauseSince;
    const paused = open !== null && metAt === null && due > open;
    return {
      dueAt: paused ? null : due,
      warnAt: open !== null && metAt === null && warn > open ? null : warn,
      paused,
    };
  };
  const out: TargetPlan[] = [];
  out.push({
    target: 'first_response',
    targetMin: policy.firstResponseMin,
    startedAt: f.receivedAt,
    metAt: f.firstResponseAt,
    ...at(f.receivedAt, policy.firstResponseMin, f.firstResponseAt),
  });
  if (policy.updateMin !== null && f.firstResponseAt !== null) {
    const start = Math.max(f.firstResponseAt, f.lastUpdateAt ?? f.firstResponseAt);
    const metAt = f.resolvedAt;
    out.push({
      target: 'update',
      targetMin: policy.updateMin,
      startedAt: start,
      metAt,
      ...at(start, policy.updateMin, metAt),
    });
  }
  out.push({
    target: 'resolution',
    targetMin: policy.resolutionMin,
    startedAt: f.receivedAt,
    metAt: f.resolvedAt,
    ...at(f.receivedAt, policy.resolutionMin, f.resolvedAt),
  });
  return out;
}

export type TargetStatus = 'running' | 'warning' | 'paused' | 'breached' | 'met' | 'met_late';

export interface TargetView {
  target: SlaTarget;
  targetMinutes: number;
  startedAt: string;
  dueAt: string | null;
  warnAt: string | null;
  metAt: string | null;
  status: TargetStatus;
  breached: boolean;
  /** Business minutes left until due (negative: overdue by); null when paused or met. */
  remainingMinutes: number | null;
  /** Business minutes used so far (until met or now). */
  elapsedMinutes: number;
}

/** A target as seen at instant `now` (paused clocks do not run). */
export function viewTarget(
  p: TargetPlan,
  now: number,
  cal: Calendar,
  pauses: Pause[],
  openPauseSince: number | null,
): TargetView {
  const all =
    openPauseSince !== null && openPauseSince < now
      ? [...pauses, { start: openPauseSince, end: now }]
      : pauses;
  const end = p.metAt ?? now;
  const elapsed = Math.max(0, businessMsBetween(p.startedAt, end, cal, all)) / 60_000;
  let status: TargetStatus;
  let remaining: number | null = null;
  if (p.metAt !== null) status = p.dueAt !== null && p.metAt > p.dueAt ? 'met_late' : 'met';
  else if (p.dueAt !== null && now >= p.dueAt) {
    status = 'breached';
    remaining = -businessMsBetween(p.dueAt, now, cal, all) / 60_000;
  } else if (p.paused || p.dueAt === null) status = 'paused';
  else {
    status = p.warnAt !== null && now >= p.warnAt ? 'warning' : 'running';
    remaining = businessMsBetween(now, p.dueAt, cal, all) / 60_000;
  }
  return {
    target: p.target,
    targetMinutes: p.targetMin,
    startedAt: iso(p.startedAt) as string,
    dueAt: iso(p.dueAt),
    warnAt: iso(p.warnAt),
    metAt: iso(p.metAt),
    status,
    breached: status === 'breached' || status === 'met_late',
    remainingMinutes: remaining === null ? null : Math.round(remaining * 100) / 100,
    elapsedMinutes: Math.round(elapsed * 100) / 100,
  };
}
