// The respondent's side: the anonymous public link (by slug) and the personal link (by
// token): fetch the published version in the respondent's language, submit, resume a partial.
// Re-exported by service.ts.
import type { TSurveyLanguage, ZResponseSubmitSchema } from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import { AppError } from '../../lib/errors';
import { listUnits } from '../orgs/service';
import * as repo from './repo';
import { orgName as orgNameRow } from './repo-channels';
import { surveyBySlug } from './slug-cache';
import { assertOpen, definitionOf, storeResponse, type TSubmitResult } from './submit';
import * as tokens from './tokens';

export function pickSurveyLanguage(
  langs: readonly TSurveyLanguage[],
  fallback: TSurveyLanguage,
  ...prefs: (string | null | undefined)[]
): TSurveyLanguage {
  for (const p of prefs) {
    if (!p) continue;
    for (const part of p.split(',')) {
      const code = part.trim().slice(0, 2).toLowerCase();
      if ((langs as string[]).includes(code)) return code as TSurveyLanguage;
    }
  }
  return fallback;
}

async function orgName(db: Sql, orgId: string): Promise<string> {
  return (await orgNameRow(db, orgId)) ?? '';
}

export async function publicSurvey(
  db: Sql,
  slug: string,
  prefs: { lang?: string | undefined; acceptLanguage?: string | undefined },
) {
  const s = await surveyBySlug(db, slug);
  assertOpen(s);
  const st = repo.settingsOf(s);
  if (!st.anonymousLink) throw new AppError('SURVEY_NOT_FOUND');
  if (st.quota !== null && (await repo.countComplete(db, s.org_id, s.id)) >= st.quota) {
    throw new AppError('SURVEY_QUOTA_REACHED');
  }
  const v = await repo.getVersion(db, s.org_id, s.id, s.published_version as number);
  if (!v) throw new AppError('SURVEY_NOT_FOUND');
  const def = v.definition;
  return {
    slug: s.slug,
    version: s.published_version as number,
    language: pickSurveyLanguage(
      def.languages,
      def.defaultLanguage,
      prefs.lang,
      prefs.acceptLanguage,
    ),
    kiosk: st.kiosk,
    definition: def,
    prefill: {},
    resume: null,
    orgName: await orgName(db, s.org_id),
  };
}

type TSubmitBody = z.output<typeof ZResponseSubmitSchema>;

/** A unit id given with an answer must be one of the org's units. */
export async function checkUnit(db: Sql, orgId: string, unitId: string | null | undefined) {
  if (!unitId) return null;
  const units = await listUnits(db, orgId);
  if (!units.some((u) => u.id === unitId)) {
    throw new AppError('SURVEY_UNIT_INVALID', { field: 'unitId' });
  }
  return unitId;
}

export async function submitPublic(
  db: Sql,
  slug: string,
  body: TSubmitBody,
  ctx: { acceptLanguage?: string | undefined; deviceKey?: string | undefined },
): Promise<TSubmitResult & { thankYou?: unknown }> {
  const s = await surveyBySlug(db, slug);
  assertOpen(s);
  const st = repo.settingsOf(s);
  if (!st.anonymousLink) throw new AppError('SURVEY_NOT_FOUND');
  const d = await definitionOf(db, s.org_id, s.id, body.version ?? (s.published_version as number));
  const channel = st.kiosk ? 'kiosk' : (body.channel ?? 'web');
  const res = await storeResponse(db, s, {
    id: body.id,
    status: body.status,
    language:
      body.language ?? pickSurveyLanguage(d.languages, d.defaultLanguage, ctx.acceptLanguage),
    version: body.version,
    answers: body.answers,
    channel,
    customerId: null,
    orgUnitId: (await checkUnit(db, s.org_id, body.unitId)) ?? st.unitId,
    enteredBy: null,
    invitationId: null,
    deviceKey: channel === 'kiosk' ? null : (body.deviceKey ?? ctx.deviceKey ?? null),
    startedAt: body.startedAt ?? null,
    page: body.page ?? null,
    raw: body,
    duplicates: channel === 'kiosk' ? 'off' : st.duplicates,
  });
  return { ...res, ...(res.status === 'complete' ? { thankYou: d.thankYou } : {}) };
}

/** Resume an anonymous partial: the client-generated id is the secret. */
export async function resumePublic(db: Sql, slug: string, id: string) {
  const s = await surveyBySlug(db, slug);
  const r = await repo.getResponse(db, s.org_id, id);
  if (!r || r.survey_id !== s.id || r.invitation_id) throw new AppError('NOT_FOUND');
  return { id: r.id, status: r.status, page: r.page, answers: r.raw.answers ?? {} };
}

// -------------------------------------------------------------------- personal-link side
export async function publicByToken(
  db: Sql,
  token: string,
  prefs: { lang?: string | undefined; acceptLanguage?: string | undefined },
) {
  const inv = await tokens.invitationByToken(db, token);
  const s = await repo.getSurvey(db, inv.org_id, inv.survey_id);
  if (!s) throw new AppError('SURVEY_NOT_FOUND');
  assertOpen(s);
  const version = s.published_version as number;
  const v = await repo.getVersion(db, s.org_id, s.id, version);
  if (!v) throw new AppError('SURVEY_NOT_FOUND');
  await tokens.markOpened(db, inv.org_id, inv.id);
  const partial = inv.response_id ? await repo.getResponse(db, inv.org_id, inv.response_id) : null;
  const def = v.definition;
  return {
    slug: s.slug,
    version,
    language: pickSurveyLanguage(def.languages, def.defaultLanguage, prefs.lang, inv.language),
    kiosk: false,
    definition: def,
    prefill: inv.attrs,
    resume:
      partial && partial.status === 'partial'
        ? { id: partial.id, answers: partial.raw.answers ?? {}, page: partial.page }
        : null,
    orgName: await orgName(db, s.org_id),
  };
}

export async function submitByToken(db: Sql, token: string, body: TSubmitBody) {
  const inv = await tokens.invitationByToken(db, token, { retryOf: body.id });
  const s = await repo.getSurvey(db, inv.org_id, inv.survey_id);
  if (!s) throw new AppError('SURVEY_NOT_FOUND');
  assertOpen(s);
  if (inv.response_id && inv.response_id !== body.id) {
    throw new AppError('SURVEY_RESPONSE_CONFLICT', { field: 'id' });
  }
  const d = await definitionOf(db, s.org_id, s.id, body.version ?? (s.published_version as number));
  const res = await storeResponse(db, s, {
    id: body.id,
    status: body.status,
    language: body.language ?? pickSurveyLanguage(d.languages, d.defaultLanguage, inv.language),
    version: body.version,
    answers: body.answers,
    channel: inv.channel,
    customerId: inv.customer_id,
    orgUnitId: (await tokens.invitationUnit(db, inv.org_id, inv.id)) ?? repo.settingsOf(s).unitId,
    enteredBy: null,
    invitationId: inv.id,
    deviceKey: null,
    startedAt: body.startedAt ?? null,
    page: body.page ?? null,
    raw: body,
    duplicates: 'off',
    onStored: (tx, r) => tokens.recordUse(tx, inv.org_id, inv.id, r.id, r.status === 'complete'),
  });
  return { ...res, ...(res.status === 'complete' ? { thankYou: d.thankYou } : {}) };
}
