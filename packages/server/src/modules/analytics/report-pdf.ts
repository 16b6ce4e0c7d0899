// GET /api/analytics/surveys/:id/servqual.pdf: the SERVQUAL gap report printed by Chromium. The
// numbers are those of the JSON routes (servqualReport and leagueReport, same filters), so the PDF,
// the API and the screen cannot disagree.
import { type TSurveyDefinition, ZAnalyticsFilterSchema } from '@fidelia/contracts';
import { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { listUnits } from '../orgs/service';
import * as surveys from '../surveys/service';
import { htmlToPdf } from './pdf';
import { servqualReportHtml, type TReportLang } from './report-html';
import { leagueReport, servqualReport } from './service';

export const ZServqualPdfQuerySchema = ZAnalyticsFilterSchema.extend({
  lang: z.enum(['es', 'en']).default('es'),
});
export type TServqualPdfQuery = z.infer<typeof ZServqualPdfQuerySchema>;

/** The report's HTML (everything checked and computed; no Chromium involved). */
export async function servqualReportPage(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TServqualPdfQuery,
  now = new Date(),
): Promise<{ html: string; slug: string }> {
  const { lang, ...filter } = q;
  // 404 for an unknown survey, 400/404 for bad filters: both reports check them first.
  const survey = await surveys.getSurvey(db, auth, surveyId);
  const report = await servqualReport(db, auth, surveyId, filter);
  const league = await leagueReport(db, auth, surveyId, filter);
  const unitName = filter.unitId
    ? (await listUnits(db, auth.orgId)).find((u) => u.id === filter.unitId)?.name
    : undefined;
  const html = servqualReportHtml({
    lang: lang as TReportLang,
    surveyName: survey.name,
    definition: survey.definition as TSurveyDefinition,
    filters: { from: filter.from, to: filter.to, unitName, channel: filter.channel },
    report,
    league,
    generatedAt: now,
  });
  return { html, slug: survey.slug };
}

/** The PDF bytes and a file name for Content-Disposition. */
export async function servqualPdf(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TServqualPdfQuery,
  chromiumPath: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const { html, slug } = await servqualReportPage(db, auth, surveyId, q);
  const pdf = await htmlToPdf(html, chromiumPath);
  // The slug is the survey's URL name ([a-z0-9-]); anything else is dropped from the header.
  const safe = slug.replace(/[^a-z0-9-]/gi, '').slice(0, 60) || 'survey';
  const base = q.lang === 'en' ? 'servqual-report' : 'informe-servqual';
  return { pdf, filename: `${base}-${safe}.pdf` };
}
