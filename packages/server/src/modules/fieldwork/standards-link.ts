// Service standards come from the standards module (its service.ts): a checklist item stores the
// standard's id and a snapshot of its code, name and target when the checklist version is saved.
import type { Sql } from '../../db/client';

export interface TStandardSnapshot {
  id: string;
  code: string;
  name: string;
}

/** The org's standards among these ids (unknown ids are simply absent). */
export async function standardSnapshots(
  _db: Sql,
  _orgId: string,
  _ids: string[],
): Promise<Map<string, TStandardSnapshot>> {
  // Wired to standards/service.getStandard once the standards branch is merged.
  return new Map();
}
