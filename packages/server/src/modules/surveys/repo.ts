// Survey SQL. Every function takes the org id first and every statement filters on it, except the
// two public lookups that *find* the org (global slug, token hash).
import type { TSurveyDefinition, TSurveySettings } from '@fidelia/contracts';
import { ZSurveySettingsSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { TLongRow } from './answers';

export interface TSurveyRow {
  org_id: string;
  id: string;
  name: string;
  slug: string;
  status: 'draft' | 'open' | 'closed';
  template: string | null;
  settings: Partial<TSurveySettings>;
  draft: TSurveyDefinition;
  draft_hash: string;
  published_version: number | null;
  published_hash: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const SURVEY_COLS = `s.org_id, s.id, s.name, s.slug, s.status, s.template, s.settings, s.draft,
  s.draft_hash, s.published_version, s.created_at, s.updated_at,
  (SELECT v.hash FROM survey_versions v WHERE v.org_id = s.org_id AND v.survey_id = s.id
     AND v.version = s.published_version) AS published_hash`;

export const settingsOf = (r: Pick<TSurveyRow, 'settings'>): TSurveySettings =>
  ZSurveySettingsSchema.parse(r.settings ?? {});

export async function insertSurvey(
  db: Sql,
  orgId: string,
  v: {
    name: string;
    slug: string;
    template: string | null;
    settings: Partial<TSurveySettings>;
    draft: TSurveyDefinition;
    draftHash: string;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO surveys (org_id, name, slug, template, settings, draft, draft_hash, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) RETURNING id`,
    [
      orgId,
      v.name,
      v.slug,
      v.template,
      JSON.stringify(v.settings),
      JSON.stringify(v.draft),
      v.draftHash,
      v.createdBy,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function slugTaken(db: Sql, slug: string, exceptId?: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM surveys WHERE slug = $1 AND id IS DISTINCT FROM $2', [
    slug,
    exceptId ?? null,
  ]);
  return r.rows.length > 0;
}

const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function getSurvey(
  db: Sql,
  orgId: string,
  id: string,
  forUpdate = false,
): Promise<TSurveyRow | null> {
  if (!isUuid(id)) return null;
  const r = await db.query<TSurveyRow>(
    `SELECT ${SURVEY_COLS} FROM surveys s WHERE s.org_id = $1 AND s.id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

/** Public lookup: the slug is global and identifies the org. */
export async function getSurveyBySlug(db: Sql, slug: string): Promise<TSurveyRow | null> {
  const r = await db.query<TSurveyRow>(`SELECT ${SURVEY_COLS} FROM surveys s WHERE s.slug = $1`, [
    slug,
  ]);
  return r.rows[0] ?? null;
}

export async function listSurveys(db: Sql, orgId: string) {
  const r = await db.query<TSurveyRow & { complete: number; partial: number }>(
    `SELECT ${SURVEY_COLS},
       (SELECT count(*)::int FROM survey_responses x
         WHERE x.org_id = s.org_id AND x.survey_id = s.id AND x.status = 'complete') AS complete,
       (SELECT count(*)::int FROM survey_responses x
         WHERE x.org_id = s.org_id AND x.survey_id = s.id AND x.status = 'partial') AS partial
       FROM surveys s WHERE s.org_id = $1 ORDER BY s.updated_at DESC, s.id`,
    [orgId],
  );
  return r.rows;
}

export async function responseCounts(db: Sql, orgId: string, surveyId: string) {
  const r = await db.query<{ status: string; version: number; n: number }>(
    `SELECT status, version, count(*)::int AS n FROM survey_responses
      WHERE org_id = $1 AND survey_id = $2 GROUP BY status, version`,
    [orgId, surveyId],
  );
  return r.rows;
}

export async function updateSurvey(
  db: Sql,
  orgId: string,
  id: string,
  v: {
    name?: string;
    slug?: string;
    status?: string;
    settings?: Partial<TSurveySettings>;
    draft?: TSurveyDefinition;
    draftHash?: string;
    publishedVersion?: number;
  },
): Promise<void> {
  await db.query(
    `UPDATE surveys SET name = COALESCE($3, name), slug = COALESCE($4, slug),
            status = COALESCE($5, status), settings = COALESCE($6::jsonb, settings),
            draft = COALESCE($7::jsonb, draft), draft_hash = COALESCE($8, draft_hash),
            published_version = COALESCE($9, published_version), updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [
      orgId,
      id,
      v.name ?? null,
      v.slug ?? null,
      v.status ?? null,
      v.settings ? JSON.stringify(v.settings) : null,
      v.draft ? JSON.stringify(v.draft) : null,
      v.draftHash ?? null,
      v.publishedVersion ?? null,
    ],
  );
}

export async function insertVersion(
  db: Sql,
  orgId: string,
  surveyId: string,
  version: number,
  def: TSurveyDefinition,
  hash: string,
  by: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO survey_versions (org_id, survey_id, version, definition, hash, published_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
    [orgId, surveyId, version, JSON.stringify(def), hash, by],
  );
}

export async function getVersion(
  db: Sql,
  orgId: string,
  surveyId: string,
  version: number,
): Promise<{ definition: TSurveyDefinition; published_at: string | Date } | null> {
  const r = await db.query<{ definition: TSurveyDefinition; published_at: string | Date }>(
    `SELECT definition, published_at FROM survey_versions
      WHERE org_id = $1 AND survey_id = $2 AND version = $3`,
    [orgId, surveyId, version],
  );
  return r.rows[0] ?? null;
}

export async function listVersions(db: Sql, orgId: string, surveyId: string) {
  const r = await db.query<{ version: number; published_at: string | Date }>(
    `SELECT version, published_at FROM survey_versions WHERE org_id = $1 AND survey_id = $2
      ORDER BY version`,
    [orgId, surveyId],
  );
  return r.rows;
}

export async function allDefinitions(db: Sql, orgId: string, surveyId: string) {
  const r = await db.query<{ version: number; definition: TSurveyDefinition }>(
    `SELECT version, definition FROM survey_versions WHERE org_id = $1 AND survey_id = $2
      ORDER BY version DESC`,
    [orgId, surveyId],
  );
  return r.rows;
}

// --------------------------------------------------------------------------------- responses
export interface TResponseRow {
  org_id: string;
  id: string;
  survey_id: string;
  version: number;
  status: 'partial' | 'complete';
  channel: string;
  language: 'es' | 'en';
  customer_id: string | null;
  org_unit_id: string | null;
  entered_by: string | null;
  invitation_id: string | null;
  device_key: string | null;
  duplicate_of: string | null;
  raw: { answers?: Record<string, unknown> } & Record<string, unknown>;
  body_hash: string;
  page: number | null;
  started_at: Date | string | null;
  submitted_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface TResponseInsert {
  id: string;
  surveyId: string;
  version: number;
  status: 'partial' | 'complete';
  channel: string;
  language: string;
  customerId: string | null;
  orgUnitId: string | null;
  enteredBy: string | null;
  invitationId: string | null;
  deviceKey: string | null;
  duplicateOf: string | null;
  raw: unknown;
  bodyHash: string;
  page: number | null;
  startedAt: string | null;
  submittedAt: string | null;
}

/** Inserts unless the (org, id) exists; true when this call created the row. */
export async function insertResponse(db: Sql, orgId: string, v: TResponseInsert): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
        customer_id, org_unit_id, entered_by, invitation_id, device_key, duplicate_of, raw,
        body_hash, page, started_at, submitted_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14::jsonb,$15,$16,$17,$18)
     ON CONFLICT (org_id, id) DO NOTHING RETURNING id`,
    [
      orgId,
      v.id,
      v.surveyId,
      v.version,
      v.status,
      v.channel,
      v.language,
      v.customerId,
      v.orgUnitId,
      v.enteredBy,
      v.invitationId,
      v.deviceKey,
      v.duplicateOf,
      JSON.stringify(v.raw),
      v.bodyHash,
      v.page,
      v.startedAt,
      v.submittedAt,
    ],
  );
  return r.rows.length === 1;
}

/**
 * The common case in ONE statement (one round trip, atomic in autocommit): insert the response
 * unless its id exists, flag a soft duplicate from the same device, and insert its long answers.
 * Returns false on an id conflict (the caller then takes the transactional path).
 */
export async function insertResponseWithAnswers(
  db: Sql,
  orgId: string,
  v: TResponseInsert,
  rows: TLongRow[],
  softDuplicate: boolean,
): Promise<boolean> {
  const r = await db.query<{ created: number }>(
    `WITH r AS (
       INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
          customer_id, org_unit_id, entered_by, invitation_id, device_key, duplicate_of, raw,
          body_hash, page, started_at, submitted_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,
         CASE WHEN $18::boolean THEN (
           SELECT x.id FROM survey_responses x
            WHERE x.org_id = $1 AND x.survey_id = $3 AND x.device_key = $12 AND x.id <> $2
              AND x.status = 'complete' AND x.created_at > now() - interval '24 hours'
            ORDER BY x.created_at LIMIT 1) END,
         $13::jsonb,$14,$15,$16,$17)
       ON CONFLICT (org_id, id) DO NOTHING RETURNING id),
     a AS (
       INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num, txt)
       SELECT $1, $3, r.id, u.k, u.i, u.t, u.n, u.x
         FROM r, unnest($19::text[], $20::text[], $21::text[], $22::float8[], $23::text[])
              AS u(k, i, t, n, x)
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM r) AS created`,
    [
      orgId,
      v.id,
      v.surveyId,
      v.version,
      v.status,
      v.channel,
      v.language,
      v.customerId,
      v.orgUnitId,
      v.enteredBy,
      v.invitationId,
      v.deviceKey,
      JSON.stringify(v.raw),
      v.bodyHash,
      v.page,
      v.startedAt,
      v.submittedAt,
      softDuplicate,
      rows.map((x) => x.questionKey),
      rows.map((x) => x.item),
      rows.map((x) => x.tag),
      rows.map((x) => x.num),
      rows.map((x) => x.txt),
    ],
  );
  return r.rows[0]?.created === 1;
}

/** Overwrites a partial response (resume). */
export async function updatePartial(db: Sql, orgId: string, v: TResponseInsert): Promise<void> {
  await db.query(
    `UPDATE survey_responses SET version = $3, status = $4, language = $5, raw = $6::jsonb,
            body_hash = $7, page = $8, submitted_at = $9, duplicate_of = $10,
            org_unit_id = COALESCE($11, org_unit_id), updated_at = now()
      WHERE org_id = $1 AND id = $2 AND status = 'partial'`,
    [
      orgId,
      v.id,
      v.version,
      v.status,
      v.language,
      JSON.stringify(v.raw),
      v.bodyHash,
      v.page,
      v.submittedAt,
      v.duplicateOf,
      v.orgUnitId,
    ],
  );
  await db.query('DELETE FROM survey_answers WHERE org_id = $1 AND response_id = $2', [
    orgId,
    v.id,
  ]);
}

export async function getResponse(
  db: Sql,
  orgId: string,
  id: string,
  forUpdate = false,
): Promise<TResponseRow | null> {
  if (!isUuid(id)) return null;
  const r = await db.query<TResponseRow>(
    `SELECT * FROM survey_responses WHERE org_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertAnswers(
  db: Sql,
  orgId: string,
  surveyId: string,
  responseId: string,
  rows: TLongRow[],
): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num, txt)
     SELECT $1, $2, $3, k, i, t, n, x
       FROM unnest($4::text[], $5::text[], $6::text[], $7::float8[], $8::text[]) AS u(k, i, t, n, x)`,
    [
      orgId,
      surveyId,
      responseId,
      rows.map((r) => r.questionKey),
      rows.map((r) => r.item),
      rows.map((r) => r.tag),
      rows.map((r) => r.num),
      rows.map((r) => r.txt),
    ],
  );
}

export async function countComplete(db: Sql, orgId: string, surveyId: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM survey_responses
      WHERE org_id = $1 AND survey_id = $2 AND status = 'complete'`,
    [orgId, surveyId],
  );
  return r.rows[0]?.n ?? 0;
}

/** A complete response from the same device key within the last 24 h. */
export async function recentFromDevice(
  db: Sql,
  orgId: string,
  surveyId: string,
  deviceKey: string,
  exceptId: string,
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM survey_responses
      WHERE org_id = $1 AND survey_id = $2 AND device_key = $3 AND id <> $4
        AND status = 'complete' AND created_at > now() - interval '24 hours'
      ORDER BY created_at LIMIT 1`,
    [orgId, surveyId, deviceKey, exceptId],
  );
  return r.rows[0]?.id ?? null;
}
