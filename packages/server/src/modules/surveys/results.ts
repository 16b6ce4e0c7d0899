// Results: the response list and detail (unit-scoped), the webhook payload, and the reads the
// analytics module uses (analyticsData, responsesLong). Re-exported by service.ts.
import type { TResponse, ZResponseListQuerySchema } from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { unitScope } from '../orgs/service';
import * as repo from './repo';

function toResponse(
  r: repo.TResponseRow & { customer_name?: string | null; entered_by_name?: string | null },
): TResponse {
  return {
    id: r.id,
    surveyId: r.survey_id,
    version: r.version,
    status: r.status,
    channel: r.channel as TResponse['channel'],
    language: r.language,
    customerId: r.customer_id,
    customerName: r.customer_name ?? null,
    orgUnitId: r.org_unit_id,
    enteredBy: r.entered_by,
    enteredByName: r.entered_by_name ?? null,
    duplicateOf: r.duplicate_of,
    answers: (r.raw.answers ?? {}) as TResponse['answers'],
    startedAt: iso(r.started_at),
    submittedAt: iso(r.submitted_at),
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

type TListQuery = z.output<typeof ZResponseListQuerySchema>;

/** Unit-scoped users see responses of their subtree (and none without a unit). */
async function scopeSql(db: Sql, auth: AuthContext, params: unknown[]): Promise<string> {
  const scope = await unitScope(db, auth);
  if (!scope) return '';
  params.push(scope);
  return ` AND r.org_unit_id = ANY($${params.length}::uuid[])`;
}

export async function listResponses(db: Sql, auth: AuthContext, surveyId: string, q: TListQuery) {
  if (!(await repo.getSurvey(db, auth.orgId, surveyId))) throw new AppError('NOT_FOUND');
  const params: unknown[] = [auth.orgId, surveyId];
  let where = 'r.org_id = $1 AND r.survey_id = $2';
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where += ` AND ${sql.replace('?', `$${params.length}`)}`;
  };
  if (q.status) add('r.status = ?', q.status);
  if (q.channel) add('r.channel = ?', q.channel);
  if (q.version) add('r.version = ?', q.version);
  where += await scopeSql(db, auth, params);
  const countParams = [...params];
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new AppError('BAD_REQUEST', { field: 'cursor' });
    }
    params.push(at, id);
    where += ` AND (r.created_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(q.limit + 1);
  const r = await db.query<
    repo.TResponseRow & { customer_name: string | null; entered_by_name: string | null }
  >(
    `SELECT r.*, c.name AS customer_name, u.name AS entered_by_name
       FROM survey_responses r
       LEFT JOIN pub_customers c ON c.org_id = r.org_id AND c.id = r.customer_id
       LEFT JOIN pub_users u ON u.org_id = r.org_id AND u.id = r.entered_by
      WHERE ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
    params,
  );
  const more = r.rows.length > q.limit;
  const page = more ? r.rows.slice(0, q.limit) : r.rows;
  const last = page.at(-1);
  const total = q.cursor
    ? undefined
    : (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM survey_responses r WHERE ${where.split(' AND (r.created_at')[0]}`,
          countParams,
        )
      ).rows[0]?.n;
  return {
    items: page.map(toResponse),
    nextCursor:
      more && last
        ? Buffer.from(`${new Date(last.created_at).toISOString()}|${last.id}`).toString('base64url')
        : null,
    ...(total === undefined ? {} : { total }),
  };
}

export async function getResponse(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  id: string,
): Promise<TResponse> {
  const r = await repo.getResponse(db, auth.orgId, id);
  if (!r || r.survey_id !== surveyId) throw new AppError('NOT_FOUND');
  const scope = await unitScope(db, auth);
  if (scope && (!r.org_unit_id || !scope.includes(r.org_unit_id))) throw new AppError('NOT_FOUND');
  return toResponse(r);
}

/** Webhook payload / integrations: one response with its long answers. */
export async function responsePayload(db: Sql, orgId: string, responseId: string) {
  const r = await repo.getResponse(db, orgId, responseId);
  if (!r) return null;
  const a = await db.query<{
    question_key: string;
    item: string;
    tag: string | null;
    num: number | null;
    txt: string | null;
  }>(
    `SELECT question_key, item, tag, num, txt FROM survey_answers
      WHERE org_id = $1 AND response_id = $2 ORDER BY question_key, item`,
    [orgId, responseId],
  );
  return {
    ...toResponse(r),
    long: a.rows.map((x) => ({
      questionKey: x.question_key,
      item: x.item,
      tag: x.tag,
      num: x.num,
      text: x.txt,
    })),
  };
}

/**
 * Analytics module hook (issue 11): a survey's complete responses (or all surveys' when
 * surveyId is null) in the filter, in export order (created_at, id) so group and attribute
 * orders match the wide export, with the answers whose tag is in `tags` or starts with one
 * of `prefixes` (none when both are empty). Time = coalesce(submitted_at, created_at), the
 * same the aggregate tables use; `until` is exclusive.
 */
export async function analyticsData(
  db: Sql,
  orgId: string,
  f: {
    surveyId: string | null;
    since: string | null;
    until: string | null;
    unitIds: readonly string[] | null;
    channel: string | null;
    tags?: readonly string[];
    prefixes?: readonly string[];
    /** also every answer to these questions (open text has no fixed tag) */
    questionKeys?: readonly string[];
  },
) {
  const where = `r.org_id = $1 AND r.status = 'complete' AND ($2::uuid IS NULL OR r.survey_id = $2)
        AND ($3::timestamptz IS NULL OR coalesce(r.submitted_at, r.created_at) >= $3)
        AND ($4::timestamptz IS NULL OR coalesce(r.submitted_at, r.created_at) < $4)
        AND ($5::uuid[] IS NULL OR r.org_unit_id = ANY($5::uuid[]))
        AND ($6::text IS NULL OR r.channel = $6)`;
  const params = [orgId, f.surveyId, f.since, f.until, f.unitIds, f.channel];
  const r = await db.query<{
    id: string;
    channel: string;
    language: string;
    customer_id: string | null;
    org_unit_id: string | null;
    at: Date | string;
  }>(
    `SELECT r.id, r.channel, r.language, r.customer_id, r.org_unit_id,
            coalesce(r.submitted_at, r.created_at) AS at
       FROM survey_responses r WHERE ${where} ORDER BY r.created_at, r.id`,
    params,
  );
  const tags = f.tags ?? [];
  const prefixes = (f.prefixes ?? []).map((p) => `${p.replace(/[%_\\]/g, '\\$&')}%`);
  const keys = f.questionKeys ?? [];
  if (r.rows.length === 0 || (tags.length === 0 && prefixes.length === 0 && keys.length === 0))
    return { responses: r.rows.map(toAnalyticsResponse), answers: [] };
  const a = await db.query<{
    response_id: string;
    question_key: string;
    item: string;
    tag: string | null;
    num: number | null;
    txt: string | null;
  }>(
    `SELECT a.response_id, a.question_key, a.item, a.tag, a.num, a.txt
       FROM survey_responses r
       JOIN survey_answers a ON a.org_id = r.org_id AND a.response_id = r.id
      WHERE ${where} AND (a.tag = ANY($7::text[]) OR a.tag LIKE ANY($8::text[])
                          OR a.question_key = ANY($9::text[]))`,
    [...params, tags, prefixes, keys],
  );
  return {
    responses: r.rows.map(toAnalyticsResponse),
    answers: a.rows.map((x) => ({
      responseId: x.response_id,
      questionKey: x.question_key,
      item: x.item,
      tag: x.tag,
      num: x.num === null ? null : Number(x.num),
      text: x.txt,
    })),
  };
}

function toAnalyticsResponse(x: {
  id: string;
  channel: string;
  language: string;
  customer_id: string | null;
  org_unit_id: string | null;
  at: Date | string;
}) {
  return {
    id: x.id,
    channel: x.channel,
    language: x.language,
    customerId: x.customer_id,
    unitId: x.org_unit_id,
    at: iso(x.at) as string,
  };
}

/**
 * Results for analytics: complete responses in long format with their metadata. Filter by
 * survey, tag prefix (e.g. 'servqual:', 'nps') and submission time.
 */
export async function responsesLong(
  db: Sql,
  orgId: string,
  f: {
    surveyId?: string;
    tagPrefix?: string;
    since?: Date | string;
    until?: Date | string;
    unitIds?: readonly string[] | null;
  } = {},
) {
  const params: unknown[] = [orgId];
  let where = `r.org_id = $1 AND r.status = 'complete'`;
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where += ` AND ${sql.replace('?', `$${params.length}`)}`;
  };
  if (f.surveyId) add('r.survey_id = ?::uuid', f.surveyId);
  if (f.tagPrefix) add(`a.tag LIKE ? || '%'`, f.tagPrefix.replace(/[%_\\]/g, '\\$&'));
  if (f.since) add('r.submitted_at >= ?::timestamptz', new Date(f.since).toISOString());
  if (f.until) add('r.submitted_at < ?::timestamptz', new Date(f.until).toISOString());
  if (f.unitIds) add('r.org_unit_id = ANY(?::uuid[])', f.unitIds);
  const r = await db.query<{
    response_id: string;
    survey_id: string;
    version: number;
    channel: string;
    language: string;
    customer_id: string | null;
    org_unit_id: string | null;
    submitted_at: Date | string;
    question_key: string;
    item: string;
    tag: string | null;
    num: number | null;
    txt: string | null;
  }>(
    `SELECT r.id AS response_id, r.survey_id, r.version, r.channel, r.language, r.customer_id,
            r.org_unit_id, r.submitted_at, a.question_key, a.item, a.tag, a.num, a.txt
       FROM survey_responses r
       JOIN survey_answers a ON a.org_id = r.org_id AND a.response_id = r.id
      WHERE ${where} ORDER BY r.submitted_at, r.id, a.question_key, a.item`,
    params,
  );
  return r.rows.map((x) => ({
    responseId: x.response_id,
    surveyId: x.survey_id,
    version: x.version,
    channel: x.channel,
    language: x.language,
    customerId: x.customer_id,
    orgUnitId: x.org_unit_id,
    submittedAt: iso(x.submitted_at) as string,
    questionKey: x.question_key,
    item: x.item,
    tag: x.tag,
    num: x.num,
    text: x.txt,
  }));
}
