// The surveys module's HTTP routes (registered in modules/index.ts). API doc: docs/surveys.md
// and docs/surveys.md. Public routes (respondents) are rate-limited per IP.
import { randomUUID } from 'node:crypto';
import {
  ZInvitationRequestSchema,
  ZPersonalLinksRequestSchema,
  ZResponseListQuerySchema,
  ZResponseSubmitSchema,
  ZStaffBatchSchema,
  ZStaffEntrySchema,
  ZSurveyCreateSchema,
  ZSurveyExportQuerySchema,
  ZSurveyExportSchema,
  ZSurveyOrgSettingsSchema,
  ZSurveyPatchSchema,
} from '@fidelia/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { renderSVG } from 'uqr';
import { z } from 'zod';
import { registerJob } from '../../jobs/queue';
import { ADMINS, type Role, WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { AppError, pickLang } from '../../lib/errors';
import { publicBaseUrl } from '../../lib/public-url';
import * as channels from './channels';
import * as match from './customer-match';
import { exportResponsesStream } from './export';
import { responseImportRoutes } from './import-responses/routes';
import * as outreach from './outreach';
import * as svc from './service';
import { createPersonalLink } from './tokens';
import * as hooks from './webhooks';
import { WEBHOOK_JOB, webhookJob } from './webhooks';

const STAFF: readonly Role[] = ['owner', 'admin', 'analyst', 'agent'];
const ZId = z.object({ id: z.string().max(64) });
const ZSlug = z.object({ slug: z.string().max(80) });
const ZToken = z.object({ token: z.string().max(200) });
const ZLang = z.strictObject({ lang: z.enum(['es', 'en']).optional() });
const DEVICE_COOKIE = 'fidelia_device';

export const surveysRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const publicUrl = publicBaseUrl(config);
  const deps = { db, mailer, secret: config.sessionSecret, publicUrl };
  registerJob(channels.INVITE_JOB, channels.inviteJob(deps));
  registerJob(channels.REMIND_JOB, channels.remindJob(deps));
  registerJob(
    WEBHOOK_JOB,
    webhookJob(db, (orgId, id) => svc.responsePayload(db, orgId, id), config.webhookAllowPrivate),
  );
  // historical waves (CSV/XLSX); own plugin so its multipart parser stays local
  await app.register(responseImportRoutes);

  const perMinute = config.rateLimitSurvey;
  const pub = (factor: number) => ({
    access: 'public' as const,
    rateLimit: { max: Math.max(1, Math.round(perMinute * factor)), timeWindow: '1 minute' },
  });
  const read = { access: 'authenticated' as const };
  const write = { access: WRITERS };
  const lang = (req: FastifyRequest) =>
    pickLang(req.cookies?.fidelia_lang, req.headers['accept-language']);
  const device = (req: FastifyRequest, reply: FastifyReply) => {
    const have = req.cookies[DEVICE_COOKIE];
    if (have && /^[A-Za-z0-9-]{8,64}$/.test(have)) return have;
    const id = randomUUID();
    reply.setCookie(DEVICE_COOKIE, id, {
      path: '/api/public/surveys',
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 365 * 86400,
    });
    return id;
  };

  // ---------------------------------------------------------------------------- staff side
  app.get('/api/surveys', { config: read }, (req) => svc.listSurveys(db, authOf(req)));
  app.get('/api/surveys/templates', { config: read }, () => svc.templates());
  app.post(
    '/api/surveys',
    { config: write, schema: { body: ZSurveyCreateSchema } },
    async (req, reply) => {
      const auth = authOf(req);
      const id = await svc.createSurvey(db, auth, req.body);
      return reply.status(201).send(await svc.getSurvey(db, auth, id));
    },
  );
  app.post(
    '/api/surveys/import',
    { config: write, schema: { body: ZSurveyExportSchema } },
    async (req, reply) => {
      const auth = authOf(req);
      const id = await svc.importSurvey(db, auth, req.body);
      return reply.status(201).send(await svc.getSurvey(db, auth, id));
    },
  );
  app.get('/api/surveys/:id', { config: read, schema: { params: ZId } }, (req) =>
    svc.getSurvey(db, authOf(req), req.params.id),
  );
  app.patch(
    '/api/surveys/:id',
    { config: write, schema: { params: ZId, body: ZSurveyPatchSchema } },
    (req) => svc.patchSurvey(db, authOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/surveys/:id/definition',
    {
      config: write,
      // the definition is validated by the service so errors name the exact field
      schema: {
        params: ZId,
        body: z.strictObject({ definition: z.record(z.string(), z.unknown()) }),
      },
    },
    (req) => svc.saveDefinition(db, authOf(req), req.params.id, req.body.definition),
  );
  app.post('/api/surveys/:id/publish', { config: write, schema: { params: ZId } }, (req) =>
    svc.publish(db, authOf(req), req.params.id),
  );
  app.get(
    '/api/surveys/:id/versions/:version',
    {
      config: read,
      schema: { params: z.object({ id: z.string().max(64), version: z.string().max(64) }) },
    },
    (req) => {
      const v = Number(req.params.version);
      if (!Number.isInteger(v) || v < 1) throw new AppError('NOT_FOUND');
      return svc.getVersion(db, authOf(req), req.params.id, v);
    },
  );
  app.get(
    '/api/surveys/:id/export.json',
    { config: read, schema: { params: ZId } },
    async (req, reply) => {
      const file = await svc.exportDefinition(db, authOf(req), req.params.id);
      reply.header('content-disposition', `attachment; filename="encuesta-${req.params.id}.json"`);
      return file;
    },
  );
  app.get(
    '/api/surveys/:id/responses',
    { config: read, schema: { params: ZId, querystring: ZResponseListQuerySchema } },
    (req) => svc.listResponses(db, authOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/surveys/:id/responses/:responseId',
    {
      config: read,
      schema: { params: z.object({ id: z.string().max(64), responseId: z.string().max(64) }) },
    },
    (req) => svc.getResponse(db, authOf(req), req.params.id, req.params.responseId),
  );
  const ZResponseParams = z.object({ id: z.string().max(64), responseId: z.string().max(64) });
  app.get(
    '/api/surveys/:id/responses/:responseId/customer-suggestion',
    { config: read, schema: { params: ZResponseParams } },
    (req) => match.customerSuggestion(db, authOf(req), req.params.id, req.params.responseId),
  );
  app.post(
    '/api/surveys/:id/responses/:responseId/customer-match',
    {
      config: { access: STAFF },
      schema: {
        params: ZResponseParams,
        body: z.strictObject({ customerId: z.uuid(), link: z.boolean() }),
      },
    },
    (req) =>
      match.answerCustomerMatch(db, authOf(req), req.params.id, req.params.responseId, req.body),
  );
  app.post(
    '/api/surveys/:id/entries',
    { config: { access: STAFF }, schema: { params: ZId, body: ZStaffEntrySchema } },
    async (req, reply) => {
      const r = await svc.staffEntry(db, authOf(req), req.params.id, req.body);
      return reply
        .status(r.replay ? 200 : 201)
        .send({ id: r.id, status: r.status, replay: r.replay });
    },
  );
  app.post(
    '/api/surveys/:id/entries/batch',
    { config: { access: STAFF }, schema: { params: ZId, body: ZStaffBatchSchema } },
    (req) => svc.staffBatch(db, authOf(req), req.params.id, req.body.items, lang(req)),
  );
  app.post(
    '/api/surveys/:id/links',
    { config: write, schema: { params: ZId, body: ZPersonalLinksRequestSchema } },
    async (req) => {
      const auth = authOf(req);
      await svc.getSurvey(db, auth, req.params.id);
      const items = [];
      for (const customerId of req.body.customerIds) {
        const l = await createPersonalLink(db, auth.orgId, req.params.id, customerId, {
          validDays: req.body.validDays,
          publicUrl,
          createdBy: auth.userId,
        });
        items.push({ customerId, path: l.path, url: l.url, expiresAt: l.expiresAt });
      }
      return { items };
    },
  );
  app.post(
    '/api/surveys/:id/invitations',
    { config: write, schema: { params: ZId, body: ZInvitationRequestSchema } },
    async (req, reply) =>
      reply
        .status(202)
        .send(await channels.startInvitations(db, authOf(req), req.params.id, req.body)),
  );
  app.get('/api/surveys/:id/invitations', { config: read, schema: { params: ZId } }, (req) =>
    channels.invitationStats(db, authOf(req), req.params.id),
  );
  app.get('/api/surveys/:id/invitations/waves', { config: read, schema: { params: ZId } }, (req) =>
    outreach.listWaves(db, authOf(req), req.params.id),
  );
  app.post(
    '/api/surveys/:id/invitations/waves/:batchId/remind',
    {
      config: write,
      schema: { params: z.object({ id: z.string().max(64), batchId: z.string().max(64) }) },
    },
    (req) => outreach.remindWave(deps, authOf(req), req.params.id, req.params.batchId),
  );
  app.get(
    '/api/surveys/:id/customers',
    { config: read, schema: { params: ZId, querystring: outreach.ZCustomerSearchQuery } },
    (req) => outreach.searchCustomers(db, authOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/surveys/:id/qr.svg',
    {
      config: read,
      schema: {
        params: ZId,
        querystring: z.strictObject({
          channel: z.enum(['qr', 'kiosk', 'web', 'embed']).default('qr'),
          unitId: z.string().uuid().optional(),
        }),
      },
    },
    async (req, reply) => {
      const s = await svc.getSurvey(db, authOf(req), req.params.id);
      const u = req.query.unitId ? `&u=${req.query.unitId}` : '';
      const svg = renderSVG(`${publicUrl}/s/${s.slug}?c=${req.query.channel}${u}`, {
        ecc: 'M',
        border: 2,
      });
      return reply.header('content-type', 'image/svg+xml').send(svg);
    },
  );
  app.get(
    '/api/surveys/:id/export',
    { config: read, schema: { params: ZId, querystring: ZSurveyExportQuerySchema } },
    async (req, reply) => {
      const f = await exportResponsesStream(db, authOf(req), req.params.id, req.query);
      const stamp = new Date().toISOString().slice(0, 10);
      const name =
        req.query.format === 'spss_labels'
          ? 'respuestas.sps'
          : `respuestas-${req.query.shape}-${stamp}.${f.ext}`;
      return reply
        .header('content-type', f.type)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(f.body);
    },
  );

  app.get('/api/survey-settings', { config: read }, (req) =>
    channels.getOrgSettings(db, authOf(req).orgId),
  );
  app.put(
    '/api/survey-settings',
    { config: { access: ADMINS }, schema: { body: ZSurveyOrgSettingsSchema } },
    (req) => channels.putOrgSettings(db, authOf(req), req.body),
  );
  app.get('/api/survey-webhooks', { config: { access: ADMINS } }, async (req) => ({
    items: await hooks.listWebhooks(db, authOf(req).orgId),
  }));
  app.post(
    '/api/survey-webhooks',
    { config: { access: ADMINS }, schema: { body: hooks.ZWebhookCreateBody } },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await hooks.createWebhook(db, authOf(req).orgId, req.body, config.webhookAllowPrivate),
        ),
  );
  app.get(
    '/api/survey-webhooks/:id',
    { config: { access: ADMINS }, schema: { params: ZId } },
    (req) => hooks.getWebhook(db, authOf(req).orgId, req.params.id),
  );
  app.patch(
    '/api/survey-webhooks/:id',
    { config: { access: ADMINS }, schema: { params: ZId, body: hooks.ZWebhookPatchBody } },
    (req) =>
      hooks.updateWebhook(
        db,
        authOf(req).orgId,
        req.params.id,
        req.body,
        config.webhookAllowPrivate,
      ),
  );
  app.post(
    '/api/survey-webhooks/:id/rotate-secret',
    { config: { access: ADMINS }, schema: { params: ZId } },
    (req) => hooks.rotateSecret(db, authOf(req).orgId, req.params.id),
  );
  app.post(
    '/api/survey-webhooks/:id/test',
    { config: { access: ADMINS }, schema: { params: ZId } },
    (req) => hooks.sendTest(db, authOf(req).orgId, req.params.id, config.webhookAllowPrivate),
  );
  app.delete(
    '/api/survey-webhooks/:id',
    { config: { access: ADMINS }, schema: { params: ZId } },
    async (req, reply) => {
      await hooks.deleteWebhook(db, authOf(req).orgId, req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/survey-webhooks/:id/deliveries',
    { config: { access: ADMINS }, schema: { params: ZId } },
    (req) => hooks.listDeliveries(db, authOf(req).orgId, req.params.id),
  );
  app.post(
    '/api/survey-webhooks/:id/deliveries/:deliveryId/retry',
    {
      config: { access: ADMINS },
      schema: { params: z.object({ id: z.string().max(64), deliveryId: z.string().max(64) }) },
    },
    (req) => hooks.retryDelivery(db, authOf(req).orgId, req.params.id, req.params.deliveryId),
  );

  // ---------------------------------------------------------------------------- public side
  // The respondent page is its own small bundle (respond.html): served directly for /s/* so a
  // phone never downloads the app shell first. Not an API route (no JSON, no access rule).
  app.get('/s/*', { schema: { hide: true } }, (_req, reply) => {
    if (typeof reply.sendFile !== 'function') throw new AppError('NOT_FOUND');
    return reply
      .header('cache-control', 'no-cache')
      .sendFile('respond.html', { cacheControl: false });
  });
  app.get(
    '/api/public/surveys/t/:token',
    { config: pub(2), schema: { params: ZToken, querystring: ZLang } },
    (req) =>
      svc.publicByToken(db, req.params.token, {
        lang: req.query.lang,
        acceptLanguage: req.headers['accept-language'],
      }),
  );
  app.post(
    '/api/public/surveys/t/:token/responses',
    { config: pub(1), schema: { params: ZToken, body: ZResponseSubmitSchema } },
    async (req, reply) => {
      const r = await svc.submitByToken(db, req.params.token, req.body);
      const { completedNow: _c, ...out } = r;
      return reply.status(r.replay ? 200 : 201).send(out);
    },
  );
  app.get(
    '/api/public/surveys/:slug',
    { config: pub(2), schema: { params: ZSlug, querystring: ZLang } },
    async (req, reply) => {
      device(req, reply);
      return svc.publicSurvey(db, req.params.slug, {
        lang: req.query.lang,
        acceptLanguage: req.headers['accept-language'],
      });
    },
  );
  app.post(
    '/api/public/surveys/:slug/responses',
    { config: pub(1), schema: { params: ZSlug, body: ZResponseSubmitSchema } },
    async (req, reply) => {
      const r = await svc.submitPublic(db, req.params.slug, req.body, {
        acceptLanguage: req.headers['accept-language'],
        deviceKey: req.cookies[DEVICE_COOKIE],
      });
      const { completedNow: _c, ...out } = r;
      return reply.status(r.replay ? 200 : 201).send(out);
    },
  );
  app.get(
    '/api/public/surveys/:slug/responses/:id',
    {
      config: pub(1),
      schema: { params: z.object({ slug: z.string().max(80), id: z.string().max(64) }) },
    },
    (req) => svc.resumePublic(db, req.params.slug, req.params.id),
  );
  app.get('/api/public/unsubscribe/:token', { config: pub(1), schema: { params: ZToken } }, (req) =>
    channels.unsubscribeStatus(db, req.params.token),
  );
  app.post(
    '/api/public/unsubscribe/:token',
    { config: pub(1), schema: { params: ZToken } },
    (req) => channels.unsubscribe(db, req.params.token),
  );
};
