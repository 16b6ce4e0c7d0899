// SQL of fieldwork reports (scored visits, item results, item labels) and people lookups;
// apart from repo.ts, which re-exports it: read-only aggregation and lookups.
import type { TChecklistItem } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { and, params } from '../../db/params';

// ------------------------------------------------------------------------------ reports
export interface TScoredVisit {
  unit_id: string | null;
  unit_name: string;
  kind: 'audit' | 'mystery' | 'competitor';
  score: number | null;
  final_score: number | null;
  critical: boolean;
}

export async function scoredVisits(
  db: Sql,
  orgId: string,
  f: { unitIds?: string[] | null; from?: string; to?: string; checklistId?: string },
): Promise<TScoredVisit[]> {
  const p = params(orgId);
  const where = and(
    'v.org_id = $1',
    f.unitIds && `(v.unit_id = ANY(${p.add(f.unitIds, 'uuid[]')}) OR v.kind = 'competitor')`,
    f.from && `v.visited_at >= ${p.add(f.from, 'date')}`,
    f.to && `v.visited_at < ${p.add(f.to, 'date')} + 1`,
    f.checklistId && `v.checklist_id = ${p.add(f.checklistId, 'uuid')}`,
  );
  const r = await db.query<TScoredVisit>(
    `SELECT v.unit_id, COALESCE(u.name, v.competitor_name) AS unit_name, v.kind, v.score,
            v.final_score, v.critical_failed AS critical
       FROM pub_fieldwork_visits v
       LEFT JOIN pub_org_units u ON u.org_id = v.org_id AND u.id = v.unit_id
      WHERE ${where}
      ORDER BY v.visited_at, v.id`,
    p.values,
  );
  return r.rows;
}

export interface TItemResultRow {
  item_key: string;
  standard_id: string | null;
  label: string | null;
  standard_code: string | null;
  standard_name: string | null;
  n: number;
  met: number;
}

/** Own visits only (competitors never count towards standards or items). */
export async function itemResults(
  db: Sql,
  orgId: string,
  f: { unitIds?: string[] | null; from?: string; to?: string; checklistId?: string },
): Promise<TItemResultRow[]> {
  const p = params(orgId);
  const where = and(
    'r.org_id = $1',
    "r.kind <> 'competitor'",
    'r.applicable',
    f.unitIds && `r.unit_id = ANY(${p.add(f.unitIds, 'uuid[]')})`,
    f.from && `r.visited_at >= ${p.add(f.from, 'date')}`,
    f.to && `r.visited_at < ${p.add(f.to, 'date')} + 1`,
    f.checklistId &&
      `r.visit_id IN (SELECT id FROM fieldwork_visits WHERE org_id = $1 AND checklist_id = ${p.add(f.checklistId, 'uuid')})`,
  );
  const r = await db.query<TItemResultRow>(
    `SELECT r.item_key, r.standard_id, NULL::text AS label, NULL::text AS standard_code,
            NULL::text AS standard_name, count(*)::int AS n,
            count(*) FILTER (WHERE r.met)::int AS met
       FROM pub_fieldwork_item_results r
      WHERE ${where}
      GROUP BY r.item_key, r.standard_id
      ORDER BY r.item_key`,
    p.values,
  );
  return r.rows;
}

/** Latest label and standard snapshot per item key across the org's checklist versions. */
export async function itemLabels(
  db: Sql,
  orgId: string,
): Promise<Map<string, { label: string; code: string | null; name: string | null }>> {
  const r = await db.query<{ items: TChecklistItem[] }>(
    `SELECT items FROM fieldwork_checklist_versions WHERE org_id = $1 ORDER BY created_at`,
    [orgId],
  );
  const out = new Map<string, { label: string; code: string | null; name: string | null }>();
  for (const row of r.rows) {
    for (const it of row.items) {
      out.set(it.key, { label: it.label, code: it.standardCode, name: it.standardName });
      if (it.standardId)
        out.set(`std:${it.standardId}`, {
          label: it.standardName ?? it.label,
          code: it.standardCode,
          name: it.standardName,
        });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------ people
export async function userInfo(
  db: Sql,
  orgId: string,
  id: string,
): Promise<{ role: string; active: boolean; unit_id: string | null; name: string } | null> {
  const r = await db.query<{ role: string; active: boolean; unit_id: string | null; name: string }>(
    'SELECT role, active, unit_id, name FROM pub_users WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function assignableUsers(
  db: Sql,
  orgId: string,
): Promise<{ id: string; name: string; role: string; unit_id: string | null }[]> {
  const r = await db.query<{ id: string; name: string; role: string; unit_id: string | null }>(
    `SELECT id, name, role, unit_id FROM pub_users
      WHERE org_id = $1 AND active AND role IN ('owner', 'admin', 'analyst', 'agent', 'shopper')
      ORDER BY fid_name_key(name), id`,
    [orgId],
  );
  return r.rows;
}

export async function visitByExternal(db: Sql, orgId: string, ref: string): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM fieldwork_visits WHERE org_id = $1 AND external_ref = $2',
    [orgId, ref],
  );
  return r.rows.length > 0;
}
