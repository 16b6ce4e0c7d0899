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
import * as sql from './repo-results';

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

export async function listResponses(db: Sql, auth: AuthContext, surveyId: string, q: TListQuery) {
  if (!(await repo.getSurvey(db, auth.orgId, surveyId))) throw new AppError('NOT_FOUND');
  const unitIds = await unitScope(db, auth);
  let after: { at: string; id: string } | null = null;
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new AppError('BAD_REQUEST', { field: 'cursor' });
    }
    after = { at, id };
  }
  const { rows, total } = await sql.responsePage(db, auth.orgId, surveyId, {
    status: q.status,
    channel: q.channel,
    version: q.version,
    unitIds,
    after,
    fetch: q.limit + 1,
    withTotal: !q.cursor,
  });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
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
  const a = await sql.responseAnswers(db, orgId, responseId);
  return {
    ...toResponse(r),
    long: a.map((x) => ({
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
    /**
     * At most this many responses, a deterministic random sample when the scope has more
     * (analyticsSample); `language` then filters before sampling. `sampled` tells which.
     */
    sample?: { cap: number; language: string | null };
  },
): Promise<{
  responses: ReturnType<typeof toAnalyticsResponse>[];
  answers: TAnalyticsAnswer[];
  sampled: boolean;
}> {
  const filter: sql.TAnalyticsFilter = {
    surveyId: f.surveyId,
    since: f.since,
    until: f.until,
    unitIds: f.unitIds,
    channel: f.channel,
  };
  const sel = { tags: f.tags ?? [], prefixes: f.prefixes ?? [], keys: f.questionKeys ?? [] };
  const none = sel.tags.length === 0 && sel.prefixes.length === 0 && sel.keys.length === 0;
  if (f.sample) {
    const { cap, language } = f.sample;
    const got = await sql.analyticsSample(db, orgId, filter, cap, language);
    const sampled = got.length > cap;
    const rows = (sampled ? got.slice(0, cap) : got).sort(
      (a, b) => +new Date(a.created_at) - +new Date(b.created_at) || (a.id < b.id ? -1 : 1),
    );
    const a =
      rows.length === 0 || none
        ? []
        : await sql.analyticsAnswersOf(
            db,
            orgId,
            rows.map((r) => r.id),
            sel,
          );
    return { responses: rows.map(toAnalyticsResponse), answers: a.map(toAnswer), sampled };
  }
  const rows = await sql.analyticsResponses(db, orgId, filter);
  if (rows.length === 0 || none)
    return { responses: rows.map(toAnalyticsResponse), answers: [], sampled: false };
  const a = await sql.analyticsAnswers(db, orgId, filter, sel);
  return { responses: rows.map(toAnalyticsResponse), answers: a.map(toAnswer), sampled: false };
}

/**
 * Analytics module hook: per response of `ids` (same order), the sum and count of its numeric
 * answers in each group of tags, for reports that need per-respondent means over a sample
 * (drivers, derived IPA) without reading every answer.
 */
export function analyticsAnswerSums(
  db: Sql,
  orgId: string,
  ids: readonly string[],
  groups: readonly (readonly string[])[],
) {
  return sql.analyticsAnswerSums(db, orgId, ids, groups);
}

export interface TAnalyticsAnswer {
  responseId: string;
  questionKey: string;
  item: string;
  tag: string | null;
  num: number | null;
  text: string | null;
}

const toAnswer = (x: sql.TAnswerRow & { response_id: string }): TAnalyticsAnswer => ({
  responseId: x.response_id,
  questionKey: x.question_key,
  item: x.item,
  tag: x.tag,
  num: x.num === null ? null : Number(x.num),
  text: x.txt,
});

function toAnalyticsResponse(x: sql.TAnalyticsResponseRow) {
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
  const rows = await sql.longRows(db, orgId, f);
  return rows.map((x) => ({
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
