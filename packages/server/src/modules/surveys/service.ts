// Survey rules: building/versioning definitions, public fetch and submit, staff entry, results.
// Other modules use surveys only through this file (createPersonalLink, responsesLong, ...).
import { randomBytes } from 'node:crypto';
import type {
  TResponse,
  TSurveyCreate,
  TSurveyDetail,
  TSurveyExport,
  TSurveyLanguage,
  TSurveyPatch,
  TSurveySettings,
  TSurveySummary,
  ZResponseListQuerySchema,
  ZResponseSubmitSchema,
  ZStaffEntrySchema,
} from '@fidelia/contracts';
import { ZSurveyExportSchema, ZSurveySettingsSchema } from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, errorBody, registerErrors } from '../../lib/errors';
import { audit, registerAuditLabels } from '../audit/service';
import * as customers from '../customers/service';
import { listUnits, unitScope } from '../orgs/service';
import { hashJson, validateDefinition } from './definition';
import { assertAttachable, logStaffContact } from './outreach';
import * as repo from './repo';
import { assertOpen, definitionOf, storeResponse, type TSubmitResult } from './submit';
import { buildTemplate, TEMPLATES } from './templates';
import { timelineFor } from './timeline';
import * as tokens from './tokens';

export { createPersonalLink } from './tokens';
export { timelineFor };

customers.registerTimelineSource('surveys', timelineFor);
/** Survey names by id (audit log labels, other modules' screens such as the timeline). */
export async function surveyNames(db: Sql, orgId: string, ids: string[]) {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id::text, name FROM surveys WHERE org_id = $1 AND id::text = ANY($2::text[])',
    [orgId, ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
registerAuditLabels('survey', surveyNames);

registerErrors({
  SURVEY_SLUG_TAKEN: {
    status: 409,
    es: 'Ese enlace público ya está en uso.',
    en: 'That public link is already taken.',
  },
  SURVEY_NOT_PUBLISHED: {
    status: 409,
    es: 'Publica la encuesta antes de abrirla.',
    en: 'Publish the survey before opening it.',
  },
  SURVEY_CUSTOMER_INVALID: {
    status: 400,
    es: 'El cliente no existe o está fuera de tu ámbito.',
    en: 'Unknown customer or outside your scope.',
  },
});

// ------------------------------------------------------------------------------ surveys
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function slugify(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base.length >= 3 ? base : 'encuesta'}-${randomBytes(3).toString('hex')}`;
}

function summary(
  r: repo.TSurveyRow,
  counts: { complete: number; partial: number },
): TSurveySummary {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    status: r.status,
    template: r.template,
    settings: repo.settingsOf(r),
    publishedVersion: r.published_version,
    hasDraftChanges: r.published_hash !== r.draft_hash,
    responses: counts,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

export async function listSurveys(db: Sql, auth: AuthContext) {
  const rows = await repo.listSurveys(db, auth.orgId);
  return { items: rows.map((r) => summary(r, { complete: r.complete, partial: r.partial })) };
}

export async function getSurvey(db: Sql, auth: AuthContext, id: string): Promise<TSurveyDetail> {
  const r = await repo.getSurvey(db, auth.orgId, id);
  if (!r) throw new AppError('NOT_FOUND');
  const counts = await repo.responseCounts(db, auth.orgId, id);
  const sum = (st: string) => counts.filter((c) => c.status === st).reduce((s, c) => s + c.n, 0);
  const versions = await repo.listVersions(db, auth.orgId, id);
  return {
    ...summary(r, { complete: sum('complete'), partial: sum('partial') }),
    definition: r.draft,
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: iso(v.published_at) as string,
      responses: counts.filter((c) => c.version === v.version).reduce((s, c) => s + c.n, 0),
    })),
    publicPath: `/s/${r.slug}`,
  };
}

export async function createSurvey(
  db: Sql,
  auth: { orgId: string; userId: string | null; email: string | null },
  body: TSurveyCreate,
): Promise<string> {
  const input = body.template
    ? buildTemplate(body.template, body.templateParams ?? {})
    : (body.definition ?? buildTemplate('', body.templateParams ?? {}));
  const draft = validateDefinition(input);
  const slug = body.slug ?? slugify(body.name);
  if (await repo.slugTaken(db, slug)) throw new AppError('SURVEY_SLUG_TAKEN', { field: 'slug' });
  const settings = ZSurveySettingsSchema.partial().parse(body.settings ?? {});
  return db.transaction(async (tx) => {
    const id = await repo.insertSurvey(tx, auth.orgId, {
      name: body.name,
      slug,
      template: body.template ?? null,
      settings,
      draft,
      draftHash: hashJson(draft),
      createdBy: auth.userId,
    });
    await audit(tx, auth, { action: 'survey.created', entity: 'survey', entityId: id });
    return id;
  });
}

// Public surveys by slug, cached one second (closing/editing in this process invalidates).
const slugCache = new Map<string, { at: number; row: repo.TSurveyRow | null }>();
function forget(row: { slug: string }) {
  slugCache.delete(row.slug);
}
async function surveyBySlug(db: Sql, slug: string): Promise<repo.TSurveyRow> {
  const hit = slugCache.get(slug);
  let row: repo.TSurveyRow | null;
  if (hit && Date.now() - hit.at < 1000) row = hit.row;
  else {
    row = /^[a-z0-9][a-z0-9-]{2,62}$/.test(slug) ? await repo.getSurveyBySlug(db, slug) : null;
    if (slugCache.size > 5000) slugCache.clear();
    slugCache.set(slug, { at: Date.now(), row });
  }
  if (!row) throw new AppError('SURVEY_NOT_FOUND');
  return row;
}

export async function patchSurvey(
  db: Sql,
  auth: AuthContext,
  id: string,
  body: TSurveyPatch,
): Promise<TSurveyDetail> {
  const before = await repo.getSurvey(db, auth.orgId, id);
  if (!before) throw new AppError('NOT_FOUND');
  if (body.slug && body.slug !== before.slug && (await repo.slugTaken(db, body.slug, id))) {
    throw new AppError('SURVEY_SLUG_TAKEN', { field: 'slug' });
  }
  if (body.status === 'open' && before.published_version === null) {
    throw new AppError('SURVEY_NOT_PUBLISHED');
  }
  const settings = body.settings
    ? ZSurveySettingsSchema.parse({ ...repo.settingsOf(before), ...body.settings })
    : undefined;
  await db.transaction(async (tx) => {
    await repo.updateSurvey(tx, auth.orgId, id, {
      ...(body.name ? { name: body.name } : {}),
      ...(body.slug ? { slug: body.slug } : {}),
      ...(body.status ? { status: body.status } : {}),
      ...(settings ? { settings } : {}),
    });
    await audit(tx, auth, {
      action: 'survey.updated',
      entity: 'survey',
      entityId: id,
      changes: { ...body },
    });
  });
  forget(before);
  return getSurvey(db, auth, id);
}

export async function saveDefinition(
  db: Sql,
  auth: AuthContext,
  id: string,
  definition: unknown,
): Promise<TSurveyDetail> {
  const before = await repo.getSurvey(db, auth.orgId, id);
  if (!before) throw new AppError('NOT_FOUND');
  const draft = validateDefinition(definition);
  await repo.updateSurvey(db, auth.orgId, id, { draft, draftHash: hashJson(draft) });
  return getSurvey(db, auth, id);
}

/** Freezes the draft as a new immutable version (no-op when the draft is unchanged). */
export async function publish(db: Sql, auth: AuthContext, id: string): Promise<TSurveyDetail> {
  await db.transaction(async (tx) => {
    const s = await repo.getSurvey(tx, auth.orgId, id, true);
    if (!s) throw new AppError('NOT_FOUND');
    if (s.published_hash === s.draft_hash) return;
    const version = (s.published_version ?? 0) + 1;
    await repo.insertVersion(tx, auth.orgId, id, version, s.draft, s.draft_hash, auth.userId);
    await repo.updateSurvey(tx, auth.orgId, id, {
      publishedVersion: version,
      ...(s.status === 'draft' ? { status: 'open' } : {}),
    });
    await audit(tx, auth, {
      action: 'survey.published',
      entity: 'survey',
      entityId: id,
      changes: { version },
    });
    forget(s);
  });
  return getSurvey(db, auth, id);
}

export async function getVersion(db: Sql, auth: AuthContext, id: string, version: number) {
  if (!(await repo.getSurvey(db, auth.orgId, id))) throw new AppError('NOT_FOUND');
  const v = await repo.getVersion(db, auth.orgId, id, version);
  if (!v) throw new AppError('NOT_FOUND');
  return { version, publishedAt: iso(v.published_at), definition: v.definition };
}

export async function exportDefinition(db: Sql, auth: AuthContext, id: string) {
  const s = await repo.getSurvey(db, auth.orgId, id);
  if (!s) throw new AppError('NOT_FOUND');
  return {
    format: 'fidelia.survey' as const,
    formatVersion: 1 as const,
    name: s.name,
    settings: repo.settingsOf(s),
    definition: s.draft,
  };
}

export async function importSurvey(db: Sql, auth: AuthContext, file: TSurveyExport) {
  const f = ZSurveyExportSchema.parse(file);
  const { unitId: _u, ...settings } = f.settings ?? {};
  return createSurvey(db, auth, { name: f.name, definition: f.definition, settings });
}

export const templates = () => ({ items: TEMPLATES });

/** For other modules/demo: a survey from a template, published and open. */
export async function ensureSurveyFromTemplate(
  db: Sql,
  orgId: string,
  template: string,
  name: string,
  opts: { slug?: string; settings?: Partial<TSurveySettings> } = {},
): Promise<string> {
  const actor = { orgId, userId: null, email: null };
  const id = await createSurvey(db, actor, {
    name,
    template: template as never,
    ...(opts.slug ? { slug: opts.slug } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
  });
  const s = (await repo.getSurvey(db, orgId, id)) as repo.TSurveyRow;
  await repo.insertVersion(db, orgId, id, 1, s.draft, s.draft_hash, null);
  await repo.updateSurvey(db, orgId, id, { publishedVersion: 1, status: 'open' });
  return id;
}

export async function findSurveyBySlug(db: Sql, orgId: string, slug: string) {
  const s = await repo.getSurveyBySlug(db, slug);
  return s && s.org_id === orgId ? { id: s.id, name: s.name, status: s.status } : null;
}

// ---------------------------------------------------------------------------- public side
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
  const r = await db.query<{ name: string }>('SELECT name FROM orgs WHERE id = $1', [orgId]);
  return r.rows[0]?.name ?? '';
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

async function checkUnit(db: Sql, orgId: string, unitId: string | null | undefined) {
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

// ---------------------------------------------------------------------------- staff entry
type TStaffBody = z.output<typeof ZStaffEntrySchema>;

export async function staffEntry(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  body: TStaffBody,
): Promise<TSubmitResult> {
  const s = await repo.getSurvey(db, auth.orgId, surveyId);
  if (!s) throw new AppError('NOT_FOUND');
  if (s.published_version === null) throw new AppError('SURVEY_NOT_PUBLISHED');
  // Paper forms may arrive after closing; staff may key them in unless the survey is a draft.
  let unitId = body.orgUnitId ?? null;
  if (body.customerId) {
    const c = await customers.get(db, auth, body.customerId).catch(() => null);
    if (!c || c.status === 'erased') {
      throw new AppError('SURVEY_CUSTOMER_INVALID', { field: 'customerId' });
    }
    await assertAttachable(db, auth, c);
    unitId ??= c.unitId;
  }
  await checkUnit(db, auth.orgId, unitId);
  const scope = await unitScope(db, auth);
  if (scope && (!unitId || !scope.includes(unitId))) {
    throw new AppError('FORBIDDEN', { field: 'orgUnitId' });
  }
  const stored = await storeResponse(db, s, {
    id: body.id,
    status: body.status,
    language: body.language,
    answers: body.answers,
    channel: body.channel,
    customerId: body.customerId ?? null,
    orgUnitId: unitId ?? repo.settingsOf(s).unitId,
    enteredBy: auth.userId,
    invitationId: null,
    deviceKey: null,
    startedAt: null,
    submittedAt: body.respondedAt ?? null,
    page: null,
    raw: body,
    duplicates: 'off',
  });
  if (body.customerId && !stored.replay) {
    await logStaffContact(db, auth.orgId, { customerId: body.customerId, surveyId });
  }
  return stored;
}

export async function staffBatch(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  items: TStaffBody[],
  lang: 'es' | 'en',
) {
  const results = [];
  for (const [index, item] of items.entries()) {
    try {
      const r = await staffEntry(db, auth, surveyId, item);
      results.push({ index, id: item.id, ok: true, replay: r.replay });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'NOT_FOUND') throw e;
      results.push({ index, id: item.id, ok: false, ...errorBody(e.code, lang, e.details) });
    }
  }
  const accepted = results.filter((r) => r.ok).length;
  return { accepted, rejected: results.length - accepted, results };
}

// -------------------------------------------------------------------------------- results
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
       LEFT JOIN customers c ON c.org_id = r.org_id AND c.id = r.customer_id
       LEFT JOIN users u ON u.org_id = r.org_id AND u.id = r.entered_by
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
