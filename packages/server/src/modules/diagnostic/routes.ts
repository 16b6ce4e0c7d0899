// HTTP routes of the five-gap diagnostic (issue 16); the rules are in service.ts.
import {
  ZDiagnosticActionCreateSchema,
  ZDiagnosticActionListQuerySchema,
  ZDiagnosticActionPatchSchema,
  ZDiagnosticPdfQuerySchema,
  ZDiagnosticPromiseComplaintSchema,
  ZDiagnosticPromiseCreateSchema,
  ZDiagnosticPromisePatchSchema,
  ZDiagnosticQuerySchema,
  ZIdParamsSchema,
} from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_CHROMIUM_PATH } from '../../config';
import { WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { neutraliseRow } from '../../lib/tabular/neutralise';
import * as svc from './service';

const read = { access: 'authenticated' as const };
const write = { access: WRITERS };
const ZLinkParams = z.object({ id: z.uuid(), complaintId: z.uuid() });
const ZCausesCsvQuery = z.strictObject({
  surveyId: z.uuid(),
  unitId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const diagnosticRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  app.get(
    '/api/diagnostic',
    {
      config: read,
      schema: {
        summary:
          'The five-gap diagnostic of an org unit and period (missing evidence named per gap)',
        querystring: ZDiagnosticQuerySchema,
      },
    },
    (req) => svc.diagnose(db, authOf(req), req.query),
  );
  app.get(
    '/api/diagnostic/report.pdf',
    {
      config: read,
      schema: {
        summary: 'The five-gap diagnostic as a printable PDF (es/en), rendered by Chromium',
        querystring: ZDiagnosticPdfQuerySchema,
      },
    },
    async (req, reply) => {
      const r = await svc.diagnosticPdf(
        db,
        authOf(req),
        req.query,
        config.chromiumPath ?? DEFAULT_CHROMIUM_PATH,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${r.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(r.pdf);
    },
  );
  app.get(
    '/api/diagnostic/gap-causes.csv',
    {
      config: write,
      schema: {
        summary: 'Gap-causes answers in the `fidelia analyze gap-causes` input layout',
        querystring: ZCausesCsvQuery,
      },
    },
    async (req, reply) => {
      const { surveyId, ...q } = req.query;
      const t = await svc.causesTable(db, authOf(req), surveyId, q);
      const csv = stringify(
        [
          ['respondent_id', 'role', ...t.columns],
          ...t.rows.map((r) =>
            neutraliseRow([r.id, r.role ?? '', ...r.values.map((v) => v ?? '')]),
          ),
        ],
        { record_delimiter: '\n' },
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="gap-causes.csv"')
        .send(csv);
    },
  );

  // ------------------------------------------------------------------------- promises
  app.get(
    '/api/diagnostic/promises',
    { config: read, schema: { summary: 'Promises registry (gap 4)' } },
    (req) => svc.listPromises(db, authOf(req)),
  );
  app.post(
    '/api/diagnostic/promises',
    {
      config: write,
      schema: {
        summary: 'Record a promise (client-made id; a retry is a replay)',
        body: ZDiagnosticPromiseCreateSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.createPromise(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send({ ...r.promise, replay: r.replay });
    },
  );
  app.get(
    '/api/diagnostic/promises/:id',
    {
      config: read,
      schema: { summary: 'A promise with the complaints citing it', params: ZIdParamsSchema },
    },
    (req) => svc.getPromise(db, authOf(req), req.params.id),
  );
  app.patch(
    '/api/diagnostic/promises/:id',
    {
      config: write,
      schema: {
        summary: 'Change a promise',
        params: ZIdParamsSchema,
        body: ZDiagnosticPromisePatchSchema,
      },
    },
    (req) => svc.patchPromise(db, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/diagnostic/promises/:id',
    { config: write, schema: { summary: 'Remove a promise', params: ZIdParamsSchema } },
    async (req, reply) => {
      await svc.deletePromise(db, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/diagnostic/promises/:id/complaints',
    {
      config: write,
      schema: {
        summary: 'Link a complaint that cites the promise',
        params: ZIdParamsSchema,
        body: ZDiagnosticPromiseComplaintSchema,
      },
    },
    (req) => svc.linkComplaint(db, authOf(req), req.params.id, req.body.complaintId),
  );
  app.delete(
    '/api/diagnostic/promises/:id/complaints/:complaintId',
    {
      config: write,
      schema: { summary: 'Unlink a complaint from the promise', params: ZLinkParams },
    },
    (req) => svc.unlinkComplaint(db, authOf(req), req.params.id, req.params.complaintId),
  );

  // -------------------------------------------------------------------------- actions
  app.get(
    '/api/diagnostic/owners',
    { config: write, schema: { summary: 'People who may own a promise or an action' } },
    (req) => svc.listOwners(db, authOf(req)),
  );
  app.get(
    '/api/diagnostic/actions',
    {
      config: read,
      schema: {
        summary: 'Tracked diagnostic actions, with the next period gap 5 of closed ones',
        querystring: ZDiagnosticActionListQuerySchema,
      },
    },
    (req) => svc.listActions(db, authOf(req), req.query),
  );
  app.post(
    '/api/diagnostic/actions',
    {
      config: write,
      schema: {
        summary: 'Accept a ranked candidate as a tracked action (client-made id)',
        body: ZDiagnosticActionCreateSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.createAction(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send({ ...r.action, replay: r.replay });
    },
  );
  app.patch(
    '/api/diagnostic/actions/:id',
    {
      config: write,
      schema: {
        summary: 'Change owner, due date or status of an action',
        params: ZIdParamsSchema,
        body: ZDiagnosticActionPatchSchema,
      },
    },
    (req) => svc.patchAction(db, authOf(req), req.params.id, req.body),
  );
};
