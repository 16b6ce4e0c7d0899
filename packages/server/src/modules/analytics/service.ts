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
import type { Sql } from '../../db/client';

export { kanoReport, npsReportFor, servqualReport } from './service-contract';
export { csatFromAggregates, csatReportFor, periodOf, trendReport } from './service-csat-trends';
export { dailyRows, type TDailyRow, type TDims, wholeMonths } from './service-daily';
export { rawData, resolveFilter, type TScope } from './service-filters';
export { driversReport, ipaReport, leagueReport, textReport } from './service-ipa-league';
export { overview } from './service-overview';

// ------------------------------------------------------------------------ aggregates

/** Recomputes the aggregate tables (all orgs when orgId is null) from the raw answers. */
export async function rebuildAggregates(db: Sql, orgId: string | null): Promise<void> {
  await db.query('SELECT fid_analytics_rebuild($1::uuid)', [orgId]);
}

/** Size of the aggregates after a rebuild (the CLI's report line): rows and complete responses. */
export async function aggregateSummary(
  db: Sql,
  orgId: string | null,
): Promise<{ rows: string; responses: string }> {
  const n = await db.query<{ rows: string; responses: string }>(
    `SELECT count(*) AS rows, coalesce(sum(n) FILTER (WHERE tag = ''), 0) AS responses
       FROM analytics_daily WHERE ($1::uuid IS NULL OR org_id = $1)`,
    [orgId],
  );
  return n.rows[0] ?? { rows: '0', responses: '0' };
}
export { htmlToPdf } from './pdf';
