// SQL of the panels module (its own tables only). Every function takes the org id first and
// every statement filters by it. This file holds the panels themselves and re-exports the
// repo-<concern> files (members, sessions, insights, incentives), so callers import './repo' only.
import type { Sql } from '../../db/client';
import { iso } from './repo-sql';

export * from './repo-incentives';
export * from './repo-insights';
export * from './repo-members';
export * from './repo-sessions';

// ------------------------------------------------------------------------------ panels
export interface TPanelRow {
  id: string;
  name: string;
  description: string;
  kind: string;
  signup_slug: string | null;
  consent_text: string;
  fatigue_days: number;
  created_at: string;
  members: number;
  active: number;
  sessions: number;
}
const PANEL_COLS = `p.id, p.name, p.description, p.kind, p.signup_slug, p.consent_text, p.fatigue_days,
  ${iso('p.created_at')} AS created_at,
  (SELECT count(*)::int FROM panel_members m WHERE m.org_id = p.org_id AND m.panel_id = p.id) AS members,
  (SELECT count(*)::int FROM panel_members m WHERE m.org_id = p.org_id AND m.panel_id = p.id AND m.status = 'active') AS active,
  (SELECT count(*)::int FROM panel_sessions s WHERE s.org_id = p.org_id AND s.panel_id = p.id) AS sessions`;

export async function listPanels(db: Sql, orgId: string): Promise<TPanelRow[]> {
  const r = await db.query<TPanelRow>(
    `SELECT ${PANEL_COLS} FROM panels p WHERE p.org_id = $1 ORDER BY p.created_at DESC, p.id`,
    [orgId],
  );
  return r.rows;
}

export async function getPanel(db: Sql, orgId: string, id: string): Promise<TPanelRow | null> {
  const r = await db.query<TPanelRow>(
    `SELECT ${PANEL_COLS} FROM panels p WHERE p.org_id = $1 AND p.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertPanel(
  db: Sql,
  orgId: string,
  v: {
    name: string;
    description: string;
    kind: string;
    consentText: string;
    signupSlug: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO panels (org_id, name, description, kind, consent_text, signup_slug, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [orgId, v.name, v.description, v.kind, v.consentText, v.signupSlug, v.createdBy],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function updatePanel(
  db: Sql,
  orgId: string,
  id: string,
  v: Partial<{
    name: string;
    description: string;
    kind: string;
    consent_text: string;
    fatigue_days: number;
    signup_slug: string | null;
  }>,
): Promise<boolean> {
  const cols = Object.keys(v);
  if (!cols.length) return true;
  const sets = cols.map((c, i) => `${c} = $${i + 3}`).join(', ');
  const r = await db.query(`UPDATE panels SET ${sets} WHERE org_id = $1 AND id = $2 RETURNING 1`, [
    orgId,
    id,
    ...cols.map((c) => (v as Record<string, unknown>)[c]),
  ]);
  return r.rows.length > 0;
}

export async function panelBySlug(
  db: Sql,
  slug: string,
): Promise<{
  org_id: string;
  id: string;
  name: string;
  description: string;
  consent_text: string;
} | null> {
  // Public sign-up: the slug is the only key (unique across orgs); org_id comes from the row.
  const r = await db.query<{
    org_id: string;
    id: string;
    name: string;
    description: string;
    consent_text: string;
  }>(
    `SELECT org_id, id, name, description, consent_text FROM panels
      WHERE signup_slug = $1 AND org_id IS NOT NULL`,
    [slug],
  );
  return r.rows[0] ?? null;
}
