// The performance module's HTTP routes (registered in modules/index.ts): scorecards,
// compliments, recognition rules, nominations and the monthly board.
import {
  ZBoardQuerySchema,
  ZComplimentListQuerySchema,
  ZComplimentSchema,
  ZEvaluateSchema,
  ZNominationDecisionSchema,
  ZNominationSchema,
  ZRuleSchema,
  ZScorecardQuerySchema,
} from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, type Role, WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import * as svc from './service';

const ZIdParams = z.object({ id: z.string().max(64) });
/** Staff who meet customers and enter what they say (compliments). */
const STAFF: readonly Role[] = ['owner', 'admin', 'analyst', 'agent'];
const currentMonth = () => new Date().toISOString().slice(0, 7);

export const performanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  svc.registerRecognitionJob(db);
  const read = { access: 'authenticated' as const };

  app.get(
    '/api/performance/scorecard',
    {
      config: read,
      schema: {
        summary:
          'Scorecard of a unit (subtree) or staff member: surveys, visits, compliance, complaints, compliments, monthly trend',
        querystring: ZScorecardQuerySchema,
      },
    },
    (req) => svc.scorecard(db, authOf(req), req.query),
  );

  // ------------------------------------------------------------------------ compliments
  app.get(
    '/api/performance/compliments',
    {
      config: read,
      schema: { summary: 'Compliments, newest first', querystring: ZComplimentListQuerySchema },
    },
    async (req) => ({ items: await svc.listCompliments(db, authOf(req), req.query) }),
  );
  app.post(
    '/api/performance/compliments',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Record a compliment (client-made id: a retry answers 200)',
        body: ZComplimentSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.addCompliment(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );

  // ------------------------------------------------------------------------------ rules
  app.get(
    '/api/performance/rules',
    { config: read, schema: { summary: 'Recognition rules' } },
    async (req) => ({ items: await svc.listRules(db, authOf(req).orgId) }),
  );
  app.post(
    '/api/performance/rules',
    {
      config: { access: ADMINS },
      schema: { summary: 'Create a recognition rule', body: ZRuleSchema },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createRule(db, authOf(req).orgId, req.body)),
  );
  app.put(
    '/api/performance/rules/:id',
    {
      config: { access: ADMINS },
      schema: { summary: 'Change a recognition rule', params: ZIdParams, body: ZRuleSchema },
    },
    (req) => svc.updateRule(db, authOf(req).orgId, req.params.id, req.body),
  );
  app.post(
    '/api/performance/evaluate',
    {
      config: { access: ADMINS },
      schema: {
        summary:
          'Evaluate the rules for a month now (idempotent: one award per person, rule and month)',
        body: ZEvaluateSchema,
      },
    },
    (req) => svc.evaluate(db, authOf(req).orgId, req.body.period),
  );

  // ------------------------------------------------------------------------ nominations
  app.get(
    '/api/performance/nominations',
    {
      config: read,
      schema: {
        summary: 'Nominations (managers: all; others: their own)',
        querystring: z.strictObject({
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
        }),
      },
    },
    async (req) => ({
      items: await svc.listNominations(db, authOf(req), req.query.status ?? null),
    }),
  );
  app.post(
    '/api/performance/nominations',
    {
      config: read,
      schema: { summary: 'Nominate a colleague (client-made id)', body: ZNominationSchema },
    },
    async (req, reply) => {
      const r = await svc.nominate(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );
  app.post(
    '/api/performance/nominations/:id/decision',
    {
      config: { access: WRITERS },
      schema: {
        summary: 'Approve (awards the badge and points) or reject a nomination',
        params: ZIdParams,
        body: ZNominationDecisionSchema,
      },
    },
    (req) => svc.decideNomination(db, authOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------------------------ board
  app.get(
    '/api/performance/board',
    {
      config: read,
      schema: {
        summary: "The month's awards and points leaders (visible to all staff)",
        querystring: ZBoardQuerySchema,
      },
    },
    (req) => svc.board(db, authOf(req).orgId, req.query.period ?? currentMonth()),
  );
  app.get(
    '/api/performance/staff',
    { config: read, schema: { summary: 'Active staff (name and unit) for the pickers' } },
    async (req) => ({ items: await svc.staffDirectory(db, authOf(req).orgId) }),
  );
  app.get(
    '/api/performance/me/awards',
    { config: read, schema: { summary: "The caller's awards and points (ledger)" } },
    async (req) => ({ items: await svc.ledger(db, authOf(req).orgId, authOf(req).userId) }),
  );
};
