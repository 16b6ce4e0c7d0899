import { ZCursorQuerySchema } from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { AppError } from '../../lib/errors';
import { listAudit } from './service';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    { config: { access: ADMINS }, schema: { querystring: ZCursorQuerySchema } },
    async (req) => {
      const { cursor, limit } = req.query;
      if (cursor && !/^[0-9T:.\-Z]+\|[0-9a-f-]{36}$/.test(cursor)) {
        throw new AppError('VALIDATION_FAILED', {
          issues: [{ path: 'cursor', message: 'invalid' }],
        });
      }
      return listAudit(app.deps.db, authOf(req).orgId, cursor, limit);
    },
  );
};
