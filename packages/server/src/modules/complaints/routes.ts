// The complaints module's HTTP routes (registered in modules/index.ts).
// Public (no login, rate-limited per IP): the web form, the customer's follow-up link (status,
// decision on the response, "how did we handle it" rating). Staff: cases, classification,
// state machine, notes/messages, assignment, response, closing, trees, settings, reports.
// Inbound e-mail: SMTP listener when COMPLAINTS_SMTP_PORT is set; mbox import for admins.
import {
  ZAssignSchema,
  ZCategoryCreateSchema,
  ZCategoryPatchSchema,
  ZClassificationSchema,
  ZCloseSchema,
  ZComplaintExportQuerySchema,
  ZComplaintListQuerySchema,
  ZComplaintResponseSchema,
  ZComplaintSettingsSchema,
  ZConflictSchema,
  ZCustomerMatchSchema,
  ZDecisionSchema,
  ZMboxImportSchema,
  ZNoteSchema,
  ZPublicComplaintSchema,
  ZRatingSchema,
  ZReportQuerySchema,
  ZSavedViewSchema,
  ZStaffComplaintSchema,
  ZTransitionSchema,
  ZUnitManagerSchema,
} from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerJob } from '../../jobs/queue';
import { ADMINS, type Role } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { clamdScanner, noScanner } from '../../lib/malware';
import { publicBaseUrl } from '../../lib/public-url';
import { configureAttachments } from './attachments';
import * as conf from './config-service';
import { importMbox, startInboundSmtp } from './inbound';
import { retentionFollowupJob, submitPublic, submitStaff, surveyFollowupJob } from './intake';
import { listCsv, listXlsx } from './list-export';
import { mailJob } from './mail';
import * as reports from './reports';
import * as svc from './service';

const STAFF: readonly Role[] = ['owner', 'admin', 'analyst', 'agent'];
const ZId = z.object({ id: z.uuid() });
const ZSlug = z.object({ slug: z.string().min(1).max(80) });
const ZToken = z.object({ token: z.string().min(10).max(100) });
const ZAtt = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const exportName = (lang: 'es' | 'en') => (lang === 'es' ? 'reclamaciones' : 'complaints');

export const complaintsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const publicUrl = publicBaseUrl(config);
  registerJob(svc.COMPLAINT_MAIL_JOB, mailJob({ db, mailer, publicUrl }));
  registerJob('survey.followup', surveyFollowupJob(db));
  registerJob('retention.followup', retentionFollowupJob(db));

  configureAttachments({
    maxBytes: config.attachmentMaxBytes,
    scanner: config.clamdUrl ? clamdScanner(config.clamdUrl) : noScanner,
  });
  const inboundSmtp = config.complaintsSmtp;
  if (inboundSmtp) {
    let smtp: Awaited<ReturnType<typeof startInboundSmtp>> | null = null;
    app.addHook('onReady', async () => {
      smtp = await startInboundSmtp({
        db,
        port: inboundSmtp.port,
        host: inboundSmtp.host,
        defaultOrgSlug: inboundSmtp.orgSlug,
        log: app.log,
      });
      app.log.info({ port: smtp.port }, 'complaints inbound SMTP listening');
    });
    app.addHook('onClose', async () => {
      await smtp?.close();
    });
  }

  const perMinute = config.rateLimitComplaint;
  const pub = (max: number) => ({
    access: 'public' as const,
    rateLimit: { max, timeWindow: '1 minute' },
  });
  const read = { access: 'authenticated' as const };
  const staff = { access: STAFF };
  const admin = { access: ADMINS };

  // ------------------------------------------------------------------------------ public
  // the form shows the attachment limits and refuses too-large files before sending
  const attachmentLimits = { maxFiles: 3, maxBytes: config.attachmentMaxBytes };
  app.get(
    '/api/public/complaints/:slug',
    { config: pub(60), schema: { params: ZSlug } },
    async (req) => ({
      ...(await conf.publicForm(db, req.params.slug)),
      attachments: attachmentLimits,
    }),
  );
  app.post(
    '/api/public/complaints/:slug',
    {
      config: pub(perMinute),
      bodyLimit: 24 * 1024 * 1024,
      schema: { params: ZSlug, body: ZPublicComplaintSchema },
    },
    async (req, reply) => {
      const r = await submitPublic(db, req.params.slug, req.body);
      return reply.status('discarded' in r ? 202 : r.replay ? 200 : 201).send(r);
    },
  );
  app.get(
    '/api/public/complaint-links/:token',
    { config: pub(60), schema: { params: ZToken } },
    (req) => svc.publicView(db, req.params.token),
  );
  app.post(
    '/api/public/complaint-links/:token/decision',
    { config: pub(20), schema: { params: ZToken, body: ZDecisionSchema } },
    (req) => svc.publicDecision(db, req.params.token, req.body),
  );
  app.post(
    '/api/public/complaint-links/:token/rating',
    { config: pub(20), schema: { params: ZToken, body: ZRatingSchema } },
    (req) => svc.rate(db, req.params.token, req.body),
  );

  // ------------------------------------------------------------------------------ config
  app.get('/api/complaints/categories', { config: read }, (req) =>
    conf.listCategories(db, authOf(req)),
  );
  app.post(
    '/api/complaints/categories',
    { config: admin, schema: { body: ZCategoryCreateSchema } },
    async (req, reply) =>
      reply.status(201).send(await conf.createCategory(db, authOf(req), req.body)),
  );
  app.patch(
    '/api/complaints/categories/:id',
    { config: admin, schema: { params: ZId, body: ZCategoryPatchSchema } },
    (req) => conf.patchCategory(db, authOf(req), req.params.id, req.body),
  );
  app.get('/api/complaints/settings', { config: read }, (req) => conf.getSettings(db, authOf(req)));
  app.put(
    '/api/complaints/settings',
    { config: admin, schema: { body: ZComplaintSettingsSchema } },
    (req) => conf.saveSettings(db, authOf(req), req.body),
  );
  app.get('/api/complaints/public-form', { config: read }, (req) =>
    conf.publicFormLink(db, authOf(req), publicUrl),
  );
  app.get('/api/complaints/managers', { config: read }, (req) =>
    conf.listManagers(db, authOf(req)),
  );
  app.put(
    '/api/complaints/managers/:id',
    { config: admin, schema: { params: ZId, body: ZUnitManagerSchema } },
    (req) => conf.setManager(db, authOf(req), req.params.id, req.body.userId),
  );
  app.post(
    '/api/complaints/inbound/mbox',
    { config: admin, bodyLimit: 24 * 1024 * 1024, schema: { body: ZMboxImportSchema } },
    (req) => importMbox(db, authOf(req).orgId, req.body.mbox),
  );

  // ------------------------------------------------------------------------------ reports
  app.get(
    '/api/complaints/reports',
    { config: read, schema: { querystring: ZReportQuerySchema } },
    (req) => reports.report(db, authOf(req), req.query),
  );
  app.get(
    '/api/complaints/reports.csv',
    { config: read, schema: { querystring: ZReportQuerySchema } },
    async (req, reply) => {
      const csv = reports.reportCsv(await reports.report(db, authOf(req), req.query));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="informe-reclamaciones.csv"')
        .send(csv);
    },
  );
  app.get(
    '/api/complaints/export.csv',
    { config: read, schema: { querystring: ZReportQuerySchema } },
    (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="reclamaciones.csv"')
        .send(reports.casesCsv(db, authOf(req), req.query)),
  );

  app.get(
    '/api/complaints/export.xlsx',
    { config: read, schema: { querystring: ZReportQuerySchema } },
    (req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="reclamaciones.xlsx"')
        .send(reports.casesXlsx(db, authOf(req), req.query)),
  );

  // ------------------------------------------------------------------------------ list
  app.get(
    '/api/complaints/list.csv',
    { config: read, schema: { querystring: ZComplaintExportQuerySchema } },
    (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exportName(req.query.lang)}.csv"`)
        .send(listCsv(db, authOf(req), req.query, req.query.lang)),
  );
  app.get(
    '/api/complaints/list.xlsx',
    { config: read, schema: { querystring: ZComplaintExportQuerySchema } },
    (req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exportName(req.query.lang)}.xlsx"`)
        .send(listXlsx(db, authOf(req), req.query, req.query.lang)),
  );
  app.get('/api/complaints/views', { config: read }, (req) => svc.listViews(db, authOf(req)));
  app.post(
    '/api/complaints/views',
    { config: read, schema: { body: ZSavedViewSchema } },
    async (req, reply) => reply.status(201).send(await svc.saveView(db, authOf(req), req.body)),
  );
  app.delete('/api/complaints/views/:id', { config: read, schema: { params: ZId } }, (req) =>
    svc.deleteView(db, authOf(req), req.params.id),
  );

  // ------------------------------------------------------------------------------ cases
  app.get(
    '/api/complaints',
    { config: read, schema: { querystring: ZComplaintListQuerySchema } },
    (req) => svc.listCases(db, authOf(req), req.query),
  );
  app.post(
    '/api/complaints',
    { config: staff, bodyLimit: 24 * 1024 * 1024, schema: { body: ZStaffComplaintSchema } },
    async (req, reply) => {
      const r = await submitStaff(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );
  app.get('/api/complaints/staff', { config: staff }, (req) => svc.listStaff(db, authOf(req)));
  app.get('/api/complaints/:id', { config: read, schema: { params: ZId } }, (req) =>
    svc.getCaseDetail(db, authOf(req), req.params.id),
  );
  app.get('/api/complaints/:id/assignment', { config: read, schema: { params: ZId } }, (req) =>
    svc.assignmentView(db, authOf(req), req.params.id),
  );
  app.patch(
    '/api/complaints/:id',
    { config: staff, schema: { params: ZId, body: ZClassificationSchema } },
    (req) => svc.classify(db, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/customer-match',
    { config: staff, schema: { params: ZId, body: ZCustomerMatchSchema } },
    (req) => svc.answerCustomerMatch(db, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/transition',
    { config: staff, schema: { params: ZId, body: ZTransitionSchema } },
    (req) => svc.transition(db, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/notes',
    { config: staff, bodyLimit: 24 * 1024 * 1024, schema: { params: ZId, body: ZNoteSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.addNote(db, authOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/complaints/:id/assign',
    { config: staff, schema: { params: ZId, body: ZAssignSchema } },
    (req) => svc.assign(db, authOf(req), req.params.id, req.body.userId),
  );
  app.post(
    '/api/complaints/:id/conflict',
    { config: staff, schema: { params: ZId, body: ZConflictSchema } },
    (req) => svc.declareConflict(db, authOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/complaints/:id/response',
    { config: staff, schema: { params: ZId, body: ZComplaintResponseSchema } },
    (req) => svc.respond(db, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/decision',
    { config: staff, schema: { params: ZId, body: ZDecisionSchema } },
    (req) => svc.decide(db, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/complaints/:id/close',
    { config: staff, schema: { params: ZId, body: ZCloseSchema } },
    (req) => svc.close(db, authOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/complaints/:id/attachments/:attachmentId',
    { config: read, schema: { params: ZAtt } },
    async (req, reply) => {
      const a = await svc.attachmentFor(db, authOf(req), req.params.id, req.params.attachmentId);
      // Never rendered by the browser: download only, no sniffing, sandboxed if opened anyway.
      return reply
        .header('content-type', a.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header(
          'content-disposition',
          `attachment; filename="${a.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        )
        .send(Buffer.from(a.data));
    },
  );
};
