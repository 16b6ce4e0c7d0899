// Demo-seeding SQL of the customers module (first-start demo organisation only).
import type { TSql } from './sql';

/** The demo's customers in one statement (records in jsonb_to_recordset column names). */
export async function insertDemoCustomers(
  db: TSql,
  orgId: string,
  recs: Record<string, unknown>[],
): Promise<void> {
  await db.query(
    `INSERT INTO customers (org_id, external_id, name, email, phone, kind, use_class, tier, status, unit_id,
       internal_unit_id, language, consent_email, consent_survey, stated_needs, real_needs, need_tags, attributes)
     SELECT $1, r.external_id, r.name, r.email, r.phone, r.kind, r.use_class, r.tier, r.status, r.unit_id,
            r.internal_unit_id, r.language, r.consent_email, r.consent_survey, r.stated_needs, r.real_needs,
            r.need_tags, r.attributes
       FROM jsonb_to_recordset($2::jsonb) AS r(external_id text, name text, email text, phone text, kind text,
            use_class text, tier text, status text, unit_id uuid, internal_unit_id uuid, language text,
            consent_email boolean, consent_survey boolean, stated_needs text, real_needs text, need_tags text[],
            attributes jsonb)`,
    [orgId, JSON.stringify(recs)],
  );
}

/** The demo's two custom fields. */
export async function insertDemoFields(db: TSql, orgId: string): Promise<void> {
  await db.query(
    `INSERT INTO customer_fields (org_id, key, label, type, options) VALUES
       ($1, 'antiguedad_anos', 'Antigüedad (años)', 'number', NULL),
       ($1, 'canal_preferido', 'Canal preferido', 'choice', '["oficina","web","app","teléfono"]'::jsonb)`,
    [orgId],
  );
}
