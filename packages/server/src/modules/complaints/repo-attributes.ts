// A case's service attribute (migration 380): the catalogue id (`service_attribute_id`, the
// standards module's shared catalogue read through pub_service_attributes) and the text as typed
// (`service_attribute`). Counts by id for the standards "where used" report and the diagnostic;
// the texts not linked yet for the catalogue sync. SQL only; orgId first.
import type { Sql } from '../../db/client';

/** Cases per catalogue attribute id (every case, open or closed), in no set order. */
export async function serviceAttributeCounts(
  db: Sql,
  orgId: string,
  f: { unitIds?: readonly string[] | null; from?: string | null; to?: string | null } = {},
): Promise<{ attributeId: string; cases: number }[]> {
  const { rows } = await db.query<{ attribute_id: string; cases: string }>(
    `SELECT service_attribute_id AS attribute_id, count(*)::text AS cases
       FROM complaints
      WHERE org_id = $1 AND service_attribute_id IS NOT NULL
        AND ($2::uuid[] IS NULL OR unit_id = ANY($2::uuid[]))
        AND ($3::date IS NULL OR received_at >= $3::date)
        AND ($4::date IS NULL OR received_at < $4::date + 1)
      GROUP BY service_attribute_id`,
    [orgId, f.unitIds ?? null, f.from ?? null, f.to ?? null],
  );
  return rows.map((r) => ({ attributeId: r.attribute_id, cases: Number(r.cases) }));
}

/** Texts of cases that name a service attribute but are not linked to the catalogue yet. */
export async function unlinkedServiceAttributes(
  db: Sql,
  orgId: string,
): Promise<{ attribute: string; cases: number }[]> {
  const { rows } = await db.query<{ attribute: string; cases: string }>(
    `SELECT service_attribute AS attribute, count(*)::text AS cases
       FROM complaints
      WHERE org_id = $1 AND service_attribute_id IS NULL
        AND service_attribute IS NOT NULL AND btrim(service_attribute) <> ''
      GROUP BY service_attribute`,
    [orgId],
  );
  return rows.map((r) => ({ attribute: r.attribute, cases: Number(r.cases) }));
}

/** Links every case whose text is `text` (and has no id yet) to the catalogue entry `id`. */
export async function linkText(db: Sql, orgId: string, text: string, id: string): Promise<number> {
  const r = await db.query(
    `UPDATE complaints SET service_attribute_id = $3
      WHERE org_id = $1 AND service_attribute_id IS NULL AND service_attribute = $2
      RETURNING id`,
    [orgId, text, id],
  );
  return r.rows.length;
}

/** The catalogue entry (pub_service_attributes) with this id or key, or null. */
export async function catalogueEntry(
  db: Sql,
  orgId: string,
  by: { id: string } | { key: string },
): Promise<{ id: string; key: string; nameEs: string; nameEn: string } | null> {
  const col = 'id' in by ? 'id' : 'key';
  const r = await db.query<{ id: string; key: string; name_es: string; name_en: string }>(
    `SELECT id, key, name_es, name_en FROM pub_service_attributes
      WHERE org_id = $1 AND ${col} = $2`,
    [orgId, 'id' in by ? by.id : by.key],
  );
  const x = r.rows[0];
  return x ? { id: x.id, key: x.key, nameEs: x.name_es, nameEn: x.name_en } : null;
}

/** Whether any case cites the attribute (the catalogue refuses to delete it then). */
export async function attributeCited(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM complaints WHERE org_id = $1 AND service_attribute_id = $2 LIMIT 1',
    [orgId, id],
  );
  return r.rows.length > 0;
}
