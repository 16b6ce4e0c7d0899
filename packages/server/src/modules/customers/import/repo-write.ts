// Batched SQL for imports (the customers written by a run). Rows travel as one jsonb array per statement
// (jsonb_to_recordset): one round trip per batch, identical on PGlite and PostgreSQL,
// and user text is only ever a bound parameter.
import type { TImportRejection } from '@fidelia/contracts';
import type { TSql } from '../sql';
import type { TStoredCustomer } from './diff';
import type { TImportDraft } from './rows';

const RECORD = `r(id uuid, external_id text, name text, email text, phone text, kind text,
  use_class text, tier text, status text, unit_id uuid, language text, consent_email boolean,
  consent_survey boolean, stated_needs text, real_needs text, need_tags text[], attributes jsonb)`;

type TDbRow = {
  id: string;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  kind: 'external' | 'internal' | 'user';
  use_class: TImportDraft['useClass'];
  tier: TImportDraft['tier'];
  status: 'active' | 'inactive' | 'lost' | 'erased';
  unit_id: string | null;
  language: 'es' | 'en' | null;
  consent_email: boolean;
  consent_survey: boolean;
  stated_needs: string | null;
  real_needs: string | null;
  need_tags: string[];
  attributes: Record<string, string | number | boolean | null>;
};

function toRecord(d: Partial<TImportDraft> & { id?: string }): Record<string, unknown> {
  return {
    id: d.id ?? null,
    external_id: d.externalId ?? null,
    name: d.name ?? null,
    email: d.email,
    phone: d.phone,
    kind: d.kind,
    use_class: d.useClass,
    tier: d.tier,
    status: d.status,
    unit_id: d.unitId,
    language: d.language,
    consent_email: d.consentEmail,
    consent_survey: d.consentSurvey,
    stated_needs: d.statedNeeds,
    real_needs: d.realNeeds,
    need_tags: d.needTags,
    attributes: d.attributes,
  };
}

export type TStoredWithStatus = TStoredCustomer & { erased: boolean; kindStored: string };

/** Stored customers of one org for a batch of external ids, keyed by external id. */
export async function loadByExternalIds(
  db: TSql,
  orgId: string,
  externalIds: string[],
): Promise<Map<string, TStoredWithStatus>> {
  const { rows } = await db.query<TDbRow>(
    `SELECT id, external_id, name, email, phone, kind, use_class, tier, status, unit_id, language,
            consent_email, consent_survey, stated_needs, real_needs, need_tags, attributes
       FROM customers WHERE org_id = $1 AND external_id = ANY($2::text[])`,
    [orgId, externalIds],
  );
  const out = new Map<string, TStoredWithStatus>();
  for (const r of rows) {
    out.set(r.external_id, {
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      kind: r.kind === 'internal' ? undefined : r.kind,
      kindStored: r.kind,
      useClass: r.use_class,
      tier: r.tier,
      status: r.status === 'erased' ? undefined : r.status,
      erased: r.status === 'erased',
      unitId: r.unit_id,
      language: r.language,
      consentEmail: r.consent_email,
      consentSurvey: r.consent_survey,
      statedNeeds: r.stated_needs,
      realNeeds: r.real_needs,
      needTags: r.need_tags,
      attributes: r.attributes,
    });
  }
  return out;
}

/** Inserts new customers; defaults fill the fields the file did not map. */
export async function insertDrafts(
  db: TSql,
  orgId: string,
  drafts: TImportDraft[],
  importId: string | null = null,
): Promise<number> {
  if (drafts.length === 0) return 0;
  const { rows } = await db.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO customers (org_id, external_id, name, email, phone, kind, use_class, tier, status,
         unit_id, language, consent_email, consent_survey, stated_needs, real_needs, need_tags, attributes,
         last_import_id)
       SELECT $1, r.external_id, r.name, r.email, r.phone, coalesce(r.kind, 'external'), r.use_class,
              r.tier, coalesce(r.status, 'active'), r.unit_id, r.language,
              coalesce(r.consent_email, false), coalesce(r.consent_survey, false), r.stated_needs,
              r.real_needs, coalesce(r.need_tags, '{}'), coalesce(r.attributes, '{}'::jsonb), $3::uuid
         FROM jsonb_to_recordset($2::jsonb) AS ${RECORD}
       ON CONFLICT (org_id, external_id) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [orgId, JSON.stringify(drafts.map(toRecord)), importId],
  );
  return rows[0]?.n ?? 0;
}

/** Applies changed fields only: each column keeps its value unless the record carries the key. */
export async function updateChanged(
  db: TSql,
  orgId: string,
  updates: Array<{ id: string; changes: Partial<TImportDraft> }>,
  importId: string | null = null,
): Promise<number> {
  if (updates.length === 0) return 0;
  const cols: Array<[string, keyof TImportDraft]> = [
    ['name', 'name'],
    ['email', 'email'],
    ['phone', 'phone'],
    ['kind', 'kind'],
    ['use_class', 'useClass'],
    ['tier', 'tier'],
    ['status', 'status'],
    ['unit_id', 'unitId'],
    ['language', 'language'],
    ['consent_email', 'consentEmail'],
    ['consent_survey', 'consentSurvey'],
    ['stated_needs', 'statedNeeds'],
    ['real_needs', 'realNeeds'],
    ['need_tags', 'needTags'],
    ['attributes', 'attributes'],
  ];
  // `set_<col>` flags say which columns a record changes, so an explicit null still writes.
  const payload = updates.map((u) => {
    const rec: Record<string, unknown> = toRecord({ ...u.changes, id: u.id });
    for (const [col, key] of cols) rec[`set_${col}`] = key in u.changes;
    return rec;
  });
  const flags = cols.map(([c]) => `set_${c} boolean`).join(', ');
  const sets = cols
    .map(([c]) => `${c} = CASE WHEN r.set_${c} THEN r.${c} ELSE c.${c} END`)
    .join(',\n');
  const record = RECORD.replace(/\)$/, `, ${flags})`);
  const { rows } = await db.query<{ n: number }>(
    `WITH upd AS (
       UPDATE customers c SET ${sets}, updated_at = now(), last_import_id = $3::uuid
         FROM jsonb_to_recordset($2::jsonb) AS ${record}
        WHERE c.org_id = $1 AND c.id = r.id
       RETURNING 1)
     SELECT count(*)::int AS n FROM upd`,
    [orgId, JSON.stringify(payload), importId],
  );
  return rows[0]?.n ?? 0;
}

export async function insertRejections(
  db: TSql,
  orgId: string,
  importId: string,
  rejections: TImportRejection[],
): Promise<void> {
  if (rejections.length === 0) return;
  await db.query(
    `INSERT INTO customer_import_rejections (org_id, import_id, row_no, column_name, value, reason)
     SELECT $1, $2, r.row_no, r.column_name, r.value, r.reason
       FROM jsonb_to_recordset($3::jsonb) AS r(row_no int, column_name text, value text, reason text)`,
    [
      orgId,
      importId,
      JSON.stringify(
        rejections.map((x) => ({
          row_no: x.row,
          column_name: x.column,
          value: x.value,
          reason: x.reason,
        })),
      ),
    ],
  );
}
