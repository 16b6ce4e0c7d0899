// Survey SQL. Every function takes the org id first and every statement filters on it, except the
// two public lookups that *find* the org (global slug, token hash).
import type { TSurveyDefinition, TSurveySettings } from '@fidelia/contracts';
import { ZSurveySettingsSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { isUuid } from '../../lib/uuid';
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

/** Survey names by id (ids compared as text, so a malformed id matches nothing). */
export async function surveyNameRows(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id::text, name FROM surveys WHERE org_id = $1 AND id::text = ANY($2::text[])',
    [orgId, ids],
  );
  return rows;
}

export async function listSurveys(db: Sql, orgId: string) {
  const r = await db.query<TSurveyRow & { complete: number; partial: number }>(
    `SELECT ${SURVEY_COLS},
       -- counts kept by the analytics triggers (published view, migration 501), not count(*) per survey
       (SELECT coalesce(sum(x.n), 0)::int FROM pub_survey_response_counts x
         WHERE x.org_id = s.org_id AND x.survey_id = s.id AND x.status = 'complete') AS complete,
       (SELECT coalesce(sum(x.n), 0)::int FROM pub_survey_response_counts x
         WHERE x.org_id = s.org_id AND x.survey_id = s.id AND x.status = 'partial') AS partial
       FROM surveys s WHERE s.org_id = $1 ORDER BY s.updated_at DESC, s.id`,
    [orgId],
  );
  return r.rows;
}

export async function responseCounts(db: Sql, orgId: string, surveyId: string) {
  const r = await db.query<{ status: string; version: number; n: number }>(
    // kept by the analytics triggers (view of migration 501) instead of count(*) over the responses
    `SELECT status, version, n::int AS n FROM pub_survey_response_counts
      WHERE org_id = $1 AND survey_id = $2 AND n <> 0`,
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

export interface TNewResponse {
  orgId: string;
  values: TResponseInsert;
  rows: TLongRow[];
  /** flag (not refuse) a complete response from a device seen in the last 24 h */
  softDuplicate: boolean;
}

/**
 * The common case in ONE statement (one round trip, atomic in autocommit, so durable when it
 * returns): insert new responses unless their (org, id) exists, flag soft duplicates from the
 * same device, and insert the long answers of the rows actually inserted. Several concurrent
 * submissions share one statement (see submit.ts). The caller must not put the same (org, id)
 * twice in one call. Returns the keys `${orgId}:${id}` that this call created; the others
 * exist already (retry, resumed partial or conflict: the caller decides in a transaction).
 */
export async function insertNewResponses(db: Sql, items: TNewResponse[]): Promise<Set<string>> {
  const col = <T>(f: (x: TNewResponse) => T) => items.map(f);
  const ans = items.flatMap((x) => x.rows.map((r) => ({ x, r })));
  const res = await db.query<{ org_id: string; id: string }>(
    `WITH v AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[],
         $7::text[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[], $12::text[], $13::text[],
         $14::text[], $15::int[], $16::timestamptz[], $17::timestamptz[], $18::boolean[])
         AS v(org_id, id, survey_id, version, status, channel, language, customer_id, org_unit_id,
              entered_by, invitation_id, device_key, raw, body_hash, page, started_at,
              submitted_at, soft)),
     r AS (
       INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
          customer_id, org_unit_id, entered_by, invitation_id, device_key, duplicate_of, raw,
          body_hash, page, started_at, submitted_at)
       SELECT v.org_id, v.id, v.survey_id, v.version, v.status, v.channel, v.language,
              v.customer_id, v.org_unit_id, v.entered_by, v.invitation_id, v.device_key,
              CASE WHEN v.soft THEN (
                SELECT x.id FROM survey_responses x
                 WHERE x.org_id = v.org_id AND x.survey_id = v.survey_id
                   AND x.device_key = v.device_key AND x.id <> v.id AND x.status = 'complete'
                   AND x.created_at > now() - interval '24 hours'
                 ORDER BY x.created_at LIMIT 1) END,
              v.raw::jsonb, v.body_hash, v.page, v.started_at, v.submitted_at
         FROM v
       ON CONFLICT (org_id, id) DO NOTHING RETURNING org_id, id),
     a AS (
       INSERT INTO survey_answers (org_id, survey_id, response_id, question_key, item, tag, num, txt)
       SELECT u.o, u.s, u.rid, u.k, u.i, u.t, u.n, u.x
         FROM unnest($19::uuid[], $20::uuid[], $21::uuid[], $22::text[], $23::text[], $24::text[],
                     $25::float8[], $26::text[]) AS u(o, s, rid, k, i, t, n, x)
         JOIN r ON r.org_id = u.o AND r.id = u.rid
       RETURNING 1)
     SELECT org_id, id FROM r`,
    [
      col((x) => x.orgId),
      col((x) => x.values.id),
      col((x) => x.values.surveyId),
      col((x) => x.values.version),
      col((x) => x.values.status),
      col((x) => x.values.channel),
      col((x) => x.values.language),
      col((x) => x.values.customerId),
      col((x) => x.values.orgUnitId),
      col((x) => x.values.enteredBy),
      col((x) => x.values.invitationId),
      col((x) => x.values.deviceKey),
      col((x) => JSON.stringify(x.values.raw)),
      col((x) => x.values.bodyHash),
      col((x) => x.values.page),
      col((x) => x.values.startedAt),
      col((x) => x.values.submittedAt),
      col((x) => x.softDuplicate),
      ans.map((a) => a.x.orgId),
      ans.map((a) => a.x.values.surveyId),
      ans.map((a) => a.x.values.id),
      ans.map((a) => a.r.questionKey),
      ans.map((a) => a.r.item),
      ans.map((a) => a.r.tag),
      ans.map((a) => a.r.num),
      ans.map((a) => a.r.txt),
    ],
    { prepare: 'surveys.insert_new_responses' },
  );
  return new Set(res.rows.map((r) => `${r.org_id}:${r.id}`));
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

/**
 * GDPR erase of a customer: what they wrote in their own words (text and contact answers) is
 * blanked in every response linked to them; scores stay (they hold nothing personal and the
 * statistics keep their n).
 */
export async function eraseCustomerAnswers(db: Sql, orgId: string, customerId: string) {
  await db.query(
    `UPDATE survey_answers a SET txt = NULL
       FROM survey_responses r
       JOIN survey_versions v ON v.org_id = r.org_id AND v.survey_id = r.survey_id
                             AND v.version = r.version
      WHERE r.org_id = $1 AND r.customer_id = $2 AND a.org_id = r.org_id AND a.response_id = r.id
        AND a.txt IS NOT NULL
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.definition->'pages') p,
                                  jsonb_array_elements(p->'questions') q
                     WHERE q->>'key' = a.question_key AND q->>'type' IN ('text', 'contact'))`,
    [orgId, customerId],
  );
}
