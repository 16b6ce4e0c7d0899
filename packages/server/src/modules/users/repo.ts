// SQL of the users module (the users table). Every function takes the org id first and filters
// by it, except the two look-ups by login e-mail: an e-mail belongs to one account across orgs.
import type { Sql } from '../../db/client';
import type { Role } from '../../lib/access';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  active: boolean;
}
const COLS = 'id, email, name, role, unit_id AS "unitId", active';

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

export async function getUser(tx: Sql, orgId: string, id: string): Promise<UserRow | undefined> {
  const r = await tx.query<UserRow>(`SELECT ${COLS} FROM users WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return r.rows[0];
}

/**
 * A new user; undefined when the e-mail is taken. ON CONFLICT: a concurrent create of the same
 * address cannot turn into a unique-violation 409 that would say more than the caller's answers.
 */
export async function insertUser(
  tx: Sql,
  orgId: string,
  v: { email: string; name: string; role: Role; unitId: string | null; passwordHash: string },
): Promise<UserRow | undefined> {
  const r = await tx.query<UserRow>(
    `INSERT INTO users (org_id, email, name, role, unit_id, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${COLS}`,
    [orgId, v.email, v.name, v.role, v.unitId, v.passwordHash],
  );
  return r.rows[0];
}

/** The org whose account holds a login e-mail (any org), if any. */
export async function emailHolderOrg(tx: Sql, email: string): Promise<string | undefined> {
  const holder = await tx.query<{ org_id: string }>(
    'SELECT org_id FROM users WHERE lower(email) = lower($1)',
    [email],
  );
  return holder.rows[0]?.org_id;
}

/** Locks the org row (through its published view) for the rest of the transaction. */
export async function lockOrg(tx: Sql, orgId: string): Promise<void> {
  await tx.query('SELECT 1 FROM pub_orgs WHERE id = $1 FOR UPDATE', [orgId]);
}

/** The role of an active user as of now; undefined when inactive or unknown. */
export async function activeRole(
  tx: Sql,
  orgId: string,
  userId: string | null,
): Promise<Role | undefined> {
  const me = await tx.query<{ role: Role }>(
    'SELECT role FROM users WHERE org_id = $1 AND id = $2 AND active',
    [orgId, userId],
  );
  return me.rows[0]?.role;
}

export async function roleAndActive(
  tx: Sql,
  orgId: string,
  id: string,
): Promise<{ role: Role; active: boolean } | undefined> {
  return (
    await tx.query<{ role: Role; active: boolean }>(
      'SELECT role, active FROM users WHERE org_id = $1 AND id = $2',
      [orgId, id],
    )
  ).rows[0];
}

/** Whether the org has an active owner other than this user. */
export async function otherActiveOwner(tx: Sql, orgId: string, exceptId: string): Promise<boolean> {
  const others = await tx.query(
    `SELECT 1 FROM users WHERE org_id = $1 AND role = 'owner' AND active AND id <> $2 LIMIT 1`,
    [orgId, exceptId],
  );
  return others.rows.length > 0;
}

/** Applies an admin's edit: undefined fields keep their value, `unitId: null` clears the unit. */
export async function updateUserRow(
  tx: Sql,
  orgId: string,
  id: string,
  input: {
    name?: string | undefined;
    role?: Role | undefined;
    unitId?: string | null | undefined;
    active?: boolean | undefined;
  },
): Promise<UserRow | undefined> {
  const r = await tx.query<UserRow>(
    `UPDATE users SET name = COALESCE($3, name), role = COALESCE($4, role),
            unit_id = CASE WHEN $5 THEN $6::uuid ELSE unit_id END, active = COALESCE($7, active),
            updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING ${COLS}`,
    [
      orgId,
      id,
      input.name ?? null,
      input.role ?? null,
      input.unitId !== undefined,
      input.unitId ?? null,
      input.active ?? null,
    ],
  );
  return r.rows[0];
}

/**
 * Ends every session of a user (deactivation, in the same transaction). The sessions table is
 * auth's; auth imports users, so calling auth from here would be an import cycle (allow-listed in
 * test/table-ownership.test.ts; to move: a users -> auth listener).
 */
export async function deleteSessionsOf(tx: Sql, orgId: string, userId: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
}
