// HTTP routes for customers, custom fields and segments (see the agreed API doc).
import {
  ZCustomerCreateSchema,
  ZCustomerFiltersSchema,
  ZCustomerListQuerySchema,
  ZCustomerNoteCreateSchema,
  ZCustomerPatchSchema,
  ZCustomerSortSchema,
  ZCustomFieldSchema,
  ZSegmentCreateSchema,
  ZTimelinePageSchema,
  ZTimelineQuerySchema,
} from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { exportCsv, exportXlsx } from './export';
import { importRoutes } from './import/routes';
import * as svc from './service';

const ZIdParams = z.object({ id: z.string().max(64) });
// Same filters and sort as the list (the web page sends its whole filter state).
const ZExportQuery = ZCustomerFiltersSchema.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  sort: ZCustomerSortSchema.default('name'),
});

export const customersRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  const read = { access: 'authenticated' as const };
  const write = { access: WRITERS };

  app.get(
    '/api/customers',
    { config: read, schema: { querystring: ZCustomerListQuerySchema } },
    (req) => svc.list(db, authOf(req), req.query),
  );
  app.post(
    '/api/customers',
    { config: write, schema: { body: ZCustomerCreateSchema } },
    async (req, reply) => reply.status(201).send(await svc.create(db, authOf(req), req.body)),
  );
  app.get(
    '/api/customers/export',
    { config: read, schema: { querystring: ZExportQuery } },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      const q = { ...filters, limit: 200 };
      // Resolve the filters (unknown segment -> 404) before any byte is sent: once the stream
      // has started, an error can only cut the connection.
      await svc.list(db, authOf(req), { ...q, limit: 1 });
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'xlsx') {
        reply
          .header(
            'content-type',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename="clientes-${stamp}.xlsx"`);
        return reply.send(exportXlsx(db, authOf(req), q));
      }
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="clientes-${stamp}.csv"`);
      return reply.send(exportCsv(db, authOf(req), q));
    },
  );
  app.get('/api/customers/:id', { config: read, schema: { params: ZIdParams } }, (req) =>
    svc.get(db, authOf(req), req.params.id),
  );
  app.patch(
    '/api/customers/:id',
    { config: write, schema: { params: ZIdParams, body: ZCustomerPatchSchema } },
    (req) => svc.patch(db, authOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/customers/:id/timeline',
    {
      config: read,
      schema: {
        params: ZIdParams,
        querystring: ZTimelineQuerySchema,
        response: { 200: ZTimelinePageSchema },
      },
    },
    (req) => svc.timeline(db, authOf(req), req.params.id, req.query),
  );
  // Front-line agents note what a customer told them, so every role but viewers may write one.
  app.post(
    '/api/customers/:id/notes',
    {
      config: { access: ROLES.filter((r) => r !== 'viewer') },
      schema: { params: ZIdParams, body: ZCustomerNoteCreateSchema },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.addNote(db, authOf(req), req.params.id, req.body.body)),
  );
  app.get('/api/customers/:id/export', { config: write, schema: { params: ZIdParams } }, (req) =>
    svc.gdprExport(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/customers/:id/erase',
    { config: write, schema: { params: ZIdParams } },
    async (req, reply) => {
      await svc.erase(db, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get('/api/customer-fields', { config: read }, async (req) => ({
    items: await svc.fields.list(db, authOf(req)),
  }));
  app.post(
    '/api/customer-fields',
    { config: write, schema: { body: ZCustomFieldSchema } },
    async (req, reply) => reply.status(201).send(await svc.fields.save(db, authOf(req), req.body)),
  );

  app.get('/api/segments', { config: read }, (req) => svc.segments.list(db, authOf(req)));
  app.post(
    '/api/segments',
    { config: write, schema: { body: ZSegmentCreateSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.segments.create(db, authOf(req), req.body)),
  );
  app.delete(
    '/api/segments/:id',
    { config: write, schema: { params: ZIdParams } },
    async (req, reply) => {
      await svc.segments.remove(db, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  await app.register(importRoutes);
};
