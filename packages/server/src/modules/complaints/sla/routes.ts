// HTTP routes of the complaint SLAs (listed in modules/index.ts): calendars, unit calendars and
// policies (admins), recomputation, per-case status, notifications and compliance figures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, type Role } from '../../../lib/access';
import { authOf } from '../../../lib/auth-context';
import { AppError } from '../../../lib/errors';
import { publicBaseUrl } from '../../../lib/public-url';
import { caseFor } from '../service';
import {
  addBusinessTime,
  businessMinutesBetween,
  calendarProblems,
  compileCalendar,
} from './calendar';
import { BUILTIN_CALENDAR, BUILTIN_POLICIES } from './compute';
import {
  ZBadgesQuerySchema,
  ZCalendarSchema,
  ZComplianceQuerySchema,
  ZIdParams,
  ZNotificationsQuerySchema,
  ZPolicySchema,
  ZPreviewSchema,
  ZUnitCalendarSchema,
  ZUnitParams,
} from './schemas';
import * as svc from './service';
import { registerSla } from './timers';

const STAFF: readonly Role[] = ['owner', 'admin', 'analyst', 'agent'];
const REPORTS: readonly Role[] = ['owner', 'admin', 'analyst'];

export const complaintsSlaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const publicUrl = publicBaseUrl(config);
  registerSla({ db, mailer, publicUrl });
  const admin = { access: ADMINS };
  const base = '/api/complaints/sla';

  // ------------------------------------------------------------------------- calendars
  app.get(`${base}/calendars`, { config: { access: STAFF } }, async (req) => {
    return {
      ...(await svc.listCalendars(db, authOf(req).orgId)),
      /** Used when no unit calendar and no default calendar exist. */
      builtin: BUILTIN_CALENDAR,
    };
  });
  app.post(
    `${base}/calendars`,
    { config: admin, schema: { body: ZCalendarSchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.createCalendar(db, authOf(req).orgId, req.body)),
  );
  app.put(
    `${base}/calendars/:id`,
    { config: admin, schema: { params: ZIdParams, body: ZCalendarSchema } },
    (req) => svc.changeCalendar(db, authOf(req).orgId, req.params.id, req.body),
  );
  app.delete(
    `${base}/calendars/:id`,
    { config: admin, schema: { params: ZIdParams } },
    async (req, reply) => {
      await svc.removeCalendar(db, authOf(req).orgId, req.params.id);
      return reply.status(204).send();
    },
  );
  app.put(
    `${base}/units/:unitId/calendar`,
    { config: admin, schema: { params: ZUnitParams, body: ZUnitCalendarSchema } },
    (req) => svc.assignUnitCalendar(db, authOf(req).orgId, req.params.unitId, req.body.calendarId),
  );
  /** Due instant for a draft calendar (the calendar editor's live preview). */
  app.post(
    `${base}/preview`,
    { config: { access: STAFF }, schema: { body: ZPreviewSchema } },
    (req) => {
      const b = req.body;
      const problems = calendarProblems(b.calendar);
      if (problems.length) throw new AppError('SLA_CALENDAR_INVALID', { problems });
      const cal = compileCalendar(b.calendar);
      const start = Date.parse(b.start);
      const due = addBusinessTime(start, b.minutes, cal);
      return {
        due: new Date(due).toISOString(),
        businessMinutes: businessMinutesBetween(start, due, cal),
      };
    },
  );

  // ------------------------------------------------------------------------- policies
  app.get(`${base}/policies`, { config: { access: STAFF } }, async (req) => ({
    policies: await svc.listPolicies(db, authOf(req).orgId),
    /** Per-severity targets used when no policy matches a case. */
    builtin: Object.values(BUILTIN_POLICIES),
  }));
  app.post(
    `${base}/policies`,
    { config: admin, schema: { body: ZPolicySchema } },
    async (req, reply) =>
      reply.status(201).send(await svc.createPolicy(db, authOf(req).orgId, req.body)),
  );
  app.put(
    `${base}/policies/:id`,
    { config: admin, schema: { params: ZIdParams, body: ZPolicySchema } },
    (req) => svc.changePolicy(db, authOf(req).orgId, req.params.id, req.body),
  );
  app.delete(
    `${base}/policies/:id`,
    { config: admin, schema: { params: ZIdParams } },
    async (req, reply) => {
      await svc.removePolicy(db, authOf(req).orgId, req.params.id);
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------------------- operations
  app.post(`${base}/recompute`, { config: admin }, async (req, reply) => {
    const jobId = await svc.queueRecompute(db, authOf(req).orgId, 'manual');
    return reply.status(202).send({ jobId });
  });
  /** Progress/result of a queued recomputation (ids from the responses of the changes above). */
  app.get(`${base}/recompute/:id`, { config: admin, schema: { params: ZIdParams } }, (req) =>
    svc.recomputeState(db, authOf(req).orgId, req.params.id),
  );
  app.get(
    `${base}/notifications`,
    { config: { access: REPORTS }, schema: { querystring: ZNotificationsQuerySchema } },
    async (req) => ({
      notifications: await svc.listNotifications(db, authOf(req).orgId, req.query),
    }),
  );
  app.get(
    `${base}/badges`,
    { config: { access: 'authenticated' }, schema: { querystring: ZBadgesQuerySchema } },
    async (req) => ({ badges: await svc.slaBadges(db, authOf(req).orgId, req.query.ids) }),
  );
  app.get(
    `${base}/compliance`,
    { config: { access: REPORTS }, schema: { querystring: ZComplianceQuerySchema } },
    (req) => svc.complianceReport(db, authOf(req).orgId, req.query),
  );
  app.get(
    '/api/complaints/:id/sla',
    { config: { access: 'authenticated' }, schema: { params: ZIdParams } },
    async (req) => {
      const auth = authOf(req);
      await caseFor(db, auth, req.params.id); // 404 other orgs, 403 outside the caller's units
      return svc.slaStatus(db, auth.orgId, req.params.id);
    },
  );
};
