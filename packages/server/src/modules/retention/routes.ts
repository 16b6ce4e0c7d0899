// The retention module's HTTP routes (registered in modules/index.ts).
import multipart from '@fastify/multipart';
import {
  ZCohortQuerySchema,
  ZContractCreateSchema,
  ZLoyaltyJoinSchema,
  ZPointsSchema,
  ZRefitSchema,
  ZRetentionSettingsSchema,
  ZScoreListQuerySchema,
  ZWinbackSchema,
} from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, type Role, WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { AppError } from '../../lib/errors';
import { neutraliseRow } from '../../lib/tabular/neutralise';
import * as imports from './import';
import { listRuns, registerRefitJob, requestRefit } from './model';
import * as svc from './service';
import { getSettings } from './settings';

const MAX_BYTES = 50 * 1024 * 1024;
const ZIdParams = z.object({ id: z.string().max(64) });
/** Staff who act on customers (loyalty points, win-back). */
const STAFF: readonly Role[] = ['owner', 'admin', 'analyst', 'agent'];

export const retentionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, mailer } = app.deps;
  imports.registerTxImportJob(db);
  registerRefitJob(db, mailer);
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });
  const read = { access: 'authenticated' as const };
  const write = { access: WRITERS };
  const staff = { access: STAFF };

  // ---------------------------------------------------------------- transactions import
  app.post('/api/retention/imports', { config: write }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    const part = await req.file();
    if (part?.fieldname !== 'file') throw new AppError('TX_IMPORT_EMPTY');
    const bytes = await part.toBuffer().catch((e: { code?: string }) => {
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
      throw new AppError('TX_IMPORT_UNREADABLE');
    });
    return reply.status(201).send(await imports.upload(db, authOf(req), part.filename, bytes));
  });
  app.get('/api/retention/imports', { config: write }, async (req) => ({
    items: await imports.listImports(db, authOf(req).orgId),
  }));
  app.post(
    '/api/retention/imports/:id/run',
    { config: write, schema: { params: ZIdParams } },
    async (req, reply) =>
      reply.status(202).send(await imports.start(db, authOf(req), req.params.id)),
  );
  app.get('/api/retention/imports/:id', { config: write, schema: { params: ZIdParams } }, (req) =>
    imports.status(db, authOf(req).orgId, req.params.id),
  );
  app.get(
    '/api/retention/imports/:id/rejections.csv',
    { config: write, schema: { params: ZIdParams } },
    async (req, reply) => {
      const rows = await imports.rejectionRows(db, authOf(req).orgId, req.params.id);
      const csv = stringify(
        [
          ['row', 'column', 'value', 'reason'],
          ...rows.map((r) => [r.row, r.column, r.value, r.reason]),
        ].map(
          neutraliseRow, // the value is a cell of the uploaded file
        ),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rechazos-${req.params.id}.csv"`)
        .send(`\uFEFF${csv}`);
    },
  );

  // ---------------------------------------------------------------- model
  app.post(
    '/api/retention/model/refit',
    { config: write, schema: { body: ZRefitSchema } },
    async (req, reply) => reply.status(202).send(await requestRefit(db, authOf(req), req.body)),
  );
  app.get('/api/retention/model/runs', { config: read }, async (req) => ({
    items: await listRuns(db, authOf(req).orgId),
  }));
  app.get('/api/retention/overview', { config: read }, (req) => svc.overview(db, authOf(req)));
  app.get(
    '/api/retention/best',
    { config: read, schema: { querystring: ZScoreListQuerySchema } },
    (req) => svc.bestCustomers(db, authOf(req), req.query),
  );
  app.get(
    '/api/retention/at-risk',
    { config: read, schema: { querystring: ZScoreListQuerySchema } },
    (req) => svc.atRisk(db, authOf(req), req.query),
  );
  app.get(
    '/api/retention/cohorts',
    { config: read, schema: { querystring: ZCohortQuerySchema } },
    (req) => svc.cohorts(db, authOf(req), req.query.months),
  );
  app.get('/api/retention/customers/:id', { config: read, schema: { params: ZIdParams } }, (req) =>
    svc.customerView(db, authOf(req), req.params.id),
  );

  // ---------------------------------------------------------------- settings and tiers
  app.get('/api/retention/settings', { config: read }, (req) => getSettings(db, authOf(req).orgId));
  app.put(
    '/api/retention/settings',
    { config: { access: ADMINS }, schema: { body: ZRetentionSettingsSchema } },
    (req) => svc.saveSettings(db, authOf(req), req.body),
  );
  app.get('/api/retention/notifications', { config: read }, (req) =>
    svc.notifications(db, authOf(req)),
  );

  // ---------------------------------------------------------------- contracts
  app.post(
    '/api/retention/contracts',
    { config: write, schema: { body: ZContractCreateSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.createContract(db, authOf(req), req.body)),
  );

  // ---------------------------------------------------------------- loyalty
  app.get('/api/retention/loyalty/members', { config: read }, async (req) => ({
    items: await svc.listMembers(db, authOf(req)),
  }));
  app.post(
    '/api/retention/loyalty/members',
    { config: staff, schema: { body: ZLoyaltyJoinSchema } },
    async (req, reply) => {
      const r = await svc.joinLoyalty(db, authOf(req), req.body.customerId);
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );
  app.get(
    '/api/retention/loyalty/members/:id/ledger',
    { config: read, schema: { params: ZIdParams } },
    (req) => svc.ledger(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/retention/loyalty/members/:id/points',
    { config: staff, schema: { params: ZIdParams, body: ZPointsSchema } },
    async (req, reply) => {
      const r = await svc.addPoints(db, authOf(req), req.params.id, req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );

  // ---------------------------------------------------------------- win-back
  app.post(
    '/api/retention/winback',
    { config: staff, schema: { body: ZWinbackSchema } },
    async (req, reply) => reply.status(202).send(await svc.winback(db, authOf(req), req.body)),
  );
  app.get('/api/retention/winback', { config: read }, (req) => svc.listWinback(db, authOf(req)));
};
