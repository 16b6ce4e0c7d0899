// The analytics module's HTTP routes (registered in modules/index.ts). API doc: docs/analytics.md.
// Every route is read-only, open to any signed-in role, within the caller's unit scope.
import {
  ZAnalyticsFilterSchema,
  ZComplaintsAnalyticsQuerySchema,
  ZComplaintsAnalyticsSchema,
  ZCsatQuerySchema,
  ZCsatReportSchema,
  ZDrillPageSchema,
  ZDrillQuerySchema,
  ZDriversReportSchema,
  ZInternalReportSchema,
  ZIpaReportSchema,
  ZKanoReportSchema,
  ZLeagueReportSchema,
  ZNpsQuerySchema,
  ZNpsReportSchema,
  ZOverviewQuerySchema,
  ZOverviewReportSchema,
  ZServqualReportSchema,
  ZTextQuerySchema,
  ZTextReportSchema,
  ZTrendQuerySchema,
  ZTrendReportSchema,
  ZValueReportSchema,
} from '@fidelia/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_CHROMIUM_PATH } from '../../config';
import { registerJob } from '../../jobs/queue';
import { authOf } from '../../lib/auth-context';
import { publicBaseUrl } from '../../lib/public-url';
import { complaintsReport } from './complaints-report';
import { DIGEST_JOB, getDigest, runDigest, setDigest } from './digest';
import { drillResponses } from './drill';
import { internalReport } from './internal';
import {
  complaintsReportPage,
  npsReportPage,
  overviewReportPage,
  printReport,
  prioritiesReportPage,
  servqualReportPage,
  type TReportPageOut,
  ZComplaintsPdfQuerySchema,
  ZNpsPdfQuerySchema,
  ZOverviewPdfQuerySchema,
  ZPrioritiesPdfQuerySchema,
  ZServqualPdfQuerySchema,
} from './report-pdf';
import * as svc from './service';
import { valueReport } from './value';

// A survey id that is not a uuid names no survey: 404 like an unknown one (not a 400).
const ZSurvey = z.object({ surveyId: z.string().max(64) });
const read = { access: 'authenticated' as const };

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const baseUrl = publicBaseUrl(config);
  registerJob(DIGEST_JOB, ({ week }, ctx) => runDigest(db, mailer, baseUrl, ctx.orgId, week));
  const base = '/api/analytics/surveys/:surveyId';
  // The PDF reports: the same access, filters and numbers as their JSON routes (report-pdf.ts).
  const chromium = config.chromiumPath ?? DEFAULT_CHROMIUM_PATH;
  const pdf = async (reply: FastifyReply, page: Promise<TReportPageOut>) => {
    const r = await printReport(page, chromium);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${r.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(r.pdf);
  };
  app.get(
    `${base}/servqual`,
    {
      config: read,
      schema: {
        summary: 'SERVQUAL gaps per item and dimension (as fidelia analyze servqual)',
        params: ZSurvey,
        querystring: ZAnalyticsFilterSchema,
        response: { 200: ZServqualReportSchema },
      },
    },
    (req) => svc.servqualReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/servqual.pdf`,
    {
      config: read,
      schema: {
        summary: 'The SERVQUAL gap report as a printable PDF (es/en), rendered by Chromium',
        params: ZSurvey,
        querystring: ZServqualPdfQuerySchema,
      },
    },
    (req, reply) => pdf(reply, servqualReportPage(db, authOf(req), req.params.surveyId, req.query)),
  );
  app.get(
    `${base}/nps`,
    {
      config: read,
      schema: {
        summary: 'NPS with its interval, optionally by group (as fidelia analyze nps)',
        params: ZSurvey,
        querystring: ZNpsQuerySchema,
        response: { 200: ZNpsReportSchema },
      },
    },
    (req) => svc.npsReportFor(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/nps.pdf`,
    {
      config: read,
      schema: {
        summary:
          'The NPS or CSAT report as a printable PDF (es/en): headline, trend with control limits, breakdowns',
        params: ZSurvey,
        querystring: ZNpsPdfQuerySchema,
      },
    },
    (req, reply) => pdf(reply, npsReportPage(db, authOf(req), req.params.surveyId, req.query)),
  );
  app.get(
    `${base}/kano`,
    {
      config: read,
      schema: {
        summary: 'Kano categories with Better/Worse (as fidelia analyze kano)',
        params: ZSurvey,
        querystring: ZAnalyticsFilterSchema,
        response: { 200: ZKanoReportSchema },
      },
    },
    (req) => svc.kanoReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/csat`,
    {
      config: read,
      schema: {
        summary: 'CSAT: mean and top-2-box share with a Wilson interval',
        params: ZSurvey,
        querystring: ZCsatQuerySchema,
        response: { 200: ZCsatReportSchema },
      },
    },
    (req) => svc.csatReportFor(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/trends`,
    {
      config: read,
      schema: {
        summary: 'NPS or CSAT by week, month or quarter with control limits and changes',
        params: ZSurvey,
        querystring: ZTrendQuerySchema,
        response: { 200: ZTrendReportSchema },
      },
    },
    (req) => svc.trendReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/ipa`,
    {
      config: read,
      schema: {
        summary: 'Importance-performance grid of the SERVQUAL dimensions',
        params: ZSurvey,
        querystring: ZAnalyticsFilterSchema,
        response: { 200: ZIpaReportSchema },
      },
    },
    (req) => svc.ipaReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/priorities.pdf`,
    {
      config: read,
      schema: {
        summary:
          'The priorities report as a printable PDF (es/en): importance–performance grid, key drivers, Kano',
        params: ZSurvey,
        querystring: ZPrioritiesPdfQuerySchema,
      },
    },
    (req, reply) =>
      pdf(reply, prioritiesReportPage(db, authOf(req), req.params.surveyId, req.query)),
  );
  app.get(
    `${base}/drivers`,
    {
      config: read,
      schema: {
        summary: 'Key drivers of NPS (or CSAT): relative weights of the SERVQUAL dimensions',
        params: ZSurvey,
        querystring: ZAnalyticsFilterSchema,
        response: { 200: ZDriversReportSchema },
      },
    },
    (req) => svc.driversReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/text`,
    {
      config: read,
      schema: {
        summary: 'Keywords of the open answers',
        params: ZSurvey,
        querystring: ZTextQuerySchema,
        response: { 200: ZTextReportSchema },
      },
    },
    (req) => svc.textReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/league`,
    {
      config: read,
      schema: {
        summary: 'SERVQUAL overall gap per org unit, best first',
        params: ZSurvey,
        querystring: ZAnalyticsFilterSchema,
        response: { 200: ZLeagueReportSchema },
      },
    },
    (req) => svc.leagueReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/responses`,
    {
      config: read,
      schema: {
        summary: 'Drill-down: the responses behind a chart element (same filters), newest first',
        params: ZSurvey,
        querystring: ZDrillQuerySchema,
        response: { 200: ZDrillPageSchema },
      },
    },
    (req) => drillResponses(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    '/api/analytics/overview',
    {
      config: read,
      schema: {
        summary: 'Overview: NPS, CSAT, SERVQUAL gap vs the previous period, channels, alerts',
        querystring: ZOverviewQuerySchema,
        response: { 200: ZOverviewReportSchema },
      },
    },
    (req) => svc.overview(db, authOf(req), req.query),
  );
  app.get(
    '/api/analytics/overview.pdf',
    {
      config: read,
      schema: {
        summary: 'The home overview as a printable PDF (es/en)',
        querystring: ZOverviewPdfQuerySchema,
      },
    },
    (req, reply) => pdf(reply, overviewReportPage(db, authOf(req), req.query)),
  );
  app.get(
    '/api/analytics/complaints',
    {
      config: read,
      schema: {
        summary:
          'Complaints report: trend, categories, Pareto of causes, units, channels, forms, SLA',
        querystring: ZComplaintsAnalyticsQuerySchema,
        response: { 200: ZComplaintsAnalyticsSchema },
      },
    },
    (req) => complaintsReport(db, authOf(req), req.query),
  );
  app.get(
    '/api/analytics/complaints.pdf',
    {
      config: read,
      schema: {
        summary: 'The complaints report as a printable PDF (es/en)',
        querystring: ZComplaintsPdfQuerySchema,
      },
    },
    (req, reply) => pdf(reply, complaintsReportPage(db, authOf(req), req.query)),
  );
  app.get(
    `${base}/internal`,
    {
      config: read,
      schema: {
        summary: 'Internal customers: serving unit x internal customer unit, mean rating with n',
        params: ZSurvey,
        querystring: ZAnalyticsFilterSchema,
        response: { 200: ZInternalReportSchema },
      },
    },
    (req) => internalReport(db, authOf(req), req.params.surveyId, req.query),
  );
  app.get(
    `${base}/value`,
    {
      config: read,
      schema: {
        summary:
          'Perceived value: benefits and value for money with intervals, by class by use, and the value models',
        params: ZSurvey,
        querystring: ZAnalyticsFilterSchema,
        response: { 200: ZValueReportSchema },
      },
    },
    (req) => valueReport(db, authOf(req), req.params.surveyId, req.query),
  );
  const ZDigest = z.object({ enabled: z.boolean() });
  app.get(
    '/api/analytics/digest',
    {
      config: read,
      schema: {
        summary: "The caller's weekly overview e-mail: on or off",
        response: { 200: ZDigest },
      },
    },
    (req) => getDigest(db, authOf(req)),
  );
  app.patch(
    '/api/analytics/digest',
    {
      config: read,
      schema: {
        summary: 'Switch the weekly overview e-mail on or off (sent on Mondays, 07:00 UTC)',
        body: z.strictObject({ enabled: z.boolean() }),
        response: { 200: ZDigest },
      },
    },
    (req) => setDigest(db, authOf(req), req.body.enabled),
  );
};
