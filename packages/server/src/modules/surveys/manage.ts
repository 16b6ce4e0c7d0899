// Surveys as staff build them: list/detail, create (blank or template), settings, the draft
// definition, publishing immutable versions, export/import of a definition. Re-exported by
// service.ts.
import { randomBytes } from 'node:crypto';
import type {
  TSurveyCreate,
  TSurveyDefinition,
  TSurveyDetail,
  TSurveyExport,
  TSurveyPatch,
  TSurveySettings,
  TSurveySummary,
} from '@fidelia/contracts';
import { ZSurveyExportSchema, ZSurveySettingsSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import { hashJson, validateDefinition } from './definition';
import * as repo from './repo';
import { forget } from './slug-cache';
import { buildTemplate, TEMPLATES } from './templates';

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

/** The survey's current definition (NOT_FOUND when unknown or another org's): one read, for the
 *  reports that need neither its response counts nor its versions (getSurvey reads three). */
export async function getDefinition(
  db: Sql,
  auth: AuthContext,
  id: string,
): Promise<TSurveyDefinition> {
  const r = await repo.getSurvey(db, auth.orgId, id);
  if (!r) throw new AppError('NOT_FOUND');
  return r.draft;
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
