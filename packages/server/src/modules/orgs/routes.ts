import { ZCreateOrgUnitSchema, ZIdParamsSchema, ZUpdateOrgUnitSchema } from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { createUnit, deleteUnit, listUnits, updateUnit } from './service';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  app.get('/api/org-units', { config: { access: 'authenticated' } }, async (req) => ({
    items: await listUnits(db, authOf(req).orgId),
  }));
  app.post(
    '/api/org-units',
    { config: { access: ADMINS }, schema: { body: ZCreateOrgUnitSchema } },
    async (req, reply) => reply.status(201).send(await createUnit(db, authOf(req), req.body)),
  );
  app.patch(
    '/api/org-units/:id',
    { config: { access: ADMINS }, schema: { params: ZIdParamsSchema, body: ZUpdateOrgUnitSchema } },
    async (req) => updateUnit(db, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/org-units/:id',
    { config: { access: ADMINS }, schema: { params: ZIdParamsSchema } },
    async (req, reply) => {
      await deleteUnit(db, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
