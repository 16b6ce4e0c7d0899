// Login, sessions, password reset. Session cookie = random id; only its sha256 is stored.

import type { TMe } from '@fidelia/contracts';
import { verify } from '@node-rs/argon2';
import type { Sql } from '../../db/client';
import { randomToken, sha256 } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import type { Mailer } from '../../mail/mailer';
import { audit } from '../audit/service';
import { activeUserByEmail, hashPassword, passwordHashOf, setPasswordHash } from '../users/service';
import * as repo from './repo';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
// Verifying against a real hash for unknown emails keeps response time similar (no user probe).
const DUMMY = hashPassword(randomToken(16));

export async function me(db: Sql, userId: string): Promise<TMe> {
  const m = await repo.meRow(db, userId);
  if (!m) throw new AppError('UNAUTHENTICATED');
  return m;
}

export async function login(db: Sql, email: string, password: string) {
  const u = await activeUserByEmail(db, email);
  const ok = await verify(u?.password_hash ?? (await DUMMY), password).catch(() => false);
  if (!u?.password_hash || !ok) throw new AppError('INVALID_CREDENTIALS');
  const sid = randomToken(32);
  await repo.insertSession(db, u.org_id, {
    idHash: sha256(sid),
    userId: u.id,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  });
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
  await repo.endResetsOf(tx, orgId, userId);
  await repo.deleteSessionsExcept(tx, orgId, userId, keepSessionHash);
}

export async function logout(db: Sql, idHash: string): Promise<void> {
  await repo.deleteSessionByHash(db, idHash);
}

export async function requestReset(db: Sql, mailer: Mailer, email: string, baseUrl: string) {
  const u = await activeUserByEmail(db, email);
  if (!u) return;
  const token = randomToken(32);
  await repo.insertReset(db, u.org_id, { tokenHash: sha256(token), userId: u.id });
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
    // Single use: the repo's UPDATE claims the token atomically.
    const row = await repo.claimReset(tx, sha256(token));
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
