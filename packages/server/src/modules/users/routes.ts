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
      if (req.body.role === 'owner' && auth.role !== 'owner') throw new AppError('FORBIDDEN');
      const { user, password } = await createUser(db, auth, req.body);
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
