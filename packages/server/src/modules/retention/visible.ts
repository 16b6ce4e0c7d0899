// What a caller may see in retention: the unit scope and the customer check shared by every
// section (scores, contracts, loyalty, win-back).
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { unitScope } from '../orgs/service';
import * as repo from './repo';

export async function scopeOf(db: Sql, auth: AuthContext): Promise<string[] | null> {
  const s = await unitScope(db, auth);
  return s ? [...s] : null;
}

/** A customer visible to the caller, or NOT_FOUND. */
export async function assertCustomer(db: Sql, auth: AuthContext, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
  if (!(await repo.customerVisible(db, auth.orgId, id, await scopeOf(db, auth))))
    throw new AppError('NOT_FOUND');
}
