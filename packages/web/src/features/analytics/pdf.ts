// Where each dashboard's PDF report is (server: analytics/report-pdf.ts): the view's own filters
// and choices in the JSON routes' parameter names, plus the UI language. Pure.
import { withQuery } from '../../api/client';
import type { TFmtLang } from '../../lib/format';
import { analyticsQuery, type TNpsGroupBy, type TTrendMetric, type TTrendPeriod } from './api';
import type { TFilters } from './filters';

const survey = (f: TFilters) => `/api/analytics/surveys/${encodeURIComponent(f.survey)}`;

export const pdfHref = {
  servqual: (f: TFilters, lang: TFmtLang) =>
    withQuery(`${survey(f)}/servqual.pdf`, { ...analyticsQuery(f), lang }),
  nps: (
    f: TFilters,
    lang: TFmtLang,
    v: { metric: TTrendMetric; period: TTrendPeriod; groupBy: TNpsGroupBy },
  ) => withQuery(`${survey(f)}/nps.pdf`, { ...analyticsQuery(f), ...v, lang }),
  priorities: (f: TFilters, lang: TFmtLang) =>
    withQuery(`${survey(f)}/priorities.pdf`, { ...analyticsQuery(f), lang }),
  overview: (f: TFilters, lang: TFmtLang) =>
    withQuery('/api/analytics/overview.pdf', { ...analyticsQuery(f), lang }),
  complaints: (f: Pick<TFilters, 'from' | 'to' | 'unit'>, lang: TFmtLang, period: string) =>
    withQuery('/api/analytics/complaints.pdf', {
      from: f.from,
      to: f.to,
      unitId: f.unit,
      period,
      lang,
    }),
};
