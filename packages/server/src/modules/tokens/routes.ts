// HTTP routes for API tokens; the rules are in service.ts.
import { ZCreateTokenSchema, ZIdParamsSchema } from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { createToken, listTokens, revokeToken } from './service';

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  app.get('/api/tokens', { config: { access: ADMINS } }, async (req) => ({
    items: await listTokens(db, authOf(req).orgId),
  }));
  app.post(
    '/api/tokens',
    { config: { access: ADMINS }, schema: { body: ZCreateTokenSchema } },
    async (req, reply) => reply.status(201).send(await createToken(db, authOf(req), req.body)),
  );
  app.delete(
    '/api/tokens/:id',
    { config: { access: ADMINS }, schema: { params: ZIdParamsSchema } },
    async (req, reply) => {
      await revokeToken(db, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
