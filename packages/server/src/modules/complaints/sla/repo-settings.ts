// SQL of the SLA settings: business-hours calendars (and which unit uses which), policies per
// category/severity, and the org's unit/category trees the computation walks. Re-exported by
// repo.ts. Every function takes the org id first and filters by it.
import type { Sql } from '../../../db/client';
import { iso } from '../../../lib/iso';
import type { Holiday, WorkInterval } from './calendar';
import type { SlaPolicy } from './compute';

// ------------------------------------------------------------------------------- calendars

export interface TCalendarRow {
  id: string;
  name: string;
  timeZone: string;
  week: Partial<Record<string, WorkInterval[]>>;
  holidays: Holiday[];
  isDefault: boolean;
  version: number;
  updatedAt: string;
}
const CAL = `id, name, time_zone AS "timeZone", week, holidays, is_default AS "isDefault", version,
  updated_at AS "updatedAt"`;
const calOut = (r: TCalendarRow): TCalendarRow => ({
  ...r,
  updatedAt: iso(r.updatedAt),
});

export async function listCalendars(db: Sql, orgId: string): Promise<TCalendarRow[]> {
  const r = await db.query<TCalendarRow>(
    `SELECT ${CAL} FROM complaint_sla_calendars WHERE org_id = $1 ORDER BY name, id`,
    [orgId],
  );
  return r.rows.map(calOut);
}

export async function getCalendar(db: Sql, orgId: string, id: string) {
  const r = await db.query<TCalendarRow>(
    `SELECT ${CAL} FROM complaint_sla_calendars WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0] ? calOut(r.rows[0]) : null;
}

export interface TCalendarInput {
  name: string;
  timeZone: string;
  week: Partial<Record<string, WorkInterval[]>>;
  holidays: Holiday[];
  isDefault: boolean;
}

async function clearDefault(db: Sql, orgId: string, except: string | null) {
  await db.query(
    `UPDATE complaint_sla_calendars SET is_default = false
      WHERE org_id = $1 AND is_default AND id IS DISTINCT FROM $2::uuid`,
    [orgId, except],
  );
}

export async function insertCalendar(db: Sql, orgId: string, c: TCalendarInput) {
  if (c.isDefault) await clearDefault(db, orgId, null);
  const r = await db.query<TCalendarRow>(
    `INSERT INTO complaint_sla_calendars (org_id, name, time_zone, week, holidays, is_default)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6) RETURNING ${CAL}`,
    [orgId, c.name, c.timeZone, JSON.stringify(c.week), JSON.stringify(c.holidays), c.isDefault],
  );
  return calOut(r.rows[0] as TCalendarRow);
}

export async function updateCalendar(db: Sql, orgId: string, id: string, c: TCalendarInput) {
  if (c.isDefault) await clearDefault(db, orgId, id);
  const r = await db.query<TCalendarRow>(
    `UPDATE complaint_sla_calendars
        SET name = $3, time_zone = $4, week = $5::jsonb, holidays = $6::jsonb, is_default = $7,
            version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING ${CAL}`,
    [
      orgId,
      id,
      c.name,
      c.timeZone,
      JSON.stringify(c.week),
      JSON.stringify(c.holidays),
      c.isDefault,
    ],
  );
  return r.rows[0] ? calOut(r.rows[0]) : null;
}

export async function deleteCalendar(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM complaint_sla_calendars WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function setUnitCalendar(
  db: Sql,
  orgId: string,
  unitId: string,
  calendarId: string | null,
) {
  if (calendarId === null) {
    await db.query('DELETE FROM complaint_sla_unit_calendars WHERE org_id = $1 AND unit_id = $2', [
      orgId,
      unitId,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO complaint_sla_unit_calendars (org_id, unit_id, calendar_id) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, unit_id) DO UPDATE SET calendar_id = EXCLUDED.calendar_id`,
    [orgId, unitId, calendarId],
  );
}

export async function listUnitCalendars(db: Sql, orgId: string) {
  const r = await db.query<{ unitId: string; calendarId: string }>(
    `SELECT unit_id AS "unitId", calendar_id AS "calendarId" FROM complaint_sla_unit_calendars
      WHERE org_id = $1 ORDER BY unit_id`,
    [orgId],
  );
  return r.rows;
}

// ------------------------------------------------------------------------------- policies

export interface TPolicyRow extends SlaPolicy {
  id: string;
  name: string;
  updatedAt: string;
}
const POL = `id, name, category_id AS "categoryId", severity, first_response_min AS "firstResponseMin",
  update_min AS "updateMin", resolution_min AS "resolutionMin", warn_percent AS "warnPercent",
  version, updated_at AS "updatedAt"`;
const polOut = (r: TPolicyRow): TPolicyRow => ({
  ...r,
  updatedAt: iso(r.updatedAt),
});

export async function listPolicies(db: Sql, orgId: string): Promise<TPolicyRow[]> {
  const r = await db.query<TPolicyRow>(
    `SELECT ${POL} FROM complaint_sla_policies WHERE org_id = $1 ORDER BY name, id`,
    [orgId],
  );
  return r.rows.map(polOut);
}

export interface TPolicyInput {
  name: string;
  categoryId: string | null;
  severity: string | null;
  firstResponseMin: number;
  updateMin: number | null;
  resolutionMin: number;
  warnPercent: number;
}
const polParams = (p: TPolicyInput) => [
  p.name,
  p.categoryId,
  p.severity,
  p.firstResponseMin,
  p.updateMin,
  p.resolutionMin,
  p.warnPercent,
];

export async function insertPolicy(db: Sql, orgId: string, p: TPolicyInput) {
  const r = await db.query<TPolicyRow>(
    `INSERT INTO complaint_sla_policies (org_id, name, category_id, severity, first_response_min,
       update_min, resolution_min, warn_percent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${POL}`,
    [orgId, ...polParams(p)],
  );
  return polOut(r.rows[0] as TPolicyRow);
}

export async function updatePolicy(db: Sql, orgId: string, id: string, p: TPolicyInput) {
  const r = await db.query<TPolicyRow>(
    `UPDATE complaint_sla_policies
        SET name = $3, category_id = $4, severity = $5, first_response_min = $6, update_min = $7,
            resolution_min = $8, warn_percent = $9, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING ${POL}`,
    [orgId, id, ...polParams(p)],
  );
  return r.rows[0] ? polOut(r.rows[0]) : null;
}

export async function deletePolicy(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM complaint_sla_policies WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function categoryExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM complaint_categories WHERE org_id = $1 AND id = $2 AND tree = 'category'`,
    [orgId, id],
  );
  return r.rows.length > 0;
}

// ------------------------------------------------------------------------------- org context

export interface TOrgSlaRows {
  units: { id: string; parentId: string | null }[];
  unitCalendars: { unitId: string; calendarId: string }[];
  calendars: TCalendarRow[];
  policies: TPolicyRow[];
  categories: { id: string; parentId: string | null }[];
}

export async function loadOrgRows(db: Sql, orgId: string): Promise<TOrgSlaRows> {
  const units = await db.query<{ id: string; parentId: string | null }>(
    'SELECT id, parent_id AS "parentId" FROM pub_org_units WHERE org_id = $1',
    [orgId],
  );
  const categories = await db.query<{ id: string; parentId: string | null }>(
    `SELECT id, parent_id AS "parentId" FROM complaint_categories WHERE org_id = $1 AND tree = 'category'`,
    [orgId],
  );
  return {
    units: units.rows,
    unitCalendars: await listUnitCalendars(db, orgId),
    calendars: await listCalendars(db, orgId),
    policies: await listPolicies(db, orgId),
    categories: categories.rows,
  };
}
