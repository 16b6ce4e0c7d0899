// Analytics drill-down reads (issue 11): one keyset page of a survey's complete responses that
// match a chart element, and how many match, both in SQL. The page walks the index
// survey_responses_survey_at (migration 203) newest first, the cursor in the WHERE and a LIMIT,
// so a page costs O(limit) rows read, not O(responses). The selection (`TDrillMatch`) is how
// the analytics reports count; the module's one public surface re-exports these (service.ts).
import type { Sql } from '../../db/client';
import { and, type Params, params } from '../../db/params';

export interface TDrillFilter {
  surveyId: string;
  /** inclusive / exclusive bounds on coalesce(submitted_at, created_at) */
  since: string | null;
  until: string | null;
  unitIds: readonly string[] | null;
  channel: string | null;
  language: string | null;
  /** the customer's classification (customers.tier), 'none' = no customer or unclassified */
  segment: string | null;
}

export type TDrillMatch =
  /** every response in the filter */
  | { kind: 'all' }
  /** with both `servqual:E:k` and `servqual:P:k` answered for at least one k of `items` */
  | { kind: 'pairs'; items: readonly number[] }
  /** with a numeric answer tagged `tag`, optionally in [min, below) */
  | { kind: 'num'; tag: string; min: number | null; below: number | null }
  /** with a non-blank answer to one of the questions */
  | { kind: 'text'; questionKeys: readonly string[] };

const AT = 'coalesce(r.submitted_at, r.created_at)';

function where(p: Params, f: TDrillFilter, m: TDrillMatch): string {
  const ans = (cond: string) =>
    `EXISTS (SELECT 1 FROM survey_answers a
              WHERE a.org_id = r.org_id AND a.response_id = r.id AND ${cond})`;
  let match: string | null = null;
  if (m.kind === 'pairs')
    match = `EXISTS (SELECT 1 FROM survey_answers e
                      JOIN survey_answers pa ON pa.org_id = e.org_id AND pa.response_id = e.response_id
                                            AND pa.tag = 'servqual:P:' || substr(e.tag, 12)
                                            AND pa.num IS NOT NULL
                     WHERE e.org_id = r.org_id AND e.response_id = r.id
                       AND e.tag = ANY(${p.add(
                         m.items.map((k) => `servqual:E:${k}`),
                         'text[]',
                       )}) AND e.num IS NOT NULL)`;
  else if (m.kind === 'num')
    match = ans(
      and(
        `a.tag = ${p.add(m.tag, 'text')}`,
        'a.num IS NOT NULL',
        m.min !== null && `a.num >= ${p.add(m.min, 'float8')}`,
        m.below !== null && `a.num < ${p.add(m.below, 'float8')}`,
      ),
    );
  else if (m.kind === 'text')
    match = ans(
      `a.question_key = ANY(${p.add(m.questionKeys, 'text[]')}) AND a.txt ~ '[^[:space:]]'`,
    );
  return and(
    'r.org_id = $1',
    `r.survey_id = ${p.add(f.surveyId, 'uuid')}`,
    `r.status = 'complete'`,
    f.since !== null && `${AT} >= ${p.add(f.since, 'timestamptz')}`,
    f.until !== null && `${AT} < ${p.add(f.until, 'timestamptz')}`,
    f.unitIds !== null && `r.org_unit_id = ANY(${p.add(f.unitIds, 'uuid[]')})`,
    f.channel !== null && `r.channel = ${p.add(f.channel, 'text')}`,
    f.language !== null && `r.language = ${p.add(f.language, 'text')}`,
    f.segment !== null &&
      `coalesce((SELECT c.tier FROM pub_customers c
                  WHERE c.org_id = r.org_id AND c.id = r.customer_id), 'none') = ${p.add(
                    f.segment,
                    'text',
                  )}`,
    match,
  );
}

export interface TDrillRow {
  id: string;
  channel: string;
  language: string;
  customerId: string | null;
  unitId: string | null;
  /** ISO instant with microseconds (the cursor's exact key) */
  at: string;
}

/** One page, newest first on (time, id): the rows strictly after `after` in that order. */
export async function drillPage(
  db: Sql,
  orgId: string,
  f: TDrillFilter,
  m: TDrillMatch,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<TDrillRow[]> {
  const p = params(orgId);
  const w = where(p, f, m);
  const keyset = after
    ? `AND (${AT}, r.id) < (${p.add(after.at, 'timestamptz')}, ${p.add(after.id, 'uuid')})`
    : '';
  const r = await db.query<{
    id: string;
    channel: string;
    language: string;
    customer_id: string | null;
    org_unit_id: string | null;
    at: string;
  }>(
    `SELECT r.id, r.channel, r.language, r.customer_id, r.org_unit_id,
            to_char(${AT} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM survey_responses r
      WHERE ${w} ${keyset}
      ORDER BY ${AT} DESC, r.id DESC
      LIMIT ${p.add(limit, 'int')}`,
    p.values,
  );
  return r.rows.map((x) => ({
    id: x.id,
    channel: x.channel,
    language: x.language,
    customerId: x.customer_id,
    unitId: x.org_unit_id,
    at: x.at,
  }));
}

/** How many responses match (the list's total). */
export async function drillCount(
  db: Sql,
  orgId: string,
  f: TDrillFilter,
  m: TDrillMatch,
): Promise<number> {
  const p = params(orgId);
  const r = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM survey_responses r WHERE ${where(p, f, m)}`,
    p.values,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** The answers of the page's responses whose tag is in `tags` or whose question is in
 *  `questionKeys` (the counted values and the comments shown). */
export async function drillAnswers(
  db: Sql,
  orgId: string,
  responseIds: readonly string[],
  tags: readonly string[],
  questionKeys: readonly string[],
): Promise<
  {
    responseId: string;
    questionKey: string;
    tag: string | null;
    num: number | null;
    text: string | null;
  }[]
> {
  if (responseIds.length === 0 || (tags.length === 0 && questionKeys.length === 0)) return [];
  const r = await db.query<{
    response_id: string;
    question_key: string;
    tag: string | null;
    num: number | null;
    txt: string | null;
  }>(
    `SELECT response_id, question_key, tag, num, txt FROM survey_answers
      WHERE org_id = $1 AND response_id = ANY($2::uuid[])
        AND (tag = ANY($3::text[]) OR question_key = ANY($4::text[]))
      ORDER BY response_id, question_key, item`,
    [orgId, responseIds, tags, questionKeys],
  );
  return r.rows.map((x) => ({
    responseId: x.response_id,
    questionKey: x.question_key,
    tag: x.tag,
    num: x.num === null ? null : Number(x.num),
    text: x.txt,
  }));
}
