// Impartial assignment (ISO 10002 objectivity: nobody investigates a complaint about themselves).
// Eligible: active agents of the case's unit, or of its nearest ancestor that has agents;
// never a staff member involved, never one who declared a conflict, and (when the org says so)
// never the manager of an involved staff member. Round robin or least loaded.
import type { Sql } from '../../db/client';
import { unitChain } from '../orgs/service';
import type { TCase, TSettings } from './repo';
import * as cfg from './repo-config';

/** The managers of the staff involved: their unit's manager, or the parent's when they are it. */
export async function managersOfStaff(db: Sql, orgId: string, staffIds: string[]) {
  const out = new Set<string>();
  for (const s of await cfg.staffByIds(db, orgId, staffIds)) {
    if (!s.unitId) continue;
    for (const u of await unitChain(db, orgId, s.unitId)) {
      const m = await cfg.managerOf(db, orgId, u.id);
      if (m && m !== s.id) {
        out.add(m);
        break;
      }
    }
  }
  return out;
}

export interface Eligible {
  candidates: (cfg.TStaff & { load: number })[];
  /** why others were left out (for the timeline and errors) */
  excluded: { userId: string; reason: 'involved' | 'conflict' | 'manager' }[];
}

export async function eligibleAgents(
  db: Sql,
  orgId: string,
  c: Pick<TCase, 'unitId' | 'staffInvolved' | 'excludedAgents'>,
  settings: Pick<TSettings, 'excludeManagers'>,
): Promise<Eligible> {
  if (!c.unitId) return { candidates: [], excluded: [] };
  const managers = settings.excludeManagers
    ? await managersOfStaff(db, orgId, c.staffInvolved)
    : new Set<string>();
  const why = (id: string): Eligible['excluded'][number]['reason'] | null =>
    c.staffInvolved.includes(id)
      ? 'involved'
      : c.excludedAgents.includes(id)
        ? 'conflict'
        : managers.has(id)
          ? 'manager'
          : null;
  const excluded: Eligible['excluded'] = [];
  for (const u of await unitChain(db, orgId, c.unitId)) {
    const agents = await cfg.agentsWithLoad(db, orgId, [u.id]);
    const ok = [];
    for (const a of agents) {
      const r = why(a.id);
      if (r) excluded.push({ userId: a.id, reason: r });
      else ok.push(a);
    }
    if (ok.length) return { candidates: ok, excluded };
  }
  return { candidates: [], excluded };
}

/** Picks one candidate (sorted by id). Round robin: the first id after the cursor, wrapping.
 * Least loaded: fewest open cases, ties broken in round-robin order. */
export function pick<T extends { id: string; load: number }>(
  candidates: T[],
  strategy: TSettings['strategy'],
  cursor: string | null,
): T | null {
  if (!candidates.length) return null;
  const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const after = cursor ? sorted.findIndex((x) => x.id > cursor) : 0;
  const start = Math.max(after, 0);
  const ring = [...sorted.slice(start), ...sorted.slice(0, start)];
  if (strategy === 'round_robin') return ring[0] ?? null;
  const min = Math.min(...ring.map((x) => x.load));
  return ring.find((x) => x.load === min) ?? null;
}
