// The panels module's HTTP routes (registered in modules/index.ts).
import multipart from '@fastify/multipart';
import {
  ZAttendanceSchema,
  ZIncentiveSchema,
  ZInsightSchema,
  ZInviteSchema,
  ZMemberPatchSchema,
  ZPanelCreateSchema,
  ZPanelNoteSchema,
  ZPanelPatchSchema,
  ZRecruitSchema,
  ZRsvpSchema,
  ZSampleRequestSchema,
  ZSessionCreateSchema,
  ZSignupSchema,
} from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { AppError } from '../../lib/errors';
import { publicBaseUrl } from '../../lib/public-url';
import { incentivesCsv, incentivesXlsx } from './export';
import * as svc from './service';

const ZId = z.object({ id: z.string().max(64) });
const ZSlug = z.object({ slug: z.string().min(1).max(80) });
const ZToken = z.object({ token: z.string().min(10).max(100) });
const ZLang = z.object({ lang: z.enum(['es', 'en']).default('es') });
const ZThemesQuery = z.object({ panelId: z.string().max(64).optional() });
const ZUploadQuery = z.object({ themes: z.string().max(1300).optional() });

export const panelsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, mailer, config } = app.deps;
  const deps = { secret: config.sessionSecret, publicUrl: publicBaseUrl(config) };
  svc.registerPanelJobs(db, mailer, deps);
  await app.register(multipart, {
    limits: { fileSize: svc.TRANSCRIPT_MAX_BYTES + 1, files: 1, fields: 3 },
  });
  const read = { access: 'authenticated' as const };
  const write = { access: WRITERS };
  const pub = (max: number) => ({
    access: 'public' as const,
    rateLimit: { max, timeWindow: '1 minute' },
  });

  // ---------------------------------------------------------------- panels
  app.get('/api/panels', { config: read }, (req) => svc.listPanels(db, authOf(req)));
  app.post(
    '/api/panels',
    { config: write, schema: { body: ZPanelCreateSchema } },
    async (req, reply) => reply.status(201).send(await svc.createPanel(db, authOf(req), req.body)),
  );
  app.get('/api/panels/themes', { config: read, schema: { querystring: ZThemesQuery } }, (req) =>
    svc.themes(db, authOf(req), req.query.panelId),
  );
  app.get('/api/panels/insight-links', { config: read }, (req) =>
    svc.insightLinks(db, authOf(req)),
  );
  app.get('/api/panels/:id', { config: read, schema: { params: ZId } }, (req) =>
    svc.getPanel(db, authOf(req), req.params.id),
  );
  app.patch(
    '/api/panels/:id',
    { config: write, schema: { params: ZId, body: ZPanelPatchSchema } },
    (req) => svc.patchPanel(db, authOf(req), req.params.id, req.body),
  );

  // ---------------------------------------------------------------- members
  app.get('/api/panels/:id/members', { config: read, schema: { params: ZId } }, (req) =>
    svc.listMembers(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/panels/:id/members',
    { config: write, schema: { params: ZId, body: ZRecruitSchema } },
    (req) => svc.recruit(db, authOf(req), req.params.id, req.body),
  );
  app.get('/api/panel-members/:id', { config: read, schema: { params: ZId } }, (req) =>
    svc.getMember(db, authOf(req), req.params.id),
  );
  app.patch(
    '/api/panel-members/:id',
    { config: write, schema: { params: ZId, body: ZMemberPatchSchema } },
    (req) => svc.patchMember(db, authOf(req), req.params.id, req.body),
  );
  app.post('/api/panel-members/:id/withdraw', { config: write, schema: { params: ZId } }, (req) =>
    svc.withdrawMember(db, authOf(req), req.params.id),
  );
  app.post('/api/panel-members/:id/anonymise', { config: write, schema: { params: ZId } }, (req) =>
    svc.anonymiseMember(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/panel-members/:id/incentives',
    { config: write, schema: { params: ZId, body: ZIncentiveSchema } },
    async (req, reply) => {
      const r = await svc.addIncentive(db, authOf(req), req.params.id, req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );

  // ---------------------------------------------------------------- samples
  app.post(
    '/api/panels/:id/samples/preview',
    { config: write, schema: { params: ZId, body: ZSampleRequestSchema } },
    (req) => svc.previewSample(db, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/panels/:id/samples',
    { config: write, schema: { params: ZId, body: ZSampleRequestSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.saveSample(db, authOf(req), req.params.id, req.body)),
  );
  app.get('/api/panels/:id/samples', { config: read, schema: { params: ZId } }, (req) =>
    svc.listSamples(db, authOf(req), req.params.id),
  );

  // ---------------------------------------------------------------- incentives
  app.get('/api/panels/:id/incentives', { config: read, schema: { params: ZId } }, (req) =>
    svc.listIncentives(db, authOf(req), req.params.id),
  );
  app.get(
    '/api/panels/:id/incentives.csv',
    { config: write, schema: { params: ZId, querystring: ZLang } },
    async (req, reply) => {
      const rows = await svc.incentiveRows(db, authOf(req), req.params.id);
      const name = req.query.lang === 'es' ? 'incentivos' : 'incentives';
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(incentivesCsv(rows, req.query.lang));
    },
  );
  app.get(
    '/api/panels/:id/incentives.xlsx',
    { config: write, schema: { params: ZId, querystring: ZLang } },
    async (req, reply) => {
      const rows = await svc.incentiveRows(db, authOf(req), req.params.id);
      const name = req.query.lang === 'es' ? 'incentivos' : 'incentives';
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(incentivesXlsx(rows, req.query.lang));
    },
  );

  // ---------------------------------------------------------------- sessions
  app.get('/api/panels/:id/sessions', { config: read, schema: { params: ZId } }, (req) =>
    svc.listSessions(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/panels/:id/sessions',
    { config: write, schema: { params: ZId, body: ZSessionCreateSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.createSession(db, authOf(req), req.params.id, req.body)),
  );
  app.get('/api/panel-sessions/:id', { config: read, schema: { params: ZId } }, (req) =>
    svc.getSession(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/panel-sessions/:id/invitations',
    { config: write, schema: { params: ZId, body: ZInviteSchema } },
    async (req, reply) =>
      reply.status(202).send(await svc.invite(db, authOf(req), deps, req.params.id, req.body)),
  );
  app.put(
    '/api/panel-sessions/:id/attendance',
    { config: write, schema: { params: ZId, body: ZAttendanceSchema } },
    (req) => svc.setAttendance(db, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/panel-sessions/:id/notes',
    { config: write, schema: { params: ZId, body: ZPanelNoteSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.addNote(db, authOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/panel-sessions/:id/transcripts',
    { config: write, schema: { params: ZId, querystring: ZUploadQuery } },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const auth = authOf(req);
      const part = await req.file();
      if (part?.fieldname !== 'file') throw new AppError('PANEL_TRANSCRIPT_EMPTY');
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PANEL_TRANSCRIPT_TOO_LARGE');
        throw new AppError('PANEL_TRANSCRIPT_NOT_TEXT');
      });
      const body = svc.transcriptText(bytes);
      const themes = (req.query.themes ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .slice(0, 20)
        .map((t) => t.slice(0, 60));
      return reply.status(201).send(
        await svc.addNote(db, auth, req.params.id, {
          body,
          themes,
          kind: 'transcript',
          fileName: part.filename.slice(0, 200),
        }),
      );
    },
  );
  app.post(
    '/api/panel-sessions/:id/insights',
    { config: write, schema: { params: ZId, body: ZInsightSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.addInsight(db, authOf(req), req.params.id, req.body)),
  );

  // ---------------------------------------------------------------- public
  app.get('/api/public/panels/:slug', { config: pub(60), schema: { params: ZSlug } }, (req) =>
    svc.signupForm(db, req.params.slug),
  );
  app.post(
    '/api/public/panels/:slug',
    { config: pub(10), schema: { params: ZSlug, body: ZSignupSchema } },
    async (req, reply) =>
      reply.status(202).send(await svc.signup(db, deps.secret, req.params.slug, req.body)),
  );
  app.post(
    '/api/public/panel-signups/:token/confirm',
    { config: pub(20), schema: { params: ZToken } },
    (req) => svc.confirmSignup(db, req.params.token),
  );
  app.get(
    '/api/public/panel-invites/:token',
    { config: pub(60), schema: { params: ZToken } },
    (req) => svc.invitation(db, req.params.token),
  );
  app.post(
    '/api/public/panel-invites/:token',
    { config: pub(20), schema: { params: ZToken, body: ZRsvpSchema } },
    (req) => svc.rsvp(db, req.params.token, req.body),
  );
  app.post(
    '/api/public/panel-invites/:token/withdraw',
    { config: pub(20), schema: { params: ZToken } },
    (req) => svc.withdrawByToken(db, req.params.token),
  );
};
