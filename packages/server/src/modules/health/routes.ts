import { ZHealthSchema } from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { latestMigration } from '../../db/migrate';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { response: { 200: ZHealthSchema } } },
    async () => ({
      status: 'ok' as const,
      engine: app.deps.db.engine,
      migration: await latestMigration(app.deps.db),
      version: app.deps.version,
    }),
  );
};
