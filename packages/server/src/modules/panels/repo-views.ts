// SQL of the panels module's reads of other modules' published views (ARCHITECTURE.md
// "Cross-module reads"): the org's name, and the strategy needs (pub_strategy_needs) and
// standards service attributes (pub_service_attributes) insights link to. Those two views
// belong to optional modules, so callers check viewExists first.
import type { Sql } from '../../db/client';

export async function viewExists(db: Sql, name: string): Promise<boolean> {
  const r = await db.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [name]);
  return r.rows[0]?.ok === true;
}

export async function orgName(db: Sql, orgId: string): Promise<string> {
  const r = await db.query<{ name: string }>('SELECT name FROM pub_orgs WHERE id = $1', [orgId]);
  return r.rows[0]?.name ?? '';
}

export async function needExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM pub_strategy_needs WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return r.rows.length > 0;
}

export async function attributeExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM pub_service_attributes WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return r.rows.length > 0;
}

export async function needsByIds(db: Sql, orgId: string, ids: string[]) {
  const r = await db.query<{ id: string; text: string; kind: string; segment: string | null }>(
    'SELECT id, text, kind, segment FROM pub_strategy_needs WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, ids],
  );
  return r.rows;
}

export async function attributesByIds(db: Sql, orgId: string, ids: string[]) {
  const r = await db.query<{ id: string; name_es: string; name_en: string }>(
    'SELECT id, name_es, name_en FROM pub_service_attributes WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, ids],
  );
  return r.rows;
}
