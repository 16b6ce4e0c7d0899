// Export SQL: the response filter of an export, keyset batches of responses in export order
// (created_at, id) on survey_responses_survey (org_id, survey_id, created_at, id), each response
// with its answers.
import type { Sql } from '../../db/client';
import { and, over, params } from '../../db/params';

export interface TExportFilter {
  where: string;
  params: unknown[];
}

/** The survey's responses, by status ('all' = any), version and unit scope (null = all). */
export function exportFilter(
  orgId: string,
  surveyId: string,
  q: { status: string; version?: number | undefined; unitIds: readonly string[] | null },
): TExportFilter {
  const p = params(orgId, surveyId);
  const where = and(
    'r.org_id = $1 AND r.survey_id = $2',
    q.status !== 'all' && `r.status = ${p.add(q.status)}`,
    !!q.version && `r.version = ${p.add(q.version)}`,
    q.unitIds && `r.org_unit_id = ANY(${p.add(q.unitIds, 'uuid[]')})`,
  );
  return { where, params: p.values };
}

/** One answer as the batch query aggregates it: [question_key, item, tag, num, txt]. num is a
 * JSON number, or the text 'NaN' / 'Infinity' / '-Infinity' JSON has no number for. */
export type TExportAnswer = [string, string, string | null, number | string | null, string | null];

export interface TExportResponseRow {
  id: string;
  /** created_at as text: its microseconds survive the round trip as the next cursor */
  cursor: string;
  status: string;
  version: number;
  channel: string;
  language: string;
  customer_id: string | null;
  unit: string | null;
  entered_by: string | null;
  started_at: Date | null;
  submitted_at: Date | null;
  duplicate_of: string | null;
  /** the response's answers in (question_key, item) order; null when it has none */
  answers: TExportAnswer[] | null;
}

/**
 * Up to `size` responses of the filter after the cursor, in export order, each with its answers
 * as one JSON array. One row per response rather than one per answer: on PGlite every field of
 * every row is copied and decoded on its own in JS, so the long rows of an answers query were
 * most of an export's allocations (and, on the embedded database, of the heap growth they
 * caused); a JSON value is one field, parsed natively.
 */
export async function responseBatch(
  db: Sql,
  f: TExportFilter,
  after: { at: string; id: string } | null,
  size: number,
): Promise<TExportResponseRow[]> {
  const params = [...f.params];
  const ph = over(params);
  const cond = after
    ? ` AND (r.created_at, r.id) > (${ph.add(after.at, 'timestamptz')}, ${ph.add(after.id, 'uuid')})`
    : '';
  const limit = ph.add(size);
  // The batch is cut first (LIMIT inside), so the answers are aggregated for its rows only. The
  // primary key (org_id, response_id, question_key, item) serves each response's answers.
  const rs = await db.query<TExportResponseRow>(
    `SELECT b.id, b.cursor, b.status, b.version, b.channel, b.language, b.customer_id, b.unit,
            b.entered_by, b.started_at, b.submitted_at, b.duplicate_of,
            (SELECT json_agg(json_build_array(a.question_key, a.item, a.tag, a.num, a.txt)
                             ORDER BY a.question_key, a.item)
               FROM survey_answers a
              WHERE a.org_id = $1 AND a.response_id = b.id) AS answers
       FROM (SELECT r.id, r.created_at, r.created_at::text AS cursor, r.status, r.version,
                    r.channel, r.language, r.customer_id, ou.name AS unit, u.email AS entered_by,
                    r.started_at, r.submitted_at, r.duplicate_of
               FROM survey_responses r
               LEFT JOIN pub_org_units ou ON ou.org_id = r.org_id AND ou.id = r.org_unit_id
               LEFT JOIN pub_users u ON u.org_id = r.org_id AND u.id = r.entered_by
              WHERE ${f.where}${cond} ORDER BY r.created_at, r.id LIMIT ${limit}) b
      ORDER BY b.created_at, b.id`,
    params,
  );
  return rs.rows;
}
