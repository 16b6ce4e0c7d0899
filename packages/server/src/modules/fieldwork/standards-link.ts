// Service standards come from the standards module (its service.ts): a checklist item stores the
// standard's id and a snapshot of its code, name and target when the checklist version is saved,
// so a later edit of the standard never rewrites a past visit.
import type { Sql } from '../../db/client';
import { getStandard, listStandards } from '../standards/service';

export interface TStandardSnapshot {
  id: string;
  code: string;
  name: string;
  measureKind: string;
  targetMin: number | null;
  targetMax: number | null;
}

/** The org's standards among these ids (unknown ids are simply absent). */
export async function standardSnapshots(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<Map<string, TStandardSnapshot>> {
  const out = new Map<string, TStandardSnapshot>();
  for (const id of ids) {
    const s = await getStandard(db, orgId, id);
    if (s)
      out.set(id, {
        id,
        code: s.code,
        name: s.nameEs,
        measureKind: s.measureKind,
        targetMin: s.targetMin,
        targetMax: s.targetMax,
      });
  }
  return out;
}

/** Standard ids by code (the demo links its checklist items by code). */
export async function standardIdsByCode(db: Sql, orgId: string): Promise<Map<string, string>> {
  return new Map((await listStandards(db, orgId)).map((s) => [s.code, s.id]));
}
