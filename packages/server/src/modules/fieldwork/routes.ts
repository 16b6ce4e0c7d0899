// HTTP routes of the fieldwork module (registered in modules/index.ts): checklists, visit
// scheduling, the visit form's submit (shoppers and auditors), photos, review, corrective
// actions, reports and the agency import. Shoppers reach only the visit routes, and there only
// their own assignments (service.ts).
import multipart from '@fastify/multipart';
import {
  ZActionPatchSchema,
  ZAdhocVisitSchema,
  ZChecklistInputSchema,
  ZFieldworkReportQuerySchema,
  ZPhotoUploadSchema,
  ZReviewSchema,
  ZScheduleSchema,
  ZVisitListQuerySchema,
  ZVisitSubmitSchema,
} from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { AppError } from '../../lib/errors';
import { importVisits } from './import';
import * as svc from './service';

const ZId = z.object({ id: z.uuid() });
const ZPhoto = z.object({ id: z.uuid(), photoId: z.uuid() });
const FIELD: readonly Role[] = [...svc.AUDITORS, 'shopper'];
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const fieldworkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.deps;
  svc.configurePhotos({ maxBytes: config.attachmentMaxBytes });
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } });
  const read = { access: 'authenticated' as const };
  const managers = { access: svc.MANAGERS };
  const auditors = { access: svc.AUDITORS };
  const field = { access: FIELD };

  // ------------------------------------------------------------------------------ checklists
  app.get('/api/fieldwork/checklists', { config: read }, async (req) => ({
    items: await svc.listChecklists(db, authOf(req)),
  }));
  app.post(
    '/api/fieldwork/checklists',
    { config: managers, schema: { body: ZChecklistInputSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.createChecklist(db, authOf(req), req.body)),
  );
  app.get('/api/fieldwork/checklists/:id', { config: read, schema: { params: ZId } }, (req) =>
    svc.getChecklist(db, authOf(req), req.params.id),
  );
  app.put(
    '/api/fieldwork/checklists/:id',
    {
      config: managers,
      schema: {
        summary: 'Edit a checklist: item changes make a new version, past visits keep theirs',
        params: ZId,
        body: ZChecklistInputSchema.extend({ active: z.boolean().optional() }),
      },
    },
    (req) => svc.updateChecklist(db, authOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/fieldwork/checklists/:id/report',
    {
      config: read,
      schema: {
        summary: 'Visit scores of a checklist as `fidelia analyze audit` reports them',
        params: ZId,
        querystring: ZFieldworkReportQuerySchema.omit({ checklistId: true }),
      },
    },
    (req) => svc.checklistReport(db, authOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/fieldwork/checklists/:id/import',
    {
      config: managers,
      schema: {
        summary: "Import an agency's visit results (CSV/XLSX, the contract's visits layout)",
        params: ZId,
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const part = await req.file();
      if (part?.fieldname !== 'file') throw new AppError('FIELDWORK_IMPORT_FILE');
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
        throw new AppError('FIELDWORK_IMPORT_FILE');
      });
      return importVisits(db, authOf(req), req.params.id, part.filename, bytes);
    },
  );
  app.get('/api/fieldwork/people', { config: managers }, async (req) => ({
    items: await svc.assignableUsers(db, authOf(req)),
  }));

  // ------------------------------------------------------------------------------ visits
  app.get(
    '/api/fieldwork/visits',
    {
      config: { access: [...svc.AUDITORS, 'viewer', 'shopper'] as Role[] },
      schema: {
        summary: 'Visits in the caller scope (a shopper: only their own assignments)',
        querystring: ZVisitListQuerySchema,
      },
    },
    async (req) => ({ items: await svc.listVisits(db, authOf(req), req.query) }),
  );
  app.post(
    '/api/fieldwork/visits',
    { config: managers, schema: { summary: 'Schedule and assign visits', body: ZScheduleSchema } },
    async (req, reply) => {
      const r = await svc.schedule(db, authOf(req), req.body);
      return reply.status(r.created > 0 ? 201 : 200).send(r);
    },
  );
  app.post(
    '/api/fieldwork/audits',
    {
      config: auditors,
      schema: {
        summary: 'An internal audit made on the spot (client-made id)',
        body: ZAdhocVisitSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.createAndSubmit(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );
  app.get(
    '/api/fieldwork/visits/:id',
    { config: { access: [...FIELD, 'viewer'] as Role[] }, schema: { params: ZId } },
    (req) => svc.getVisit(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/fieldwork/visits/:id/submit',
    {
      config: field,
      schema: {
        summary: 'Send the answers of a visit (idempotent: the same answers again replay)',
        params: ZId,
        body: ZVisitSubmitSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.submit(db, authOf(req), req.params.id, req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );
  app.post(
    '/api/fieldwork/visits/:id/photos',
    {
      config: field,
      bodyLimit: 24 * 1024 * 1024,
      schema: {
        summary: 'Add an evidence or receipt photo (images only)',
        params: ZId,
        body: ZPhotoUploadSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.addPhoto(db, authOf(req), req.params.id, req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );
  app.get(
    '/api/fieldwork/visits/:id/photos/:photoId',
    { config: { access: [...FIELD, 'viewer'] as Role[] }, schema: { params: ZPhoto } },
    async (req, reply) => {
      const p = await svc.photoFor(db, authOf(req), req.params.id, req.params.photoId);
      return reply
        .header('content-type', p.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(Buffer.from(p.data));
    },
  );
  app.patch(
    '/api/fieldwork/visits/:id',
    {
      config: managers,
      schema: {
        summary: 'Reassign a visit that is still scheduled',
        params: ZId,
        body: z.object({ assigneeId: z.uuid().nullable() }).strict(),
      },
    },
    (req) => svc.reassignVisit(db, authOf(req), req.params.id, req.body.assigneeId),
  );
  app.post(
    '/api/fieldwork/visits/:id/review',
    {
      config: managers,
      schema: { summary: 'Approve or reject a submitted visit', params: ZId, body: ZReviewSchema },
    },
    (req) => svc.reviewVisit(db, authOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------------------------ actions
  app.get(
    '/api/fieldwork/actions',
    {
      config: read,
      schema: {
        summary: 'Corrective actions opened by failed items',
        querystring: z.object({
          status: z.enum(['open', 'done', 'verified']).optional(),
          overdue: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    async (req) => ({
      items: await svc.listActions(db, authOf(req), {
        ...(req.query.status ? { status: req.query.status } : {}),
        overdue: req.query.overdue === 'true',
      }),
    }),
  );
  app.patch(
    '/api/fieldwork/actions/:id',
    { config: auditors, schema: { params: ZId, body: ZActionPatchSchema } },
    (req) => svc.updateAction(db, authOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------------------------ reports
  app.get(
    '/api/fieldwork/summary',
    {
      config: read,
      schema: {
        summary: 'Unit and competitor visit scores, standard and item compliance',
        querystring: ZFieldworkReportQuerySchema,
      },
    },
    (req) => svc.summaryReport(db, authOf(req), req.query),
  );
};
