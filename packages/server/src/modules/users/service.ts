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

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  active: boolean;
}
const COLS = 'id, email, name, role, unit_id AS "unitId", active';

export const hashPassword = (p: string): Promise<string> => hash(p);

/**
 * Stores a new password hash. What the old password opened (reset links, sessions) is the auth
 * module's to end: call through `auth/service` `changePassword` / `confirmReset`, which do both
 * inside the transaction that authorised the change.
 */
export async function setPasswordHash(
  tx: Sql,
  orgId: string,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await tx.query(
    'UPDATE users SET password_hash = $3, updated_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, userId, passwordHash],
  );
}

/** The active account behind a login e-mail (any org: an e-mail belongs to one account). */
export async function activeUserByEmail(
  db: Sql,
  email: string,
): Promise<{
  id: string;
  org_id: string;
  email: string;
  locale: string;
  password_hash: string | null;
} | null> {
  const r = await db.query<{
    id: string;
    org_id: string;
    email: string;
    locale: string;
    password_hash: string | null;
  }>(
    'SELECT id, org_id, email, locale, password_hash FROM users WHERE lower(email) = lower($1) AND active',
    [email],
  );
  return r.rows[0] ?? null;
}

export async function passwordHashOf(db: Sql, orgId: string, id: string): Promise<string | null> {
  const r = await db.query<{ password_hash: string | null }>(
    'SELECT password_hash FROM users WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return r.rows[0]?.password_hash ?? null;
}

/** A user's own profile edit (name, language); the caller audits it. */
export async function updateOwnProfile(
  tx: Sql,
  orgId: string,
  userId: string,
  input: { locale?: string | undefined; name?: string | undefined },
): Promise<void> {
  await tx.query(
    `UPDATE users SET locale = COALESCE($3, locale), name = COALESCE($4, name), updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [orgId, userId, input.locale ?? null, input.name ?? null],
  );
}

export async function listUsers(db: Sql, orgId: string): Promise<UserRow[]> {
  return (
    await db.query<UserRow>(
      `SELECT ${COLS} FROM users WHERE org_id = $1
        ORDER BY fid_name_key(coalesce(nullif(name, ''), email)) COLLATE "C", id`,
      [orgId],
    )
  ).rows;
}

/** Display names of some users of the org (id -> name); unknown ids are left out. */
export async function userNames(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM users WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

// entity_id is free text in the audit log: only uuids can name a user.
registerAuditLabels('user', (db, orgId, ids) =>
  userNames(
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
    // ON CONFLICT: a concurrent create of the same address cannot turn into a unique-violation
    // 409 that would say more than the answers below.
    const r = await tx.query<UserRow>(
      `INSERT INTO users (org_id, email, name, role, unit_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${COLS}`,
      [actor.orgId, input.email, input.name, input.role, input.unitId ?? null, ph],
    );
    const user = r.rows[0];
    if (!user) {
      const holder = await tx.query<{ org_id: string }>(
        'SELECT org_id FROM users WHERE lower(email) = lower($1)',
        [input.email],
      );
      // Within the org the admin can see the user anyway, and the operator (system actor: CLI,
      // seeding) sees every org: say so plainly.
      if (holder.rows[0]?.org_id === actor.orgId || actor.userId === null)
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
  await tx.query('SELECT 1 FROM pub_orgs WHERE id = $1 FOR UPDATE', [auth.orgId]);
  // The caller's role as of now, under the lock: an owner demoted a moment ago by a concurrent
  // request must not act as owner on the role loaded when their request began.
  const me = await tx.query<{ role: Role }>(
    'SELECT role FROM users WHERE org_id = $1 AND id = $2 AND active',
    [auth.orgId, auth.userId],
  );
  if (me.rows[0]?.role !== 'owner') throw new AppError('OWNER_ONLY');
  const now = (
    await tx.query<{ role: Role; active: boolean }>(
      'SELECT role, active FROM users WHERE org_id = $1 AND id = $2',
      [auth.orgId, before.id],
    )
  ).rows[0];
  const losesOwner =
    now?.role === 'owner' &&
    now.active &&
    (input.active === false || (input.role !== undefined && input.role !== 'owner'));
  if (!losesOwner) return;
  const others = await tx.query(
    `SELECT 1 FROM users WHERE org_id = $1 AND role = 'owner' AND active AND id <> $2 LIMIT 1`,
    [auth.orgId, before.id],
  );
  if (!others.rows.length) throw new AppError('LAST_OWNER');
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
    const r0 = await tx.query<UserRow>(`SELECT ${COLS} FROM users WHERE org_id = $1 AND id = $2`, [
      auth.orgId,
      id,
    ]);
    const before = r0.rows[0];
    if (!before) throw new AppError('NOT_FOUND');
    await checkOwnerRules(tx, auth, before, input);
    await checkUnit(tx, auth.orgId, input.unitId);
    const r = await tx.query<UserRow>(
      `UPDATE users SET name = COALESCE($3, name), role = COALESCE($4, role),
              unit_id = CASE WHEN $5 THEN $6::uuid ELSE unit_id END, active = COALESCE($7, active),
              updated_at = now()
        WHERE org_id = $1 AND id = $2 RETURNING ${COLS}`,
      [
        auth.orgId,
        id,
        input.name ?? null,
        input.role ?? null,
        input.unitId !== undefined,
        input.unitId ?? null,
        input.active ?? null,
      ],
    );
    if (input.active === false)
      await tx.query('DELETE FROM sessions WHERE org_id = $1 AND user_id = $2', [auth.orgId, id]);
    await audit(tx, auth, {
      action: 'update',
      entity: 'user',
      entityId: id,
      changes: diff({ ...before }, { ...input }),
    });
    return r.rows[0] as UserRow;
  });
}
