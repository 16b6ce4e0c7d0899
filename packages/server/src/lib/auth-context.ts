// Resolves req.auth from the session cookie or a Bearer API token, checks CSRF for cookie
// sessions, then enforces the route's access declaration. Runs for every request centrally.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { type AuthContext, allows, type Role } from './access';
import { hmac, safeEqual, sha256 } from './crypto';
import { AppError } from './errors';

export const SESSION_COOKIE = 'fidelia_session';

interface Row {
  org_id: string;
  user_id: string;
  role: Role;
  unit_id: string | null;
  email: string;
  scopes?: string[];
}

export function csrfTokenFor(secret: string, sessionHash: string | null): string {
  return hmac(secret, `csrf:${sessionHash ?? 'anonymous'}`);
}

async function fromToken(db: Db, token: string): Promise<AuthContext | null> {
  const hash = sha256(token);
  const r = await db.query<Row>(
    `SELECT t.org_id, u.id AS user_id, u.role, u.unit_id, u.email, t.scopes
       FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.org_id = t.org_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`,
    [hash],
  );
  const row = r.rows[0];
  if (!row) return null;
  await db.query('UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1', [hash]);
  return {
    orgId: row.org_id,
    userId: row.user_id,
    role: row.role,
    unitId: row.unit_id,
    email: row.email,
    via: 'token',
    scopes: row.scopes ?? [],
  };
}

async function fromSession(db: Db, idHash: string): Promise<AuthContext | null> {
  const r = await db.query<Row>(
    `SELECT s.org_id, u.id AS user_id, u.role, u.unit_id, u.email
       FROM sessions s JOIN users u ON u.id = s.user_id AND u.org_id = s.org_id
      WHERE s.id_hash = $1 AND s.expires_at > now() AND u.active`,
    [idHash],
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    orgId: row.org_id,
    userId: row.user_id,
    role: row.role,
    unitId: row.unit_id,
    email: row.email,
    via: 'session',
    scopes: ['*'],
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installAuth(app: FastifyInstance, db: Db, secret: string): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionHash', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const access = req.routeOptions.config.access;
    if (!access) return; // non-API routes (static files)
    const bearer = /^Bearer\s+(fid_\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      req.auth = await fromToken(db, bearer);
      if (!req.auth && access !== 'public') throw new AppError('UNAUTHENTICATED');
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const idHash = sha256(cookie);
        req.auth = await fromSession(db, idHash);
        if (req.auth) req.sessionHash = idHash;
      }
      if (req.auth && !SAFE.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        const want = csrfTokenFor(secret, req.sessionHash);
        if (typeof sent !== 'string' || !safeEqual(sent, want)) throw new AppError('CSRF_INVALID');
      }
    }
    if (access === 'public') return;
    if (!req.auth) throw new AppError('UNAUTHENTICATED');
    // API token scopes: 'read' allows safe methods only, 'write' everything.
    if (req.auth.via === 'token' && !SAFE.has(req.method) && !req.auth.scopes.includes('write')) {
      throw new AppError('FORBIDDEN');
    }
    if (!allows(access, req.auth.role)) throw new AppError('FORBIDDEN');
  });
}

/** For handlers of non-public routes: the caller, guaranteed by the access hook. */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('UNAUTHENTICATED');
  return req.auth;
}
