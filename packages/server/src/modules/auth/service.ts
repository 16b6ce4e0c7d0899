// Login, sessions, password reset. Session cookie = random id; only its sha256 is stored.

import type { TMe } from '@fidelia/contracts';
import { verify } from '@node-rs/argon2';
import type { Sql } from '../../db/client';
import { randomToken, sha256 } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import type { Mailer } from '../../mail/mailer';
import { audit } from '../audit/service';
import { activeUserByEmail, hashPassword, passwordHashOf, setPasswordHash } from '../users/service';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
// Verifying against a real hash for unknown emails keeps response time similar (no user probe).
const DUMMY = hashPassword(randomToken(16));

export async function me(db: Sql, userId: string): Promise<TMe> {
  const r = await db.query<TMe>(
    `SELECT u.id, u.email, u.name, u.role, u.org_id AS "orgId", o.name AS "orgName",
            u.unit_id AS "unitId", u.locale
       FROM pub_users u JOIN pub_orgs o ON o.id = u.org_id WHERE u.id = $1`,
    [userId],
  );
  const m = r.rows[0];
  if (!m) throw new AppError('UNAUTHENTICATED');
  return m;
}

export async function login(db: Sql, email: string, password: string) {
  const u = await activeUserByEmail(db, email);
  const ok = await verify(u?.password_hash ?? (await DUMMY), password).catch(() => false);
  if (!u?.password_hash || !ok) throw new AppError('INVALID_CREDENTIALS');
  const sid = randomToken(32);
  await db.query(
    'INSERT INTO sessions (org_id, id_hash, user_id, expires_at) VALUES ($1, $2, $3, $4)',
    [u.org_id, sha256(sid), u.id, new Date(Date.now() + SESSION_TTL_MS)],
  );
  return { sid, user: await me(db, u.id) };
}

/**
 * Stores a new password hash and ends what the old password opened: every unused reset link and
 * every session of the user, except `keepSessionHash` (the session that changed it, if any).
 * Call inside the transaction that authorised the change.
 */
async function setPassword(
  tx: Sql,
  orgId: string,
  userId: string,
  passwordHash: string,
  keepSessionHash: string | null,
): Promise<void> {
  await setPasswordHash(tx, orgId, userId, passwordHash);
  await tx.query(
    `UPDATE password_resets SET used_at = now()
      WHERE org_id = $1 AND user_id = $2 AND used_at IS NULL`,
    [orgId, userId],
  );
  await tx.query(
    `DELETE FROM sessions WHERE org_id = $1 AND user_id = $2
        AND ($3::text IS NULL OR id_hash <> $3::text)`,
    [orgId, userId, keepSessionHash],
  );
}

export async function logout(db: Sql, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

export async function requestReset(db: Sql, mailer: Mailer, email: string, baseUrl: string) {
  const u = await activeUserByEmail(db, email);
  if (!u) return;
  const token = randomToken(32);
  await db.query(
    `INSERT INTO password_resets (org_id, token_hash, user_id, expires_at)
     VALUES ($1, $2, $3, now() + interval '1 hour')`,
    [u.org_id, sha256(token), u.id],
  );
  const link = `${baseUrl}/reset-password?token=${token}`;
  const es = u.locale !== 'en';
  await mailer.send({
    to: u.email,
    subject: es ? 'Fidelia: restablecer contraseña' : 'Fidelia: reset your password',
    text: `${es ? 'Usa este enlace (válido 1 hora):' : 'Use this link (valid for 1 hour):'}\n${link}\n\ntoken: ${token}\n`,
  });
}

export async function confirmReset(db: Sql, token: string, password: string): Promise<void> {
  const ph = await hashPassword(password);
  await db.transaction(async (tx) => {
    // Single use: the UPDATE claims the token atomically.
    const r = await tx.query<{ user_id: string; org_id: string }>(
      `UPDATE password_resets SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, org_id`,
      [sha256(token)],
    );
    const row = r.rows[0];
    if (!row) throw new AppError('RESET_TOKEN_INVALID');
    // Every other reset link and every session of the user end with it (keep: none).
    await setPassword(tx, row.org_id, row.user_id, ph, null);
    await audit(
      tx,
      { orgId: row.org_id, userId: row.user_id, email: null },
      {
        action: 'password_reset',
        entity: 'user',
        entityId: row.user_id,
      },
    );
  });
}

/**
 * A signed-in user changes their own password (current one required). All reset links and all
 * OTHER sessions of the user end; the session that made the change stays, so the user is not
 * logged out of the tab they are using (anyone else holding an old session is).
 */
export async function changePassword(
  db: Sql,
  auth: { orgId: string; userId: string; email: string },
  currentSessionHash: string | null,
  current: string,
  next: string,
): Promise<void> {
  const stored = await passwordHashOf(db, auth.orgId, auth.userId);
  const ok = stored ? await verify(stored, current).catch(() => false) : false;
  if (!ok) throw new AppError('CURRENT_PASSWORD_WRONG', { field: 'currentPassword' });
  const ph = await hashPassword(next);
  await db.transaction(async (tx) => {
    await setPassword(tx, auth.orgId, auth.userId, ph, currentSessionHash);
    await audit(tx, auth, { action: 'password_change', entity: 'user', entityId: auth.userId });
  });
}
