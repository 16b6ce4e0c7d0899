// Analytics filters (issue 11): the query's filter resolved to a scope, and the raw answers
// read through it; split from service.ts, every report below starts here.
import type { TAnalyticsFilter, TSurveyDefinition } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { customerClasses } from '../customers/service';
import { unitScope } from '../orgs/service';
import * as surveys from '../surveys/service';
import { customerTiers, customerUseClasses } from './repo';

registerErrors({
  ANALYTICS_DATE_INVALID: {
    status: 400,
    es: 'La fecha no es válida.',
    en: 'Invalid date.',
  },
  ANALYTICS_RANGE_INVALID: {
    status: 400,
    es: 'La fecha inicial es posterior a la final.',
    en: 'The start date is after the end date.',
  },
  ANALYTICS_UNIT_NOT_FOUND: {
    status: 404,
    es: 'La unidad no existe o está fuera de su ámbito.',
    en: 'Unknown org unit, or outside your scope.',
  },
});

export const DAY_MS = 86_400_000;

export interface TScope {
  orgId: string;
  surveyId: string | null;
  /** inclusive lower / exclusive upper bound on coalesce(submitted_at, created_at) */
  since: string | null;
  until: string | null;
  /** whole days: the aggregate table answers (days inclusive) */
  daily: boolean;
  dayFrom: string | null;
  dayTo: string | null;
  unitIds: string[] | null;
  channel: string | null;
  /** respondent filters only the raw answers can apply (the aggregates have no such dimension) */
  language: string | null;
  segment: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseBound(
  v: string | undefined,
  end: boolean,
): { at: string | null; day: string | null } {
  if (!v) return { at: null, day: null };
  const t = Date.parse(DATE_ONLY.test(v) ? `${v}T00:00:00Z` : v);
  // Years the database and toISOString both spell plainly (year 10000 would reach SQL as
  // "+010000-…" and fail there).
  if (!Number.isFinite(t) || t < Date.UTC(1900, 0, 1) || t >= Date.UTC(2200, 0, 1))
    throw new AppError('ANALYTICS_DATE_INVALID', { value: v });
  if (DATE_ONLY.test(v)) {
    // 2026-02-30 parses as March 2nd in some engines: require the round trip.
    if (new Date(t).toISOString().slice(0, 10) !== v)
      throw new AppError('ANALYTICS_DATE_INVALID', { value: v });
    return { at: new Date(end ? t + DAY_MS : t).toISOString(), day: v };
  }
  // A date-time `to` is inclusive: the exclusive bound is one millisecond later.
  return { at: new Date(end ? t + 1 : t).toISOString(), day: null };
}

/** The filter in SQL terms, the unit checked against the caller's scope. */
export async function resolveFilter(
  db: Sql,
  auth: AuthContext,
  surveyId: string | null,
  q: TAnalyticsFilter,
): Promise<TScope> {
  const from = parseBound(q.from, false);
  const to = parseBound(q.to, true);
  if (from.at && to.at && from.at >= to.at) throw new AppError('ANALYTICS_RANGE_INVALID');
  const scope = await unitScope(db, auth);
  let unitIds = scope;
  if (q.unitId) {
    if (scope && !scope.includes(q.unitId)) throw new AppError('ANALYTICS_UNIT_NOT_FOUND');
    const sub = (await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [];
    if (sub.length === 0) throw new AppError('ANALYTICS_UNIT_NOT_FOUND');
    unitIds = sub;
  }
  return {
    orgId: auth.orgId,
    surveyId,
    since: from.at,
    until: to.at,
    daily:
      (!q.from || from.day !== null) && (!q.to || to.day !== null) && !q.language && !q.segment,
    dayFrom: from.day,
    dayTo: to.day,
    unitIds,
    channel: q.channel ?? null,
    language: q.language ?? null,
    segment: q.segment ?? null,
  };
}

/** The same scope over other whole days (the overview's previous period): no second walk of
 *  the unit tree. */
export function periodScope(s: TScope, fromDay: string, toDay: string): TScope {
  const from = parseBound(fromDay, false);
  const to = parseBound(toDay, true);
  return { ...s, since: from.at, until: to.at, dayFrom: from.day, dayTo: to.day };
}

/** The survey (404 when unknown or not the caller's org) and its current definition. */
export async function surveyOf(db: Sql, auth: AuthContext, id: string): Promise<TSurveyDefinition> {
  return surveys.getDefinition(db, auth, id);
}

interface TSel {
  tags?: readonly string[];
  prefixes?: readonly string[];
  questionKeys?: readonly string[];
}

/** The filtered responses and their selected answers; language and segment are applied here
 *  (the responses carry both), the rest in SQL by the surveys module. `cap`: at most that many
 *  responses, a random sample when there are more (sample.ts; `sampled` says so). */
export async function rawData(db: Sql, s: TScope, sel: TSel, cap?: number) {
  const data = await surveys.analyticsData(db, s.orgId, {
    surveyId: s.surveyId,
    since: s.since,
    until: s.until,
    unitIds: s.unitIds,
    channel: s.channel,
    ...sel,
    ...(cap === undefined ? {} : { sample: { cap, language: s.language } }),
  });
  if (!s.language && !s.segment) return data;
  const classes = s.segment
    ? await customerClasses(
        db,
        s.orgId,
        data.responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
      )
    : new Map<string, string | null>();
  const keep = (r: (typeof data.responses)[number]) =>
    (!s.language || r.language === s.language) &&
    (!s.segment || ((r.customerId ? classes.get(r.customerId) : null) ?? 'none') === s.segment);
  const responses = data.responses.filter(keep);
  const ids = new Set(responses.map((r) => r.id));
  return {
    responses,
    answers: data.answers.filter((a) => ids.has(a.responseId)),
    sampled: data.sampled,
  };
}

/** Group key of a response by the respondent customer's use class ('' = none). */
export async function useClassesOf(
  db: Sql,
  orgId: string,
  responses: readonly { customerId: string | null }[],
): Promise<Map<string, string | null>> {
  return customerUseClasses(
    db,
    orgId,
    responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
}

/** The respondents' current loyalty tiers (retention's pub_retention_customer_tiers). */
export function tiersOf(
  db: Sql,
  orgId: string,
  responses: readonly { customerId: string | null }[],
): Promise<Map<string, string | null>> {
  return customerTiers(
    db,
    orgId,
    responses.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
}
