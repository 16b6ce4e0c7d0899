import type { Sql } from '../../../db/client';
import { type Calendar, type CalendarSpec, compileCalendar } from './calendar';
import { BUILTIN_CALENDAR, choosePolicy, type SlaPolicy } from './compute';
import * as repo from './repo';

// ------------------------------------------------------------------------------- org context

const compiled = new Map<string, Calendar>();
function compiledFor(key: string, spec: CalendarSpec): Calendar {
  let c = compiled.get(key);
  if (!c) {
    if (compiled.size > 500) compiled.clear();
    c = compileCalendar(spec);
    compiled.set(key, c);
  }
  return c;
}
const builtinCalendar = () => compiledFor('builtin', BUILTIN_CALENDAR);

/** Everything needed to resolve a case's policy and calendar without further queries. */
export interface OrgSla {
  /** the org's units, and the categories a policy can be chosen by */
  unitIds: string[];
  categoryIds: string[];
  knows(x: { unitId: string | null; categoryId: string | null }): boolean;
  policyFor(categoryId: string | null, severity: string): SlaPolicy;
  calendarFor(unitId: string | null): { id: string | null; cal: Calendar };
}

/**
 * Per-process cache for the per-change hook (a case change must not reload the whole config):
 * entries live 10 s, are dropped by this process's own config changes, and are reloaded when a
 * case names a unit or category the entry does not know. Org-wide recomputation and the timers'
 * final check always load fresh.
 */
const orgCache = new Map<string, { at: number; org: OrgSla }>();
const ORG_CACHE_MS = 10_000;
export const forgetOrgSla = (orgId: string) => orgCache.delete(orgId);

export async function cachedOrgSla(
  db: Sql,
  orgId: string,
  need: { unitId: string | null; categoryId: string | null },
): Promise<OrgSla> {
  const hit = orgCache.get(orgId);
  if (hit && Date.now() - hit.at < ORG_CACHE_MS && hit.org.knows(need)) return hit.org;
  const org = await loadOrgSla(db, orgId);
  if (orgCache.size > 1000) orgCache.clear();
  orgCache.set(orgId, { at: Date.now(), org });
  return org;
}

export async function loadOrgSla(db: Sql, orgId: string): Promise<OrgSla> {
  const rows = await repo.loadOrgRows(db, orgId);
  const parentOfUnit = new Map(rows.units.map((u) => [u.id, u.parentId]));
  const parentOfCat = new Map(rows.categories.map((c) => [c.id, c.parentId]));
  const calById = new Map(rows.calendars.map((c) => [c.id, c]));
  const unitCal = new Map(rows.unitCalendars.map((u) => [u.unitId, u.calendarId]));
  const def = rows.calendars.find((c) => c.isDefault) ?? null;
  const toCal = (row: repo.TCalendarRow) => ({
    id: row.id,
    cal: compiledFor(`${row.id}:${row.version}`, {
      timeZone: row.timeZone,
      week: row.week,
      holidays: row.holidays,
    }),
  });
  const memo = new Map<string | null, { id: string | null; cal: Calendar }>();
  return {
    unitIds: rows.units.map((u) => u.id),
    categoryIds: [
      ...new Set([
        ...rows.categories.map((c) => c.id),
        ...rows.policies.flatMap((p) => (p.categoryId ? [p.categoryId] : [])),
      ]),
    ],
    knows: (x) =>
      (!x.unitId || parentOfUnit.has(x.unitId)) && (!x.categoryId || parentOfCat.has(x.categoryId)),
    policyFor(categoryId, severity) {
      const chain: string[] = [];
      for (let c = categoryId; c && chain.length < 50; c = parentOfCat.get(c) ?? null)
        chain.push(c);
      return choosePolicy(rows.policies, chain, severity);
    },
    calendarFor(unitId) {
      const hit = memo.get(unitId);
      if (hit) return hit;
      let found: { id: string | null; cal: Calendar } | null = null;
      for (let u = unitId, depth = 0; u && depth < 50; u = parentOfUnit.get(u) ?? null, depth++) {
        const cid = unitCal.get(u);
        const row = cid ? calById.get(cid) : undefined;
        if (row) {
          found = toCal(row);
          break;
        }
      }
      const out = found ?? (def ? toCal(def) : { id: null, cal: builtinCalendar() });
      memo.set(unitId, out);
      return out;
    },
  };
}
