import type { Sql } from '../../../db/client';
import { AppError } from '../../../lib/errors';
import { unitExists } from '../../orgs/service';
import { calendarProblems } from './calendar';
import * as repo from './repo';
import { queueRecompute } from './service-recompute';

// ------------------------------------------------------------------------------- config

export function checkCalendar(c: repo.TCalendarInput): void {
  const problems = calendarProblems({ timeZone: c.timeZone, week: c.week, holidays: c.holidays });
  if (problems.length) throw new AppError('SLA_CALENDAR_INVALID', { problems });
}

export async function createCalendar(db: Sql, orgId: string, c: repo.TCalendarInput) {
  checkCalendar(c);
  return db.transaction(async (tx) => {
    const row = await repo.insertCalendar(tx, orgId, c);
    // A new calendar only changes cases once it is the default or assigned to a unit.
    const recomputeJobId = c.isDefault ? await queueRecompute(tx, orgId, 'calendar') : null;
    return { ...row, recomputeJobId };
  });
}

export async function changeCalendar(db: Sql, orgId: string, id: string, c: repo.TCalendarInput) {
  checkCalendar(c);
  return db.transaction(async (tx) => {
    const row = await repo.updateCalendar(tx, orgId, id, c);
    if (!row) throw new AppError('SLA_CALENDAR_NOT_FOUND');
    return { ...row, recomputeJobId: await queueRecompute(tx, orgId, 'calendar') };
  });
}

export async function removeCalendar(db: Sql, orgId: string, id: string) {
  return db.transaction(async (tx) => {
    if (!(await repo.deleteCalendar(tx, orgId, id))) throw new AppError('SLA_CALENDAR_NOT_FOUND');
    await queueRecompute(tx, orgId, 'calendar');
  });
}

export async function assignUnitCalendar(
  db: Sql,
  orgId: string,
  unitId: string,
  calendarId: string | null,
) {
  if (!(await unitExists(db, orgId, unitId))) throw new AppError('SLA_UNIT_INVALID');
  if (calendarId && !(await repo.getCalendar(db, orgId, calendarId)))
    throw new AppError('SLA_CALENDAR_NOT_FOUND');
  return db.transaction(async (tx) => {
    await repo.setUnitCalendar(tx, orgId, unitId, calendarId);
    const recomputeJobId = await queueRecompute(tx, orgId, 'unit-calendar');
    return { unitId, calendarId, recomputeJobId };
  });
}

async function checkPolicy(db: Sql, orgId: string, p: repo.TPolicyInput) {
  if (p.categoryId && !(await repo.categoryExists(db, orgId, p.categoryId)))
    throw new AppError('SLA_CATEGORY_INVALID');
  if (p.resolutionMin < p.firstResponseMin) throw new AppError('SLA_POLICY_TARGETS');
}

export async function createPolicy(db: Sql, orgId: string, p: repo.TPolicyInput) {
  await checkPolicy(db, orgId, p);
  return db.transaction(async (tx) => {
    const row = await repo.insertPolicy(tx, orgId, p);
    return { ...row, recomputeJobId: await queueRecompute(tx, orgId, 'policy') };
  });
}

export async function changePolicy(db: Sql, orgId: string, id: string, p: repo.TPolicyInput) {
  await checkPolicy(db, orgId, p);
  return db.transaction(async (tx) => {
    const row = await repo.updatePolicy(tx, orgId, id, p);
    if (!row) throw new AppError('SLA_POLICY_NOT_FOUND');
    return { ...row, recomputeJobId: await queueRecompute(tx, orgId, 'policy') };
  });
}

export async function removePolicy(db: Sql, orgId: string, id: string) {
  return db.transaction(async (tx) => {
    if (!(await repo.deletePolicy(tx, orgId, id))) throw new AppError('SLA_POLICY_NOT_FOUND');
    await queueRecompute(tx, orgId, 'policy');
  });
}

// ------------------------------------------------------------------ lists for the routes
// The routes read through the service, never the repo, so the repo can change behind it.
export async function listCalendars(db: Sql, orgId: string) {
  return {
    calendars: await repo.listCalendars(db, orgId),
    units: await repo.listUnitCalendars(db, orgId),
  };
}
export const listPolicies = (db: Sql, orgId: string) => repo.listPolicies(db, orgId);
export const listNotifications = (...a: Parameters<typeof repo.listNotifications>) =>
  repo.listNotifications(...a);
