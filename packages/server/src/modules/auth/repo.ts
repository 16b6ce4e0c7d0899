// SQL of the auth module (sessions, password_resets; users and orgs only through their published
// views). Writes take the org id first; the look-ups by session hash, reset token or user id run
// before the caller's org is known (that is what they find out).
import type { TMe } from '@fidelia/contracts';
import type { Sql } from '../../db/client';

/** The signed-in user and their org as the web app shows them; undefined when unknown. */
export async function meRow(db: Sql, userId: string): Promise<TMe | undefined> {
  const r = await db.query<TMe>(
    `SELECT u.id, u.email, u.name, u.role, u.org_id AS "orgId", o.name AS "orgName",
            u.unit_id AS "unitId", u.locale
       FROM pub_users u JOIN pub_orgs o ON o.id = u.org_id WHERE u.id = $1`,
    [userId],
  );
  return r.rows[0];
}

export async function insertSession(
  db: Sql,
  orgId: string,
  v: { idHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.query(
    'INSERT INTO sessions (org_id, id_hash, user_id, expires_at) VALUES ($1, $2, $3, $4)',
    [orgId, v.idHash, v.userId, v.expiresAt],
  );
}

/** Marks every unused reset link of the user as used. */
export async function endResetsOf(tx: Sql, orgId: string, userId: string): Promise<void> {
  await tx.query(
    `UPDATE password_resets SET used_at = now()
      WHERE org_id = $1 AND user_id = $2 AND used_at IS NULL`,
    [orgId, userId],
  );
}

/** Deletes every session of the user except `keepSessionHash` (null: keep none). */
export async function deleteSessionsExcept(
  tx: Sql,
  orgId: string,
  userId: string,
  keepSessionHash: string | null,
): Promise<void> {
  await tx.query(
    `DELETE FROM sessions WHERE org_id = $1 AND user_id = $2
        AND ($3::text IS NULL OR id_hash <> $3::text)`,
    [orgId, userId, keepSessionHash],
  );
}

export async function deleteSessionByHash(db: Sql, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

/** A reset link valid for one hour from now. */
export async function insertReset(
  db: Sql,
  orgId: string,
  v: { tokenHash: string; userId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO password_resets (org_id, token_hash, user_id, expires_at)
     VALUES ($1, $2, $3, now() + interval '1 hour')`,
    [orgId, v.tokenHash, v.userId],
  );
}

/** Claims an unused, unexpired reset token atomically (single use); undefined when none. */
export async function claimReset(
  tx: Sql,
  tokenHash: string,
): Promise<{ user_id: string; org_id: string } | undefined> {
  const r = await tx.query<{ user_id: string; org_id: string }>(
    `UPDATE password_resets SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, org_id`,
    [tokenHash],
  );
  return r.rows[0];
}
