// API tokens for scripts: `fid_` + random, stored as sha256, shown once, revocable.
import { ZCreateTokenSchema, ZIdParamsSchema } from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { randomToken, sha256 } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';

interface Row {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const item = (r: Row) => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});
const COLS = 'id, name, scopes, created_at, last_used_at, revoked_at';

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  app.get('/api/tokens', { config: { access: ADMINS } }, async (req) => {
    const r = await db.query<Row>(
      `SELECT ${COLS} FROM api_tokens WHERE org_id = $1 ORDER BY created_at DESC`,
      [authOf(req).orgId],
    );
    return { items: r.rows.map(item) };
  });
  app.post(
    '/api/tokens',
    { config: { access: ADMINS }, schema: { body: ZCreateTokenSchema } },
    async (req, reply) => {
      const auth = authOf(req);
      const token = `fid_${randomToken(24)}`;
      const out = await db.transaction(async (tx) => {
        const r = await tx.query<Row>(
          `INSERT INTO api_tokens (org_id, user_id, name, token_hash, scopes) VALUES ($1, $2, $3, $4, $5)
           RETURNING ${COLS}`,
          [auth.orgId, auth.userId, req.body.name, sha256(token), req.body.scopes],
        );
        const row = r.rows[0] as Row;
        await audit(tx, auth, {
          action: 'create',
          entity: 'api_token',
          entityId: row.id,
          changes: req.body,
        });
        return row;
      });
      return reply.status(201).send({ token, item: item(out) });
    },
  );
  app.delete(
    '/api/tokens/:id',
    { config: { access: ADMINS }, schema: { params: ZIdParamsSchema } },
    async (req, reply) => {
      const auth = authOf(req);
      await db.transaction(async (tx) => {
        const r = await tx.query(
          'UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE org_id = $1 AND id = $2 RETURNING id',
          [auth.orgId, req.params.id],
        );
        if (!r.rows.length) throw new AppError('NOT_FOUND');
        await audit(tx, auth, { action: 'revoke', entity: 'api_token', entityId: req.params.id });
      });
      return reply.status(204).send();
    },
  );
};
