// The analytics PDF reports (issue 11): GET /api/analytics/surveys/:id/servqual.pdf, …/nps.pdf,
// …/priorities.pdf, /api/analytics/overview.pdf and /api/analytics/complaints.pdf. Each takes
// its JSON routes' query plus `lang`, asks the very service functions those routes answer with
// (so the PDF, the API and the screen cannot disagree), builds the page with its pure pdf-*.ts
// file and prints it with Chromium (pdf.ts). Bad input fails before Chromium is looked for.
import {
  NPS_GROUP_BY,
  TREND_PERIODS,
  type TSurveyDefinition,
  ZAnalyticsFilterSchema,
  ZComplaintsAnalyticsQuerySchema,
  ZOverviewQuerySchema,
} from '@fidelia/contracts';
import { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { listUnits } from '../orgs/service';
import * as surveys from '../surveys/service';
import { complaintsReport } from './complaints-report';
import { htmlToPdf } from './pdf';
import { complaintsReportHtml } from './pdf-complaints';
import { type TReportLang, textIn } from './pdf-format';
import type { TReportFilters } from './pdf-layout';
import { npsReportHtml, type TNpsGroupBy } from './pdf-nps';
import { overviewReportHtml } from './pdf-overview';
import { prioritiesReportHtml } from './pdf-priorities';
import { servqualReportHtml } from './pdf-servqual';
import {
  csatReportFor,
  driversReport,
  ipaReport,
  kanoReport,
  leagueReport,
  npsReportFor,
  overview,
  servqualReport,
  trendReport,
} from './service';

const ZLang = z.enum(['es', 'en']).default('es');

export const ZServqualPdfQuerySchema = ZAnalyticsFilterSchema.extend({ lang: ZLang });
export type TServqualPdfQuery = z.infer<typeof ZServqualPdfQuerySchema>;
/** The priorities PDF (IPA, drivers, Kano) takes the plain filters too. */
export const ZPrioritiesPdfQuerySchema = ZServqualPdfQuerySchema;
export type TPrioritiesPdfQuery = TServqualPdfQuery;
/** nps.pdf: the NPS/CSAT screen's choices — measure, trend bucket and the breakdown shown. */
export const ZNpsPdfQuerySchema = ZAnalyticsFilterSchema.extend({
  lang: ZLang,
  metric: z.enum(['nps', 'csat']).default('nps'),
  period: z.enum(TREND_PERIODS).default('month'),
  groupBy: z.enum(NPS_GROUP_BY).default('unit'),
});
export type TNpsPdfQuery = z.infer<typeof ZNpsPdfQuerySchema>;
export const ZOverviewPdfQuerySchema = ZOverviewQuerySchema.extend({ lang: ZLang });
export type TOverviewPdfQuery = z.infer<typeof ZOverviewPdfQuerySchema>;
export const ZComplaintsPdfQuerySchema = ZComplaintsAnalyticsQuerySchema.extend({ lang: ZLang });
export type TComplaintsPdfQuery = z.infer<typeof ZComplaintsPdfQuerySchema>;

/** A report page ready to print, and the file's base name (no extension). */
export interface TReportPageOut {
  html: string;
  filename: string;
}

async function unitName(db: Sql, auth: AuthContext, unitId: string | undefined) {
  return unitId ? (await listUnits(db, auth.orgId)).find((u) => u.id === unitId)?.name : undefined;
}

function filtersOf(
  f: { from?: string; to?: string; channel?: string; segment?: string; language?: string },
  unitName: string | undefined,
): TReportFilters {
  return {
    from: f.from,
    to: f.to,
    unitName,
    channel: f.channel,
    segment: f.segment,
    language: f.language,
  };
}

/** "<base>-<slug>": the slug is the survey's URL name ([a-z0-9-]); anything else is dropped. */
function fileName(base: string, slug?: string): string {
  if (slug === undefined) return `${base}.pdf`;
  const safe = slug.replace(/[^a-z0-9-]/gi, '').slice(0, 60) || 'survey';
  return `${base}-${safe}.pdf`;
}

/** SERVQUAL gap report: servqualReport + leagueReport. */
export async function servqualReportPage(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TServqualPdfQuery,
  now = new Date(),
): Promise<TReportPageOut & { slug: string }> {
  const { lang, ...filter } = q;
  // 404 for an unknown survey, 400/404 for bad filters: the reports check them first.
  const survey = await surveys.getSurvey(db, auth, surveyId);
  const report = await servqualReport(db, auth, surveyId, filter);
  const league = await leagueReport(db, auth, surveyId, filter);
  const html = servqualReportHtml({
    lang: lang as TReportLang,
    surveyName: survey.name,
    definition: survey.definition as TSurveyDefinition,
    filters: filtersOf(filter, await unitName(db, auth, filter.unitId)),
    report,
    league,
    generatedAt: now,
  });
  const base = lang === 'en' ? 'servqual-report' : 'informe-servqual';
  return { html, slug: survey.slug, filename: fileName(base, survey.slug) };
}

/** NPS / CSAT report: npsReportFor or csatReportFor (headline and breakdowns) + trendReport. */
export async function npsReportPage(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TNpsPdfQuery,
  now = new Date(),
): Promise<TReportPageOut> {
  const { lang, metric, period, groupBy, ...filter } = q;
  const survey = await surveys.getSurvey(db, auth, surveyId);
  const head = (by?: TNpsGroupBy) =>
    metric === 'nps'
      ? npsReportFor(db, auth, surveyId, { ...filter, groupBy: by })
      : csatReportFor(db, auth, surveyId, { ...filter, groupBy: by });
  // The view's breakdown first, then by unit and by channel when those are not it.
  const bys = [...new Set<TNpsGroupBy>([groupBy, 'unit', 'channel'])];
  const breakdowns = [];
  for (const by of bys) breakdowns.push({ by, report: await head(by) });
  const total = breakdowns[0]?.report ?? (await head());
  const trend = await trendReport(db, auth, surveyId, { ...filter, metric, period });
  const html = npsReportHtml({
    lang,
    surveyName: survey.name,
    filters: filtersOf(filter, await unitName(db, auth, filter.unitId)),
    metric,
    head: total,
    trend,
    breakdowns,
    generatedAt: now,
  });
  const base = lang === 'en' ? `${metric}-report` : `informe-${metric}`;
  return { html, filename: fileName(base, survey.slug) };
}

/** Kano attribute -> its question's title in `lang` (as the Kano screen names them). */
export function kanoNames(def: TSurveyDefinition | undefined, lang: TReportLang) {
  const out = new Map<string, string>();
  for (const p of def?.pages ?? [])
    for (const qq of p.questions ?? [])
      if (qq.type === 'kano' && !out.has(qq.attribute))
        out.set(qq.attribute, textIn(qq.title as { es?: string; en?: string }, lang));
  return out;
}

/** Priorities: ipaReport + driversReport + kanoReport. */
export async function prioritiesReportPage(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TPrioritiesPdfQuery,
  now = new Date(),
): Promise<TReportPageOut> {
  const { lang, ...filter } = q;
  const survey = await surveys.getSurvey(db, auth, surveyId);
  const ipa = await ipaReport(db, auth, surveyId, filter);
  const drivers = await driversReport(db, auth, surveyId, filter);
  const kano = await kanoReport(db, auth, surveyId, filter);
  const html = prioritiesReportHtml({
    lang,
    surveyName: survey.name,
    filters: filtersOf(filter, await unitName(db, auth, filter.unitId)),
    ipa,
    drivers,
    kano,
    kanoNames: kanoNames(survey.definition as TSurveyDefinition, lang),
    generatedAt: now,
  });
  const base = lang === 'en' ? 'priorities-report' : 'informe-prioridades';
  return { html, filename: fileName(base, survey.slug) };
}

/** Home overview: overview(). */
export async function overviewReportPage(
  db: Sql,
  auth: AuthContext,
  q: TOverviewPdfQuery,
  now = new Date(),
): Promise<TReportPageOut> {
  const { lang, ...filter } = q;
  const report = await overview(db, auth, filter, now);
  const surveyName = filter.surveyId
    ? (await surveys.getSurvey(db, auth, filter.surveyId)).name
    : null;
  const html = overviewReportHtml({
    lang,
    surveyName,
    filters: filtersOf(filter, await unitName(db, auth, filter.unitId)),
    report,
    generatedAt: now,
  });
  const base = lang === 'en' ? 'cx-overview' : 'resumen-cx';
  return { html, filename: fileName(`${base}-${report.period.from}-${report.period.to}`) };
}

/** Complaints report: complaintsReport(). */
export async function complaintsReportPage(
  db: Sql,
  auth: AuthContext,
  q: TComplaintsPdfQuery,
  now = new Date(),
): Promise<TReportPageOut> {
  const { lang, ...filter } = q;
  const report = await complaintsReport(db, auth, filter);
  const html = complaintsReportHtml({
    lang,
    filters: filtersOf(filter, await unitName(db, auth, filter.unitId)),
    report,
    period: filter.period,
    generatedAt: now,
  });
  return {
    html,
    filename: fileName(lang === 'en' ? 'complaints-report' : 'informe-reclamaciones'),
  };
}

/** The PDF bytes of a built page and its file name for Content-Disposition. */
export async function printReport(
  page: Promise<TReportPageOut>,
  chromiumPath: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const { html, filename } = await page;
  return { pdf: await htmlToPdf(html, chromiumPath), filename };
}
