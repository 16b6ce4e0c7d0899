// SQL for API tokens (table api_tokens, migration 001). Every function takes the org id first.
import type { Sql } from '../../db/client';

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const COLS = 'id, name, scopes, created_at, last_used_at, revoked_at';

export async function listTokens(db: Sql, orgId: string): Promise<TokenRow[]> {
  const r = await db.query<TokenRow>(
    `SELECT ${COLS} FROM api_tokens WHERE org_id = $1 ORDER BY created_at DESC`,
    [orgId],
  );
  return r.rows;
}

export async function insertToken(
  db: Sql,
  orgId: string,
  t: { userId: string; name: string; tokenHash: string; scopes: string[] },
): Promise<TokenRow> {
  const r = await db.query<TokenRow>(
    `INSERT INTO api_tokens (org_id, user_id, name, token_hash, scopes) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${COLS}`,
    [orgId, t.userId, t.name, t.tokenHash, t.scopes],
  );
  return r.rows[0] as TokenRow;
}

/** Revokes (idempotently: the first revocation time stays); false when the token is unknown. */
export async function revokeToken(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}
