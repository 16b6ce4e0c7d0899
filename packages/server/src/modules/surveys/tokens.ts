// Personal links: single-use tokens (only their SHA-256 is stored) with prefilled attributes.
// Links made for other modules are random; e-mail invitation tokens are HMAC(secret, id) so a
// reminder can rebuild the same link without the database holding it.
import type { TCustomer } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { hmac, randomToken, sha256 } from '../../lib/crypto';
import { AppError, registerErrors } from '../../lib/errors';
import * as customers from '../customers/service';
import * as repo from './repo';
import type { TInvitationRow } from './repo-tokens';
import * as sql from './repo-tokens';

registerErrors({
  SURVEY_TOKEN_INVALID: {
    status: 404,
    es: 'El enlace de la encuesta no es válido.',
    en: 'The survey link is not valid.',
  },
  SURVEY_TOKEN_USED: {
    status: 410,
    es: 'Este enlace ya se utilizó para responder.',
    en: 'This link has already been used to answer.',
  },
  SURVEY_TOKEN_EXPIRED: {
    status: 410,
    es: 'Este enlace ha caducado.',
    en: 'This link has expired.',
  },
});

export type { TInvitationRow };

export const inviteToken = (secret: string, id: string) => hmac(secret, `survey-invite:${id}`);
export const unsubscribeToken = (secret: string, id: string) => hmac(secret, `survey-unsub:${id}`);

/** A system caller for reading customers from jobs and other modules (whole org). */
export const systemAuth = (orgId: string, userId: string | null = null): AuthContext => ({
  orgId,
  userId: userId ?? '00000000-0000-0000-0000-000000000000',
  role: 'owner',
  unitId: null,
  email: 'system',
  via: 'session',
  scopes: [],
});

export function prefillOf(c: TCustomer): Record<string, string | number | boolean | null> {
  const first = c.kind === 'external' ? (c.name.split(/\s+/)[0] ?? c.name) : c.name;
  return { ...c.attributes, name: c.name, firstName: first, _unitId: c.unitId };
}

export async function insertInvitation(
  db: Sql,
  orgId: string,
  v: {
    id?: string;
    surveyId: string;
    customer: TCustomer;
    tokenHash: string;
    unsubscribeHash: string | null;
    channel: 'link' | 'email';
    language: 'es' | 'en';
    validDays: number;
    batchId: string | null;
    remindAfterDays?: number;
    createdBy: string | null;
  },
): Promise<{ id: string; expiresAt: string }> {
  const row = await sql.insertInvitationRow(db, orgId, {
    id: v.id ?? null,
    surveyId: v.surveyId,
    customerId: v.customer.id,
    batchId: v.batchId,
    tokenHash: v.tokenHash,
    unsubscribeHash: v.unsubscribeHash,
    channel: v.channel,
    language: v.language,
    attrs: prefillOf(v.customer),
    validDays: v.validDays,
    remindAfterDays: v.remindAfterDays ?? 0,
    createdBy: v.createdBy,
  });
  return { id: row.id, expiresAt: new Date(row.expires_at).toISOString() };
}

export async function logContact(
  db: Sql,
  orgId: string,
  v: { customerId: string; surveyId: string; invitationId: string; kind: string },
) {
  await sql.insertContact(db, orgId, v);
}

/**
 * A single-use personal link for one registry customer (e.g. complaints' "how did we handle
 * it" survey). Returns the raw token once; only its hash is stored. No consent/fatigue check:
 * the caller hands the link over itself.
 */
export async function createPersonalLink(
  db: Sql,
  orgId: string,
  surveyId: string,
  customerId: string,
  // publicUrl: lib/public-url's publicBaseUrl(config), the only source of link bases.
  opts: { publicUrl: string; validDays?: number; createdBy?: string | null },
): Promise<{ token: string; path: string; url: string; expiresAt: string; invitationId: string }> {
  const s = await repo.getSurvey(db, orgId, surveyId);
  if (!s) throw new AppError('NOT_FOUND');
  const c = await customers.get(db, systemAuth(orgId), customerId).catch(() => null);
  if (!c || c.status === 'erased') throw new AppError('SURVEY_CUSTOMER_INVALID');
  const token = randomToken(24);
  const inv = await db.transaction(async (tx) => {
    const i = await insertInvitation(tx, orgId, {
      surveyId,
      customer: c,
      tokenHash: sha256(token),
      unsubscribeHash: null,
      channel: 'link',
      language: c.language ?? 'es',
      validDays: opts.validDays ?? 60,
      batchId: null,
      createdBy: opts.createdBy ?? null,
    });
    await sql.markLinkSent(tx, orgId, i.id);
    await logContact(tx, orgId, { customerId, surveyId, invitationId: i.id, kind: 'link' });
    return i;
  });
  const path = `/s/t/${token}`;
  const base = opts.publicUrl.replace(/\/$/, '');
  return { token, path, url: `${base}${path}`, expiresAt: inv.expiresAt, invitationId: inv.id };
}

/** Public: the invitation a token opens (the token identifies the org). */
export async function invitationByToken(
  db: Sql,
  token: string,
  opts: { retryOf?: string } = {},
): Promise<TInvitationRow> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
    throw new AppError('SURVEY_TOKEN_INVALID', { field: 'token' });
  }
  const inv = await sql.invitationByTokenHash(db, sha256(token));
  if (!inv) throw new AppError('SURVEY_TOKEN_INVALID', { field: 'token' });
  // A retry of the submission that used the token replays instead of failing.
  if (inv.used_at && !(opts.retryOf && inv.response_id === opts.retryOf)) {
    throw new AppError('SURVEY_TOKEN_USED', { field: 'token' });
  }
  if (new Date(inv.expires_at).getTime() <= Date.now()) {
    throw new AppError('SURVEY_TOKEN_EXPIRED', { field: 'token' });
  }
  inv.attrs = Object.fromEntries(
    Object.entries(inv.attrs ?? {}).filter(([k]) => !k.startsWith('_')),
  );
  return inv;
}

export async function invitationUnit(db: Sql, orgId: string, id: string): Promise<string | null> {
  return sql.invitationUnitId(db, orgId, id);
}

export async function markOpened(db: Sql, orgId: string, id: string): Promise<void> {
  await sql.markInvitationOpened(db, orgId, id);
}

/** In the response's transaction: ties the response to the token; complete uses it up. */
export async function recordUse(
  tx: Sql,
  orgId: string,
  id: string,
  responseId: string,
  complete: boolean,
): Promise<void> {
  if (!(await sql.useInvitation(tx, orgId, id, responseId, complete)))
    throw new AppError('SURVEY_TOKEN_USED');
}
