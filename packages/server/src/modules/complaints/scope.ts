// Loading a case within the caller's unit scope.
// Part of the complaints module: other modules import it through service.ts.
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { unitChain, unitScope } from '../orgs/service';
import * as repo from './repo';
import * as cfg from './repo-config';
import './errors';

// --------------------------------------------------------------------------- scope, loading

/** Loads a case the caller may act on: 404 for other orgs, 403 outside the caller's units. */
export async function caseFor(db: Sql, auth: AuthContext, id: string, lock = false) {
  const c = await repo.getCase(db, auth.orgId, id, lock);
  if (!c) throw new AppError('NOT_FOUND');
  const scope = await unitScope(db, auth);
  if (scope && !(c.unitId && scope.includes(c.unitId)))
    throw new AppError('COMPLAINT_OUTSIDE_UNIT');
  return c;
}

/** An attachment of a case the caller may see (same unit scope as the case); 404 otherwise. */
export async function attachmentFor(db: Sql, auth: AuthContext, caseId: string, id: string) {
  await caseFor(db, auth, caseId);
  const a = await repo.getAttachment(db, auth.orgId, caseId, id);
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}

export async function getCaseForSystem(db: Sql, orgId: string, id: string) {
  return repo.getCase(db, orgId, id);
}

export async function unitManager(db: Sql, orgId: string, unitId: string): Promise<string | null> {
  for (const u of await unitChain(db, orgId, unitId)) {
    const m = await cfg.managerOf(db, orgId, u.id);
    if (m) return m;
  }
  return null;
}
