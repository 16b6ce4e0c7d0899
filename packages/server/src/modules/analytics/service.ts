// Analytics over stored survey answers (issue 11): the contract's servqual / nps / kano bodies
// (exactly what `fidelia analyze` prints for the survey's export, shaped by reports.ts), and
// CSAT, trends, IPA, key drivers, text themes, the overview and the branch league table.
//
// Two sources, one set of rules:
// - counts, sums, shares and Kano counts come from the aggregate table (migration 500) when
//   the period is whole days (`from`/`to` as dates or absent), else from the raw answers
//   through `dailyFromRaw`, which builds the very same rows;
// - statistics that need respondent-level rows (SERVQUAL intervals and alphas, drivers, CSAT
//   distribution, groups by language/segment, text) read the raw answers, filtered.
//
// The module's one public surface: the reports live in service-<concern>.ts files (filters,
// daily rows, contract reports, csat/trends, ipa/drivers/text/league, overview), re-exported here.

export { htmlToPdf } from './pdf';
// The aggregate tables' rebuild and size line (the CLI's `analytics rebuild`).
export { aggregateSummary, rebuildAggregates } from './repo-daily';
export { kanoReport, npsReportFor, servqualReport } from './service-contract';
export { csatFromAggregates, csatReportFor, periodOf, trendReport } from './service-csat-trends';
export { dailyRows, type TDailyRow, type TDims, wholeMonths } from './service-daily';
export { rawData, resolveFilter, type TScope } from './service-filters';
export { driversReport, ipaReport, leagueReport, textReport } from './service-ipa-league';
export { overview } from './service-overview';
