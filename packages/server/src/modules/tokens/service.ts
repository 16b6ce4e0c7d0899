// API tokens for scripts: `fid_` + random, stored as sha256, shown once, revocable.
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { randomToken, sha256 } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import * as repo from './repo';

export interface TokenItem {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const item = (r: repo.TokenRow): TokenItem => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: iso(r.created_at),
  lastUsedAt: r.last_used_at ? iso(r.last_used_at) : null,
  revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
});

export async function listTokens(db: Sql, orgId: string): Promise<TokenItem[]> {
  return (await repo.listTokens(db, orgId)).map(item);
}

/** Creates a token; the secret is returned this once and only its hash is stored. */
export async function createToken(
  db: Sql,
  auth: AuthContext,
  input: { name: string; scopes: string[] },
): Promise<{ token: string; item: TokenItem }> {
  const token = `fid_${randomToken(24)}`;
  const row = await db.transaction(async (tx) => {
    const row = await repo.insertToken(tx, auth.orgId, {
      userId: auth.userId,
      name: input.name,
      tokenHash: sha256(token),
      scopes: input.scopes,
    });
    await audit(tx, auth, {
      action: 'create',
      entity: 'api_token',
      entityId: row.id,
      changes: input,
    });
    return row;
  });
  return { token, item: item(row) };
}

export async function revokeToken(db: Sql, auth: AuthContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await repo.revokeToken(tx, auth.orgId, id))) throw new AppError('NOT_FOUND');
    await audit(tx, auth, { action: 'revoke', entity: 'api_token', entityId: id });
  });
}
