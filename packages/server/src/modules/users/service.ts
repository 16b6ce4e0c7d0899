// Users of an org. Passwords hashed with argon2id; generated when not given (returned once).
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Sql } from '../../db/client';
import type { AuthContext, Role } from '../../lib/access';
import { randomToken } from '../../lib/crypto';
import { AppError, registerErrors } from '../../lib/errors';
import { isUuid } from '../../lib/uuid';
import { type Actor, audit, diff, registerAuditLabels } from '../audit/service';
import { unitExists } from '../orgs/service';
import type { UserRow } from './repo';
import * as repo from './repo';

registerErrors({
  OWNER_ONLY: {
    status: 403,
    es: 'Solo un propietario puede modificar a un propietario o dar el rol de propietario.',
    en: 'Only an owner can change an owner or give the owner role.',
  },
  LAST_OWNER: {
    status: 409,
    es: 'La organización necesita al menos un propietario activo: nombra antes a otro propietario.',
    en: 'The organisation needs at least one active owner: make someone else owner first.',
  },
});

export type { UserRow } from './repo';
export {
  activeUserByEmail,
  listUsers,
  passwordHashOf,
  setPasswordHash,
  updateOwnProfile,
  userNames,
} from './repo';

export const hashPassword = (p: string): Promise<string> => hash(p);

// entity_id is free text in the audit log: only uuids can name a user.
registerAuditLabels('user', (db, orgId, ids) =>
  repo.userNames(
    db,
    orgId,
    ids.filter((i) => isUuid(i)),
  ),
);

async function checkUnit(db: Sql, orgId: string, unitId: string | null | undefined) {
  if (!unitId) return;
  if (!(await unitExists(db, orgId, unitId))) throw new AppError('NOT_FOUND', { field: 'unitId' });
}

export async function createUser(
  db: Sql,
  actor: Actor,
  input: {
    email: string;
    name: string;
    role: Role;
    unitId?: string | null | undefined;
    password?: string | undefined;
  },
): Promise<{ user: UserRow; password: string; declined?: true }> {
  const password = input.password ?? randomToken(12);
  const ph = await hashPassword(password);
  return db.transaction(async (tx) => {
    await checkUnit(tx, actor.orgId, input.unitId);
    // ON CONFLICT (in the repo): a concurrent create of the same address cannot turn into a
    // unique-violation 409 that would say more than the answers below.
    const user = await repo.insertUser(tx, actor.orgId, {
      email: input.email,
      name: input.name,
      role: input.role,
      unitId: input.unitId ?? null,
      passwordHash: ph,
    });
    if (!user) {
      const holderOrg = await repo.emailHolderOrg(tx, input.email);
      // Within the org the admin can see the user anyway, and the operator (system actor: CLI,
      // seeding) sees every org: say so plainly.
      if (holderOrg === actor.orgId || actor.userId === null)
        throw new AppError('CONFLICT', { field: 'email' });
      // Login and password reset find the account by e-mail alone, across orgs, so an address
      // belongs to one account. If it is another org's, answering "taken" would tell this admin
      // that the address has an account elsewhere. Answer exactly as a created user would look
      // instead; nothing is stored and the caller (routes) only logs it for the operator.
      const phantom: UserRow = {
        id: randomUUID(),
        email: input.email,
        name: input.name,
        role: input.role,
        unitId: input.unitId ?? null,
        active: true,
      };
      return { user: phantom, password, declined: true };
    }
    const { password: _p, ...shown } = input;
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: user.id, changes: shown });
    return { user, password };
  });
}

/**
 * Owners are managed only by owners: anyone else may not change an owner in any way (name, role,
 * unit, active flag, and so no password or e-mail either) nor make someone owner. And the org
 * never loses its last active owner — not even by that owner's own hand. The org row is locked
 * first so two owners demoting each other at once cannot both pass the count.
 */
async function checkOwnerRules(
  tx: Sql,
  auth: AuthContext,
  before: UserRow,
  input: { role?: Role | undefined; active?: boolean | undefined },
) {
  if (before.role !== 'owner' && input.role !== 'owner') return;
  await repo.lockOrg(tx, auth.orgId);
  // The caller's role as of now, under the lock: an owner demoted a moment ago by a concurrent
  // request must not act as owner on the role loaded when their request began.
  if ((await repo.activeRole(tx, auth.orgId, auth.userId)) !== 'owner')
    throw new AppError('OWNER_ONLY');
  const now = await repo.roleAndActive(tx, auth.orgId, before.id);
  const losesOwner =
    now?.role === 'owner' &&
    now.active &&
    (input.active === false || (input.role !== undefined && input.role !== 'owner'));
  if (!losesOwner) return;
  if (!(await repo.otherActiveOwner(tx, auth.orgId, before.id))) throw new AppError('LAST_OWNER');
}

export async function updateUser(
  db: Sql,
  auth: AuthContext,
  id: string,
  input: {
    name?: string | undefined;
    role?: Role | undefined;
    unitId?: string | null | undefined;
    active?: boolean | undefined;
  },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const before = await repo.getUser(tx, auth.orgId, id);
    if (!before) throw new AppError('NOT_FOUND');
    await checkOwnerRules(tx, auth, before, input);
    await checkUnit(tx, auth.orgId, input.unitId);
    const updated = await repo.updateUserRow(tx, auth.orgId, id, input);
    if (input.active === false) await repo.deleteSessionsOf(tx, auth.orgId, id);
    await audit(tx, auth, {
      action: 'update',
      entity: 'user',
      entityId: id,
      changes: diff({ ...before }, { ...input }),
    });
    return updated as UserRow;
  });
}
