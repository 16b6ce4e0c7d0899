// Results SQL: the response list (keyset page on (created_at, id), newest first), a response's
// long answers, and the analytics reads (analyticsData, responsesLong).
import type { Sql } from '../../db/client';
import { and, params } from '../../db/params';
import type { TResponseRow } from './repo';

export type TListedResponse = TResponseRow & {
  customer_name: string | null;
  entered_by_name: string | null;
};

/** LIKE pattern text for a literal prefix. */
const likeEscape = (p: string) => p.replace(/[%_\\]/g, '\\$&');

/**
 * One page of a survey's responses (`fetch` rows, newest first, after the cursor), with the
 * customer's and the entering user's names; and the filter's total when `withTotal`.
 */
export async function responsePage(
  db: Sql,
  orgId: string,
  surveyId: string,
  f: {
    status?: string | undefined;
    channel?: string | undefined;
    version?: number | undefined;
    unitIds: readonly string[] | null;
    after: { at: string; id: string } | null;
    fetch: number;
    withTotal: boolean;
  },
): Promise<{ rows: TListedResponse[]; total: number | undefined }> {
  const p = params(orgId, surveyId);
  // Unit-scoped users see responses of their subtree (and none without a unit).
  const countWhere = and(
    'r.org_id = $1 AND r.survey_id = $2',
    f.status && `r.status = ${p.add(f.status)}`,
    f.channel && `r.channel = ${p.add(f.channel)}`,
    !!f.version && `r.version = ${p.add(f.version)}`,
    f.unitIds && `r.org_unit_id = ANY(${p.add(f.unitIds, 'uuid[]')})`,
  );
  const countParams = [...p.values];
  const where = and(
    countWhere,
    f.after &&
      `(r.created_at, r.id) < (${p.add(f.after.at, 'timestamptz')}, ${p.add(f.after.id, 'uuid')})`,
  );
  const limit = p.add(f.fetch);
  const r = await db.query<TListedResponse>(
    `SELECT r.*, c.name AS customer_name, u.name AS entered_by_name
       FROM survey_responses r
       LEFT JOIN pub_customers c ON c.org_id = r.org_id AND c.id = r.customer_id
       LEFT JOIN pub_users u ON u.org_id = r.org_id AND u.id = r.entered_by
      WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`,
    p.values,
  );
  const total = f.withTotal
    ? (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM survey_responses r WHERE ${countWhere}`,
          countParams,
        )
      ).rows[0]?.n
    : undefined;
  return { rows: r.rows, total };
}

export interface TAnswerRow {
  question_key: string;
  item: string;
  tag: string | null;
  num: number | null;
  txt: string | null;
}

/** A response's answers in (question_key, item) order. */
export async function responseAnswers(
  db: Sql,
  orgId: string,
  responseId: string,
): Promise<TAnswerRow[]> {
  const a = await db.query<TAnswerRow>(
    `SELECT question_key, item, tag, num, txt FROM survey_answers
      WHERE org_id = $1 AND response_id = $2 ORDER BY question_key, item`,
    [orgId, responseId],
  );
  return a.rows;
}

export interface TAnalyticsFilter {
  surveyId: string | null;
  since: string | null;
  until: string | null;
  unitIds: readonly string[] | null;
  channel: string | null;
}

export interface TAnalyticsResponseRow {
  id: string;
  channel: string;
  language: string;
  customer_id: string | null;
  org_unit_id: string | null;
  at: Date | string;
}

const ANALYTICS_WHERE = `r.org_id = $1 AND r.status = 'complete' AND ($2::uuid IS NULL OR r.survey_id = $2)
        AND ($3::timestamptz IS NULL OR coalesce(r.submitted_at, r.created_at) >= $3)
        AND ($4::timestamptz IS NULL OR coalesce(r.submitted_at, r.created_at) < $4)
        AND ($5::uuid[] IS NULL OR r.org_unit_id = ANY($5::uuid[]))
        AND ($6::text IS NULL OR r.channel = $6)`;
const analyticsParams = (orgId: string, f: TAnalyticsFilter) => [
  orgId,
  f.surveyId,
  f.since,
  f.until,
  f.unitIds,
  f.channel,
];

/** The filter's complete responses in export order (created_at, id). */
export async function analyticsResponses(
  db: Sql,
  orgId: string,
  f: TAnalyticsFilter,
): Promise<TAnalyticsResponseRow[]> {
  const r = await db.query<TAnalyticsResponseRow>(
    `SELECT r.id, r.channel, r.language, r.customer_id, r.org_unit_id,
            coalesce(r.submitted_at, r.created_at) AS at
       FROM survey_responses r WHERE ${ANALYTICS_WHERE} ORDER BY r.created_at, r.id`,
    analyticsParams(orgId, f),
  );
  return r.rows;
}

/**
 * A deterministic random sample of the filter's complete responses: the `cap` + 1 with the
 * lowest hash of their id (migration 507's index walks that order, so a large scope reads about
 * `cap` rows instead of all of them; a small one is read whole through its date index and
 * sorted). Fewer than `cap` + 1 rows back means the scope is complete. Ids come from clients
 * (idempotency keys), so the order is a hash of the id, not the id: a client's time-ordered ids
 * would otherwise make the sample the oldest responses. `language`: the respondent filter
 * applied before sampling, so the sample is of that language's responses.
 */
export async function analyticsSample(
  db: Sql,
  orgId: string,
  f: TAnalyticsFilter,
  cap: number,
  language: string | null,
): Promise<(TAnalyticsResponseRow & { created_at: Date | string })[]> {
  const r = await db.query<TAnalyticsResponseRow & { created_at: Date | string }>(
    `SELECT r.id, r.channel, r.language, r.customer_id, r.org_unit_id,
            coalesce(r.submitted_at, r.created_at) AS at, r.created_at
       FROM survey_responses r
      WHERE ${ANALYTICS_WHERE} AND ($7::text IS NULL OR r.language = $7)
      ORDER BY uuid_hash_extended(r.id, 0), r.id
      LIMIT $8`,
    [...analyticsParams(orgId, f), language, cap + 1],
  );
  return r.rows;
}

/** The answers of these responses whose tag or question is selected (as analyticsAnswers). */
export async function analyticsAnswersOf(
  db: Sql,
  orgId: string,
  ids: readonly string[],
  sel: { tags: readonly string[]; prefixes: readonly string[]; keys: readonly string[] },
): Promise<(TAnswerRow & { response_id: string })[]> {
  // One primary-key probe per response (LATERAL … OFFSET 0 keeps the planner from flattening
  // it into a hash join): with `response_id = ANY(…)` and the OR of tags it misjudged the rows
  // and scanned all 47M answers of the 1M bench (11 s; 0.15 s as probes).
  const a = await db.query<TAnswerRow & { response_id: string }>(
    `SELECT a.response_id, a.question_key, a.item, a.tag, a.num, a.txt
       FROM unnest($2::uuid[]) AS s(id)
       CROSS JOIN LATERAL (
         SELECT a.response_id, a.question_key, a.item, a.tag, a.num, a.txt FROM survey_answers a
          WHERE a.org_id = $1 AND a.response_id = s.id
            AND (a.tag = ANY($3::text[]) OR a.tag LIKE ANY($4::text[])
                 OR a.question_key = ANY($5::text[]))
         OFFSET 0) a`,
    [orgId, ids, sel.tags, sel.prefixes.map((p) => `${likeEscape(p)}%`), sel.keys],
  );
  return a.rows;
}

/**
 * Per response (in `ids`' order), the sum and count of its numeric answers in each group of
 * tags, for per-respondent means over a sample (drivers, derived IPA). The database returns one
 * row per response with its tags and values as two arrays, summed here: 2,000 rows instead of
 * ~46k answer rows at a 2,000 sample, and on PGlite a third faster than 14 FILTER aggregates
 * per response in SQL (bench/RESULTS.md). One primary-key range per response, as
 * analyticsAnswersOf probes.
 */
export async function analyticsAnswerSums(
  db: Sql,
  orgId: string,
  ids: readonly string[],
  groups: readonly (readonly string[])[],
): Promise<{ sums: (number | null)[]; counts: number[] }[]> {
  if (ids.length === 0) return [];
  const groupOf = new Map<string, number[]>();
  groups.forEach((tags, g) => {
    for (const t of tags) groupOf.set(t, [...(groupOf.get(t) ?? []), g]);
  });
  const r = await db.query<{ i: number; t: string[] | null; v: (number | string | null)[] | null }>(
    `SELECT s.i::int AS i, x.t, x.v
       FROM unnest($2::uuid[]) WITH ORDINALITY AS s(id, i)
       CROSS JOIN LATERAL (
         SELECT array_agg(a.tag) AS t, array_agg(a.num::float8) AS v FROM survey_answers a
          WHERE a.org_id = $1 AND a.response_id = s.id AND a.tag = ANY($3::text[])) x`,
    [orgId, ids, [...groupOf.keys()]],
  );
  const out: { sums: (number | null)[]; counts: number[] }[] = new Array(ids.length);
  for (const { i, t, v } of r.rows) {
    const sums: (number | null)[] = groups.map(() => null);
    const counts = groups.map(() => 0);
    (t ?? []).forEach((tag, k) => {
      const x = v?.[k];
      if (x === null || x === undefined) return;
      for (const g of groupOf.get(tag) ?? []) {
        sums[g] = (sums[g] ?? 0) + Number(x);
        counts[g] = (counts[g] as number) + 1;
      }
    });
    out[i - 1] = { sums, counts };
  }
  return out;
}

/** Their answers whose tag is in `tags` or starts with a prefix, or whose question is in `keys`. */
export async function analyticsAnswers(
  db: Sql,
  orgId: string,
  f: TAnalyticsFilter,
  sel: { tags: readonly string[]; prefixes: readonly string[]; keys: readonly string[] },
): Promise<(TAnswerRow & { response_id: string })[]> {
  const a = await db.query<TAnswerRow & { response_id: string }>(
    `SELECT a.response_id, a.question_key, a.item, a.tag, a.num, a.txt
       FROM survey_responses r
       JOIN survey_answers a ON a.org_id = r.org_id AND a.response_id = r.id
      WHERE ${ANALYTICS_WHERE} AND (a.tag = ANY($7::text[]) OR a.tag LIKE ANY($8::text[])
                          OR a.question_key = ANY($9::text[]))`,
    [
      ...analyticsParams(orgId, f),
      sel.tags,
      sel.prefixes.map((p) => `${likeEscape(p)}%`),
      sel.keys,
    ],
  );
  return a.rows;
}

export interface TLongAnswerRow extends TAnswerRow {
  response_id: string;
  survey_id: string;
  version: number;
  channel: string;
  language: string;
  customer_id: string | null;
  org_unit_id: string | null;
  submitted_at: Date | string;
}

/** Complete responses joined with their answers, in (submitted_at, id, question, item) order. */
export async function longRows(
  db: Sql,
  orgId: string,
  f: {
    surveyId?: string | undefined;
    tagPrefix?: string | undefined;
    since?: Date | string | undefined;
    until?: Date | string | undefined;
    unitIds?: readonly string[] | null | undefined;
  },
): Promise<TLongAnswerRow[]> {
  const p = params(orgId);
  const where = and(
    `r.org_id = $1 AND r.status = 'complete'`,
    f.surveyId && `r.survey_id = ${p.add(f.surveyId, 'uuid')}`,
    f.tagPrefix && `a.tag LIKE ${p.add(likeEscape(f.tagPrefix))} || '%'`,
    f.since && `r.submitted_at >= ${p.add(new Date(f.since).toISOString(), 'timestamptz')}`,
    f.until && `r.submitted_at < ${p.add(new Date(f.until).toISOString(), 'timestamptz')}`,
    f.unitIds && `r.org_unit_id = ANY(${p.add(f.unitIds, 'uuid[]')})`,
  );
  const r = await db.query<TLongAnswerRow>(
    `SELECT r.id AS response_id, r.survey_id, r.version, r.channel, r.language, r.customer_id,
            r.org_unit_id, r.submitted_at, a.question_key, a.item, a.tag, a.num, a.txt
       FROM survey_responses r
       JOIN survey_answers a ON a.org_id = r.org_id AND a.response_id = r.id
      WHERE ${where} ORDER BY r.submitted_at, r.id, a.question_key, a.item`,
    p.values,
  );
  return r.rows;
}
