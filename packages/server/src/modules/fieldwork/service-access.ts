// Fieldwork roles and the caller's unit scope (who may see which visit), shared by every
// part of the service; apart so the parts need not import each other for it.
import type { Sql } from '../../db/client';
import type { AuthContext, Role } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { unitExists, unitScope } from '../orgs/service';
import * as repo from './repo';

export const MANAGERS: readonly Role[] = ['owner', 'admin', 'analyst'];
/** Staff who may make internal audits (unit scope applies). */
export const AUDITORS: readonly Role[] = ['owner', 'admin', 'analyst', 'agent'];

export const isManager = (a: AuthContext) => MANAGERS.includes(a.role);
export const isShopper = (a: AuthContext) => a.role === 'shopper';

// ------------------------------------------------------------------------------ scope
export async function scopeOf(db: Sql, auth: AuthContext): Promise<string[] | null> {
  return unitScope(db, auth);
}

export async function assertUnit(db: Sql, auth: AuthContext, unitId: string): Promise<void> {
  if (!(await unitExists(db, auth.orgId, unitId))) throw new AppError('NOT_FOUND');
  const scope = await scopeOf(db, auth);
  if (scope && !scope.includes(unitId)) throw new AppError('FIELDWORK_UNIT_SCOPE', { unitId });
}

/** The visit as the caller may see it: shoppers only their own, staff within their units. */
export async function visibleVisit(
  db: Sql,
  auth: AuthContext,
  id: string,
  forUpdate = false,
): Promise<repo.TVisitRow> {
  const v = await repo.getVisit(db, auth.orgId, id, forUpdate);
  if (!v) throw new AppError('NOT_FOUND');
  if (isShopper(auth)) {
    if (v.assignee_id !== auth.userId) throw new AppError('NOT_FOUND');
    return v;
  }
  if (v.assignee_id === auth.userId) return v;
  const scope = await scopeOf(db, auth);
  if (scope && v.unit_id && !scope.includes(v.unit_id)) {
    throw new AppError('FIELDWORK_UNIT_SCOPE', { unitId: v.unit_id });
  }
  if (scope && !v.unit_id) throw new AppError('NOT_FOUND');
  return v;
}
