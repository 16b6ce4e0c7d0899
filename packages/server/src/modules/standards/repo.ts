// SQL of the standards module: the attribute catalogue, moments, standards and their versions.
// Every function takes the org id first and every statement filters by it.
import type {
  TAttribute,
  TAttributeGroup,
  TMoment,
  TServqualDimension,
  TStandard,
  TStandardVersion,
} from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { and, params } from '../../db/params';
import { iso } from '../../lib/iso';

// ------------------------------------------------------------------------- attributes

const ATTR_COLS = `a.id, a.key, a.name_es AS "nameEs", a.name_en AS "nameEn",
  a.description_es AS "descriptionEs", a.description_en AS "descriptionEn",
  a.attr_group AS "group", a.dimension, a.servqual_items AS "servqualItems", a.source,
  a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

type TAttrRow = Omit<TAttribute, 'createdAt' | 'updatedAt'> & {
  createdAt: Date | string;
  updatedAt: Date | string;
};
const attr = (r: TAttrRow): TAttribute => ({
  ...r,
  servqualItems: (r.servqualItems ?? []).map(Number),
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

export async function listAttributes(db: Sql, orgId: string): Promise<TAttribute[]> {
  const r = await db.query<TAttrRow>(
    `SELECT ${ATTR_COLS} FROM service_attributes a WHERE a.org_id = $1
      ORDER BY a.attr_group, fid_name_key(a.name_es), a.key`,
    [orgId],
  );
  return r.rows.map(attr);
}

export async function attributeById(db: Sql, orgId: string, id: string) {
  const r = await db.query<TAttrRow>(
    `SELECT ${ATTR_COLS} FROM service_attributes a WHERE a.org_id = $1 AND a.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ? attr(r.rows[0]) : null;
}

export async function attributesByKeys(db: Sql, orgId: string, keys: string[]) {
  const r = await db.query<TAttrRow>(
    `SELECT ${ATTR_COLS} FROM service_attributes a WHERE a.org_id = $1 AND a.key = ANY($2::text[])`,
    [orgId, keys],
  );
  return r.rows.map(attr);
}

export interface TAttrWrite {
  key: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string | null;
  descriptionEn: string | null;
  group: TAttributeGroup;
  dimension: TServqualDimension | null;
  servqualItems: number[];
  source: string;
}

/** Inserts the attributes whose key is new; existing keys are left as they are. */
export async function insertAttributes(db: Sql, orgId: string, xs: TAttrWrite[]): Promise<number> {
  if (xs.length === 0) return 0;
  const r = await db.query<{ id: string }>(
    `INSERT INTO service_attributes
       (org_id, key, name_es, name_en, description_es, description_en, attr_group, dimension,
        servqual_items, source)
     SELECT $1, x.key, x.name_es, x.name_en, x.description_es, x.description_en, x.attr_group,
            x.dimension, ARRAY(SELECT jsonb_array_elements_text(x.items)::int), x.source
       FROM jsonb_to_recordset($2::jsonb) AS x(key text, name_es text, name_en text,
            description_es text, description_en text, attr_group text, dimension text,
            items jsonb, source text)
     ON CONFLICT (org_id, key) DO NOTHING RETURNING id`,
    [
      orgId,
      JSON.stringify(
        xs.map((a) => ({
          key: a.key,
          name_es: a.nameEs,
          name_en: a.nameEn,
          description_es: a.descriptionEs,
          description_en: a.descriptionEn,
          attr_group: a.group,
          dimension: a.dimension,
          items: a.servqualItems,
          source: a.source,
        })),
      ),
    ],
  );
  return r.rows.length;
}

export async function updateAttribute(
  db: Sql,
  orgId: string,
  id: string,
  a: Omit<TAttrWrite, 'key' | 'source'>,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE service_attributes SET name_es = $3, name_en = $4, description_es = $5,
        description_en = $6, attr_group = $7, dimension = $8, servqual_items = $9::int[],
        updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING id`,
    [
      orgId,
      id,
      a.nameEs,
      a.nameEn,
      a.descriptionEs,
      a.descriptionEn,
      a.group,
      a.dimension,
      a.servqualItems,
    ],
  );
  return r.rows.length > 0;
}

export async function deleteAttribute(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM service_attributes WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

/** Standards (any version) that point to the attribute: a delete would orphan history. */
export async function attributeReferenced(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM service_standard_versions WHERE org_id = $1 AND attribute_id = $2 LIMIT 1',
    [orgId, id],
  );
  return r.rows.length > 0;
}

// ---------------------------------------------------------------------------- moments

export async function listMoments(db: Sql, orgId: string): Promise<TMoment[]> {
  const r = await db.query<TMoment>(
    `SELECT m.id, m.key, m.name_es AS "nameEs", m.name_en AS "nameEn", m.sort,
            (SELECT count(*)::int FROM service_standards s
              WHERE s.org_id = m.org_id AND s.moment_id = m.id) AS standards
       FROM service_moments m WHERE m.org_id = $1 ORDER BY m.sort, m.key`,
    [orgId],
  );
  return r.rows;
}

export async function insertMoments(
  db: Sql,
  orgId: string,
  xs: { key: string; nameEs: string; nameEn: string; sort: number }[],
): Promise<number> {
  if (xs.length === 0) return 0;
  const r = await db.query(
    `INSERT INTO service_moments (org_id, key, name_es, name_en, sort)
     SELECT $1, x.key, x.name_es, x.name_en, x.sort
       FROM jsonb_to_recordset($2::jsonb) AS x(key text, name_es text, name_en text, sort int)
     ON CONFLICT (org_id, key) DO NOTHING RETURNING id`,
    [
      orgId,
      JSON.stringify(
        xs.map((m) => ({ key: m.key, name_es: m.nameEs, name_en: m.nameEn, sort: m.sort })),
      ),
    ],
  );
  return r.rows.length;
}

export async function momentIds(db: Sql, orgId: string): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; key: string }>(
    'SELECT id, key FROM service_moments WHERE org_id = $1',
    [orgId],
  );
  return new Map(r.rows.map((x) => [x.key, x.id]));
}

export async function momentExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM service_moments WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return r.rows.length > 0;
}

// -------------------------------------------------------------------------- standards

const VERSION_COLS = `v.version, v.name_es AS "nameEs", v.name_en AS "nameEn",
  v.description_es AS "descriptionEs", v.description_en AS "descriptionEn",
  v.attribute_id AS "attributeId", v.dimension, v.servqual_items AS "servqualItems",
  v.measure_kind AS "measureKind", v.target_min AS "targetMin", v.target_max AS "targetMax",
  v.uom_es AS "uomEs", v.uom_en AS "uomEn", v.owner_role AS "ownerRole",
  v.promised_level AS "promisedLevel", v.unit_ids AS "unitIds", v.research_url AS "researchUrl",
  v.research_note AS "researchNote", v.research_survey_id AS "researchSurveyId",
  v.change_note AS "changeNote", v.created_by AS "createdBy", u.name AS "createdByName",
  v.created_at AS "createdAt"`;

const STANDARD_SELECT = `SELECT s.id, s.code, s.moment_id AS "momentId", m.key AS "momentKey",
    m.name_es AS "momentNameEs", m.name_en AS "momentNameEn", s.active, s.catalogue,
    s.current_version AS "currentVersion", s.updated_at AS "updatedAt",
    a.key AS "attributeKey", a.name_es AS "attributeNameEs", a.name_en AS "attributeNameEn",
    ${VERSION_COLS}
  FROM service_standards s
  JOIN service_standard_versions v
    ON v.org_id = s.org_id AND v.standard_id = s.id AND v.version = s.current_version
  JOIN service_moments m ON m.org_id = s.org_id AND m.id = s.moment_id
  LEFT JOIN service_attributes a ON a.org_id = v.org_id AND a.id = v.attribute_id
  LEFT JOIN pub_users u ON u.org_id = v.org_id AND u.id = v.created_by`;

type TVersionRow = Omit<TStandardVersion, 'createdAt'> & { createdAt: Date | string };
const version = (r: TVersionRow): TStandardVersion => ({
  version: r.version,
  nameEs: r.nameEs,
  nameEn: r.nameEn,
  descriptionEs: r.descriptionEs,
  descriptionEn: r.descriptionEn,
  attributeId: r.attributeId,
  dimension: r.dimension,
  servqualItems: (r.servqualItems ?? []).map(Number),
  measureKind: r.measureKind,
  targetMin: r.targetMin === null ? null : Number(r.targetMin),
  targetMax: r.targetMax === null ? null : Number(r.targetMax),
  uomEs: r.uomEs,
  uomEn: r.uomEn,
  ownerRole: r.ownerRole,
  promisedLevel: r.promisedLevel === null ? null : Number(r.promisedLevel),
  unitIds: r.unitIds ?? [],
  researchUrl: r.researchUrl,
  researchNote: r.researchNote,
  researchSurveyId: r.researchSurveyId,
  changeNote: r.changeNote,
  createdBy: r.createdBy,
  createdByName: r.createdByName,
  createdAt: iso(r.createdAt),
});
type TStandardRow = TVersionRow &
  Omit<TStandard, keyof TStandardVersion | 'updatedAt'> & { updatedAt: Date | string };
const standard = (r: TStandardRow): TStandard => ({
  ...version(r),
  id: r.id,
  code: r.code,
  momentId: r.momentId,
  momentKey: r.momentKey,
  momentNameEs: r.momentNameEs,
  momentNameEn: r.momentNameEn,
  active: r.active,
  catalogue: r.catalogue,
  currentVersion: r.currentVersion,
  attributeKey: r.attributeKey,
  attributeNameEs: r.attributeNameEs,
  attributeNameEn: r.attributeNameEn,
  updatedAt: iso(r.updatedAt),
});

export interface TStandardFilter {
  /** standards that apply to one of these units (an empty list of units = every unit) */
  unitIds?: string[] | null;
  momentId?: string | null;
  attributeId?: string | null;
  dimension?: string | null;
  activeOnly?: boolean;
  q?: string | null;
}

export async function listStandards(
  db: Sql,
  orgId: string,
  f: TStandardFilter = {},
): Promise<TStandard[]> {
  const p = params(orgId);
  const like = f.q ? p.add(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`) : null;
  const where = and(
    's.org_id = $1',
    f.unitIds && `(v.unit_ids = '{}' OR v.unit_ids && ${p.add(f.unitIds, 'uuid[]')})`,
    f.momentId && `s.moment_id = ${p.add(f.momentId, 'uuid')}`,
    f.attributeId && `v.attribute_id = ${p.add(f.attributeId, 'uuid')}`,
    f.dimension && `v.dimension = ${p.add(f.dimension)}`,
    f.activeOnly && 's.active',
    like && `(s.code ILIKE ${like} OR v.name_es ILIKE ${like} OR v.name_en ILIKE ${like})`,
  );
  const r = await db.query<TStandardRow>(
    `${STANDARD_SELECT} WHERE ${where} ORDER BY m.sort, m.key, s.code`,
    p.values,
  );
  return r.rows.map(standard);
}

export async function getStandard(db: Sql, orgId: string, id: string): Promise<TStandard | null> {
  const r = await db.query<TStandardRow>(`${STANDARD_SELECT} WHERE s.org_id = $1 AND s.id = $2`, [
    orgId,
    id,
  ]);
  return r.rows[0] ? standard(r.rows[0]) : null;
}

export async function standardCodes(db: Sql, orgId: string): Promise<Set<string>> {
  const r = await db.query<{ code: string }>(
    'SELECT code FROM service_standards WHERE org_id = $1',
    [orgId],
  );
  return new Set(r.rows.map((x) => x.code));
}

export type TVersionWrite = Omit<
  TStandardVersion,
  'version' | 'createdAt' | 'createdBy' | 'createdByName'
>;

export async function insertStandard(
  db: Sql,
  orgId: string,
  s: { id: string; code: string; momentId: string; active: boolean; catalogue: string | null },
  userId: string | null,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO service_standards (org_id, id, code, moment_id, active, catalogue, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [orgId, s.id, s.code, s.momentId, s.active, s.catalogue, userId],
  );
  return r.rows.length > 0;
}

export async function insertVersion(
  db: Sql,
  orgId: string,
  standardId: string,
  n: number,
  v: TVersionWrite,
  userId: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO service_standard_versions
       (org_id, standard_id, version, name_es, name_en, description_es, description_en,
        attribute_id, dimension, servqual_items, measure_kind, target_min, target_max, uom_es,
        uom_en, owner_role, promised_level, unit_ids, research_url, research_note,
        research_survey_id, change_note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::int[], $11, $12, $13, $14, $15, $16, $17,
             $18::uuid[], $19, $20, $21, $22, $23)`,
    [
      orgId,
      standardId,
      n,
      v.nameEs,
      v.nameEn,
      v.descriptionEs,
      v.descriptionEn,
      v.attributeId,
      v.dimension,
      v.servqualItems,
      v.measureKind,
      v.targetMin,
      v.targetMax,
      v.uomEs,
      v.uomEn,
      v.ownerRole,
      v.promisedLevel,
      v.unitIds,
      v.researchUrl,
      v.researchNote,
      v.researchSurveyId,
      v.changeNote,
      userId,
    ],
  );
}

/** Moves the standard to version base + 1 when it still is at base (optimistic lock). */
export async function bumpVersion(
  db: Sql,
  orgId: string,
  id: string,
  base: number,
  s: { momentId: string; active: boolean },
): Promise<boolean> {
  const r = await db.query(
    `UPDATE service_standards SET current_version = current_version + 1, moment_id = $4,
        active = $5, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND current_version = $3 RETURNING id`,
    [orgId, id, base, s.momentId, s.active],
  );
  return r.rows.length > 0;
}

export async function listVersions(
  db: Sql,
  orgId: string,
  id: string,
): Promise<TStandardVersion[]> {
  const r = await db.query<TVersionRow>(
    `SELECT ${VERSION_COLS} FROM service_standard_versions v
       LEFT JOIN pub_users u ON u.org_id = v.org_id AND u.id = v.created_by
      WHERE v.org_id = $1 AND v.standard_id = $2 ORDER BY v.version DESC`,
    [orgId, id],
  );
  return r.rows.map(version);
}
