// Users of an org. Passwords hashed with argon2id; generated when not given (returned once).
import { hash } from '@node-rs/argon2';
import type { Sql } from '../../db/client';
import type { AuthContext, Role } from '../../lib/access';
import { randomToken } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { type Actor, audit, diff } from '../audit/service';

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

export async function listUsers(db: Sql, orgId: string): Promise<UserRow[]> {
  return (
    await db.query<UserRow>(
      `SELECT ${COLS} FROM users WHERE org_id = $1
        ORDER BY fid_name_key(coalesce(nullif(name, ''), email)) COLLATE "C", id`,
      [orgId],
    )
  ).rows;
}

async function checkUnit(db: Sql, orgId: string, unitId: string | null | undefined) {
  if (!unitId) return;
  const r = await db.query('SELECT 1 FROM org_units WHERE org_id = $1 AND id = $2', [
    orgId,
    unitId,
  ]);
  if (!r.rows.length) throw new AppError('NOT_FOUND', { field: 'unitId' });
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
): Promise<{ user: UserRow; password: string }> {
  const password = input.password ?? randomToken(12);
  const ph = await hashPassword(password);
  return db.transaction(async (tx) => {
    await checkUnit(tx, actor.orgId, input.unitId);
    const dup = await tx.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [input.email]);
    if (dup.rows.length) throw new AppError('CONFLICT', { field: 'email' });
    const r = await tx.query<UserRow>(
      `INSERT INTO users (org_id, email, name, role, unit_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLS}`,
      [actor.orgId, input.email, input.name, input.role, input.unitId ?? null, ph],
    );
    const user = r.rows[0] as UserRow;
    const { password: _p, ...shown } = input;
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: user.id, changes: shown });
    return { user, password };
  });
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
    // Only an owner may grant or change the owner role.
    if (
      (input.role === 'owner' || before.role === 'owner') &&
      auth.role !== 'owner' &&
      input.role !== undefined
    ) {
      throw new AppError('FORBIDDEN');
    }
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
