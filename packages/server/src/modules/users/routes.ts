import { ZCreateUserSchema, ZIdParamsSchema, ZUpdateUserSchema } from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { AppError } from '../../lib/errors';
import { createUser, listUsers, updateUser } from './service';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  app.get('/api/users', { config: { access: ADMINS } }, async (req) => ({
    items: await listUsers(db, authOf(req).orgId),
  }));
  app.post(
    '/api/users',
    { config: { access: ADMINS }, schema: { body: ZCreateUserSchema } },
    async (req, reply) => {
      const auth = authOf(req);
      if (req.body.role === 'owner' && auth.role !== 'owner') throw new AppError('OWNER_ONLY');
      const { user, password, declined } = await createUser(db, auth, req.body);
      // An address that has an account in another org: the answer looks like a success (no
      // leak, see createUser); only the operator's log says what happened.
      if (declined) req.log.info({ orgId: auth.orgId }, 'user not created: e-mail in another org');
      // The generated password is shown once, only when the admin did not choose one.
      return reply.status(201).send(req.body.password ? { user } : { user, password });
    },
  );
  app.patch(
    '/api/users/:id',
    { config: { access: ADMINS }, schema: { params: ZIdParamsSchema, body: ZUpdateUserSchema } },
    async (req) => updateUser(db, authOf(req), req.params.id, req.body),
  );
};
