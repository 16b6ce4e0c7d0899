// SQL of the strategy module. Every function takes the org id first; every query filters by it.
import type { Sql } from '../../db/client';
import { iso } from '../../lib/iso';

// ------------------------------------------------------------------------------ triangle
export interface TTriangleRow {
  relation: string;
  score: number | null;
  assessment: string;
  evidence: unknown;
  actions: unknown;
  updated_at: Date | string;
}

/** The triangle of one unit (null = the whole organisation). */
export async function listTriangle(
  db: Sql,
  orgId: string,
  unitId: string | null,
): Promise<TTriangleRow[]> {
  const r = await db.query<TTriangleRow>(
    `SELECT relation, score, assessment, evidence, actions, updated_at
       FROM strategy_triangle
      WHERE org_id = $1 AND unit_id IS NOT DISTINCT FROM $2::uuid`,
    [orgId, unitId],
  );
  return r.rows;
}

/** Units with an assessed triangle: relationships assessed and the mean score. */
export async function triangleUnits(
  db: Sql,
  orgId: string,
): Promise<{ unit_id: string; assessed: number; mean: number | null }[]> {
  const r = await db.query<{ unit_id: string; assessed: string; mean: string | null }>(
    `SELECT unit_id, count(score)::text AS assessed, avg(score)::text AS mean
       FROM strategy_triangle WHERE org_id = $1 AND unit_id IS NOT NULL GROUP BY unit_id`,
    [orgId],
  );
  return r.rows.map((x) => ({
    unit_id: x.unit_id,
    assessed: Number(x.assessed),
    mean: x.mean === null ? null : Number(x.mean),
  }));
}

export async function upsertTriangle(
  db: Sql,
  orgId: string,
  userId: string,
  unitId: string | null,
  relation: string,
  v: { score: number | null; assessment: string; evidence: unknown; actions: unknown },
): Promise<TTriangleRow> {
  const r = await db.query<TTriangleRow>(
    `INSERT INTO strategy_triangle
       (org_id, relation, score, assessment, evidence, actions, updated_by, unit_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::uuid)
     ON CONFLICT (org_id, (coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid)), relation)
     DO UPDATE SET score = EXCLUDED.score,
       assessment = EXCLUDED.assessment, evidence = EXCLUDED.evidence,
       actions = EXCLUDED.actions, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING relation, score, assessment, evidence, actions, updated_at`,
    [
      orgId,
      relation,
      v.score,
      v.assessment,
      JSON.stringify(v.evidence),
      JSON.stringify(v.actions),
      userId,
      unitId,
    ],
  );
  return r.rows[0] as TTriangleRow;
}

// --------------------------------------------------------------------------- value model
export interface TValueModelRow {
  id: string;
  segment: string;
  currency: string;
  price_paid: string | number;
  survey_id: string | null;
  notes: string;
  benefits: unknown;
  competitors: unknown;
  use_classes: string[] | null;
  updated_at: Date | string;
}
const VM_COLS =
  'id, segment, currency, price_paid, survey_id, notes, benefits, competitors, use_classes, updated_at';

/** Which of these customers have one of the classes by use (pub_customers, customers module). */
export async function customersInClasses(
  db: Sql,
  orgId: string,
  customerIds: readonly string[],
  useClasses: readonly string[],
): Promise<Set<string>> {
  if (customerIds.length === 0 || useClasses.length === 0) return new Set();
  const r = await db.query<{ id: string }>(
    `SELECT id FROM pub_customers
      WHERE org_id = $1 AND id = ANY($2::uuid[]) AND use_class = ANY($3::text[])`,
    [orgId, customerIds, useClasses],
  );
  return new Set(r.rows.map((x) => x.id));
}

/** Active customers who accept surveys, of these classes by use (pub_customers): the demo's. */
export async function surveyableCustomers(
  db: Sql,
  orgId: string,
  classes: string[],
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM pub_customers
      WHERE org_id = $1 AND use_class = ANY($2::text[]) AND status = 'active' AND consent_survey
      ORDER BY external_id, id LIMIT 200`,
    [orgId, classes],
  );
  return r.rows.map((x) => x.id);
}

export async function listValueModels(db: Sql, orgId: string): Promise<TValueModelRow[]> {
  const r = await db.query<TValueModelRow>(
    `SELECT ${VM_COLS} FROM strategy_value_models WHERE org_id = $1 ORDER BY segment, id`,
    [orgId],
  );
  return r.rows;
}

export async function getValueModel(
  db: Sql,
  orgId: string,
  id: string,
): Promise<TValueModelRow | null> {
  const r = await db.query<TValueModelRow>(
    `SELECT ${VM_COLS} FROM strategy_value_models WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export interface TValueModelIn {
  segment: string;
  currency: string;
  pricePaid: number;
  surveyId: string | null;
  notes: string;
  benefits: unknown;
  competitors: unknown;
  useClasses: readonly string[];
}

/** Another model of the org already covers this segment. */
export async function segmentTaken(
  db: Sql,
  orgId: string,
  segment: string,
  exceptId: string,
): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM strategy_value_models WHERE org_id = $1 AND segment = $2 AND id <> $3',
    [orgId, segment, exceptId],
  );
  return r.rows.length > 0;
}

/** Inserts the model; false when the id is already used (this org's replay or another org's). */
export async function insertValueModel(
  db: Sql,
  orgId: string,
  userId: string,
  id: string,
  v: TValueModelIn,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO strategy_value_models
       (org_id, id, segment, currency, price_paid, survey_id, notes, benefits, competitors, updated_by,
        use_classes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11::text[])
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      orgId,
      id,
      v.segment,
      v.currency,
      v.pricePaid,
      v.surveyId,
      v.notes,
      JSON.stringify(v.benefits),
      JSON.stringify(v.competitors),
      userId,
      [...v.useClasses],
    ],
  );
  return r.rows.length > 0;
}

export async function updateValueModel(
  db: Sql,
  orgId: string,
  userId: string,
  id: string,
  v: TValueModelIn,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE strategy_value_models SET segment = $3, currency = $4, price_paid = $5,
            survey_id = $6, notes = $7, benefits = $8::jsonb, competitors = $9::jsonb,
            updated_by = $10, use_classes = $11::text[], updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING id`,
    [
      orgId,
      id,
      v.segment,
      v.currency,
      v.pricePaid,
      v.surveyId,
      v.notes,
      JSON.stringify(v.benefits),
      JSON.stringify(v.competitors),
      userId,
      [...v.useClasses],
    ],
  );
  return r.rows.length > 0;
}

export async function deleteValueModel(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM strategy_value_models WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

// --------------------------------------------------------------------------------- needs
export interface TNeedRow {
  id: string;
  segment: string;
  customer_group: string;
  text: string;
  kind: 'stated' | 'real';
  importance: number;
}
const NEED_COLS = 'id, segment, customer_group, text, kind, importance';

export async function listNeeds(
  db: Sql,
  orgId: string,
  segment: string | null,
): Promise<TNeedRow[]> {
  const r = await db.query<TNeedRow>(
    `SELECT ${NEED_COLS} FROM strategy_needs
      WHERE org_id = $1 AND ($2::text IS NULL OR segment = $2)
      ORDER BY segment, customer_group, kind DESC, position, created_at, id`,
    [orgId, segment],
  );
  return r.rows;
}

export async function getNeed(db: Sql, orgId: string, id: string): Promise<TNeedRow | null> {
  const r = await db.query<TNeedRow>(
    `SELECT ${NEED_COLS} FROM strategy_needs WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertNeed(
  db: Sql,
  orgId: string,
  userId: string,
  n: Omit<TNeedRow, 'customer_group'> & { customerGroup: string },
): Promise<TNeedRow | null> {
  // null: the id is already used (this org's replay, or another org's id: the caller decides)
  const r = await db.query<TNeedRow>(
    `INSERT INTO strategy_needs (org_id, id, segment, customer_group, text, kind, importance,
                                 position, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7,
             (SELECT coalesce(max(position), 0) + 1 FROM strategy_needs WHERE org_id = $1), $8)
     ON CONFLICT (id) DO NOTHING
     RETURNING ${NEED_COLS}`,
    [orgId, n.id, n.segment, n.customerGroup, n.text, n.kind, n.importance, userId],
  );
  return r.rows[0] ?? null;
}

export async function updateNeed(
  db: Sql,
  orgId: string,
  id: string,
  p: { customerGroup?: string; text?: string; kind?: string; importance?: number },
): Promise<TNeedRow | null> {
  const r = await db.query<TNeedRow>(
    `UPDATE strategy_needs SET customer_group = COALESCE($3, customer_group),
            text = COALESCE($4, text), kind = COALESCE($5, kind),
            importance = COALESCE($6, importance), updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING ${NEED_COLS}`,
    [orgId, id, p.customerGroup ?? null, p.text ?? null, p.kind ?? null, p.importance ?? null],
  );
  return r.rows[0] ?? null;
}

export async function deleteNeed(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM strategy_needs WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function listLinks(
  db: Sql,
  orgId: string,
  segment: string | null,
): Promise<{ needId: string; attributeId: string; strength: number }[]> {
  const r = await db.query<{ need_id: string; attribute_id: string; strength: number }>(
    `SELECT l.need_id, l.attribute_id, l.strength FROM strategy_need_links l
       JOIN strategy_needs n ON n.org_id = l.org_id AND n.id = l.need_id
      WHERE l.org_id = $1 AND ($2::text IS NULL OR n.segment = $2)`,
    [orgId, segment],
  );
  return r.rows.map((x) => ({
    needId: x.need_id,
    attributeId: x.attribute_id,
    strength: Number(x.strength),
  }));
}

export async function setLink(
  db: Sql,
  orgId: string,
  needId: string,
  attributeId: string,
  strength: number,
): Promise<void> {
  if (strength === 0) {
    await db.query(
      'DELETE FROM strategy_need_links WHERE org_id = $1 AND need_id = $2 AND attribute_id = $3',
      [orgId, needId, attributeId],
    );
    return;
  }
  await db.query(
    `INSERT INTO strategy_need_links (org_id, need_id, attribute_id, strength) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, need_id, attribute_id) DO UPDATE SET strength = EXCLUDED.strength`,
    [orgId, needId, attributeId, strength],
  );
}

export async function listTypeOverrides(db: Sql, orgId: string): Promise<Map<string, string>> {
  const r = await db.query<{ attribute_id: string; type: string }>(
    'SELECT attribute_id, type FROM strategy_attribute_types WHERE org_id = $1',
    [orgId],
  );
  return new Map(r.rows.map((x) => [x.attribute_id, x.type]));
}

export async function setTypeOverride(
  db: Sql,
  orgId: string,
  userId: string,
  attributeId: string,
  type: string | null,
): Promise<void> {
  if (type === null) {
    await db.query('DELETE FROM strategy_attribute_types WHERE org_id = $1 AND attribute_id = $2', [
      orgId,
      attributeId,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO strategy_attribute_types (org_id, attribute_id, type, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, attribute_id) DO UPDATE SET type = EXCLUDED.type,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [orgId, attributeId, type, userId],
  );
}

/** Segments the workspace uses, the most filled-in first (needs + answers + models). */
export async function segmentsInUse(db: Sql, orgId: string): Promise<string[]> {
  const r = await db.query<{ segment: string }>(
    `SELECT segment FROM (
       SELECT segment FROM strategy_needs WHERE org_id = $1
       UNION ALL SELECT segment FROM strategy_value_models WHERE org_id = $1
       UNION ALL SELECT segment FROM strategy_orientation WHERE org_id = $1 AND answer <> ''
     ) s GROUP BY segment ORDER BY count(*) DESC, segment`,
    [orgId],
  );
  return r.rows.map((x) => x.segment);
}

// ---------------------------------------------------------------------------- orientation
export async function listOrientation(
  db: Sql,
  orgId: string,
  segment: string,
): Promise<{ question: string; answer: string; evidence: unknown; updatedAt: string | null }[]> {
  const r = await db.query<{
    question: string;
    answer: string;
    evidence: unknown;
    updated_at: Date | string;
  }>(
    `SELECT question, answer, evidence, updated_at FROM strategy_orientation
      WHERE org_id = $1 AND segment = $2`,
    [orgId, segment],
  );
  return r.rows.map((x) => ({
    question: x.question,
    answer: x.answer,
    evidence: x.evidence,
    updatedAt: iso(x.updated_at),
  }));
}

export async function putOrientation(
  db: Sql,
  orgId: string,
  userId: string,
  segment: string,
  question: string,
  answer: string,
  evidence: unknown,
): Promise<void> {
  await db.query(
    `INSERT INTO strategy_orientation (org_id, segment, question, answer, evidence, updated_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (org_id, segment, question) DO UPDATE SET answer = EXCLUDED.answer,
       evidence = EXCLUDED.evidence, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [orgId, segment, question, answer, JSON.stringify(evidence), userId],
  );
}
