// SQL of the fieldwork module (checklists + versions, visits, answers, photos, corrective
// actions). Every function takes the org id first and every statement filters by it. Units and
// users are read through the published views pub_org_units / pub_users.
// Checklists and visits here; photos, actions and reports in repo-<concern>.ts, re-exported.
import type { TChecklistItem } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { and, params } from '../../db/params';

export * from './repo-actions';
export * from './repo-photos';
export * from './repo-reports';

export type TAnswerValue = boolean | number | 'na';

// ------------------------------------------------------------------------------ checklists
export interface TChecklistRow {
  id: string;
  name: string;
  description: string;
  version: number;
  active: boolean;
  items: TChecklistItem[];
  visits: number;
  updated_at: Date | string;
}

const CHECKLIST_SELECT = `
  SELECT c.id, c.name, c.description, c.current_version AS version, c.active, v.items,
         (SELECT count(*)::int FROM fieldwork_visits x WHERE x.org_id = c.org_id AND x.checklist_id = c.id) AS visits,
         c.updated_at
    FROM fieldwork_checklists c
    JOIN fieldwork_checklist_versions v
      ON v.org_id = c.org_id AND v.checklist_id = c.id AND v.version = c.current_version`;

export async function listChecklists(db: Sql, orgId: string): Promise<TChecklistRow[]> {
  return (
    await db.query<TChecklistRow>(`${CHECKLIST_SELECT} WHERE c.org_id = $1 ORDER BY c.name`, [
      orgId,
    ])
  ).rows;
}

export async function getChecklist(
  db: Sql,
  orgId: string,
  id: string,
): Promise<TChecklistRow | null> {
  const r = await db.query<TChecklistRow>(`${CHECKLIST_SELECT} WHERE c.org_id = $1 AND c.id = $2`, [
    orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function checklistVersionItems(
  db: Sql,
  orgId: string,
  checklistId: string,
  version: number,
): Promise<TChecklistItem[] | null> {
  const r = await db.query<{ items: TChecklistItem[] }>(
    `SELECT items FROM fieldwork_checklist_versions
      WHERE org_id = $1 AND checklist_id = $2 AND version = $3`,
    [orgId, checklistId, version],
  );
  return r.rows[0]?.items ?? null;
}

export async function insertChecklist(
  db: Sql,
  orgId: string,
  c: { name: string; description: string; items: TChecklistItem[]; userId: string | null },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO fieldwork_checklists (org_id, name, description) VALUES ($1, $2, $3) RETURNING id`,
    [orgId, c.name, c.description],
  );
  const id = (r.rows[0] as { id: string }).id;
  await db.query(
    `INSERT INTO fieldwork_checklist_versions (org_id, checklist_id, version, items, created_by)
     VALUES ($1, $2, 1, $3::jsonb, $4)`,
    [orgId, id, JSON.stringify(c.items), c.userId],
  );
  return id;
}

/** A new version (the old one stays for the visits made on it). */
export async function insertChecklistVersion(
  db: Sql,
  orgId: string,
  id: string,
  c: { name: string; description: string; items: TChecklistItem[]; userId: string | null },
): Promise<number> {
  const r = await db.query<{ version: number }>(
    `UPDATE fieldwork_checklists SET name = $3, description = $4,
            current_version = current_version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING current_version AS version`,
    [orgId, id, c.name, c.description],
  );
  const version = (r.rows[0] as { version: number }).version;
  await db.query(
    `INSERT INTO fieldwork_checklist_versions (org_id, checklist_id, version, items, created_by)
     VALUES ($1, $2, $3, $4::jsonb, $5)`,
    [orgId, id, version, JSON.stringify(c.items), c.userId],
  );
  return version;
}

/** Name/description only (no item change: same version). */
export async function renameChecklist(
  db: Sql,
  orgId: string,
  id: string,
  c: { name: string; description: string; active?: boolean },
): Promise<void> {
  await db.query(
    `UPDATE fieldwork_checklists SET name = $3, description = $4,
            active = COALESCE($5, active), updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [orgId, id, c.name, c.description, c.active ?? null],
  );
}

// ------------------------------------------------------------------------------ visits
export interface TVisitRow {
  id: string;
  kind: 'audit' | 'mystery' | 'competitor';
  status: 'scheduled' | 'submitted' | 'approved' | 'rejected';
  checklist_id: string;
  checklist_name: string;
  checklist_version: number;
  unit_id: string | null;
  unit_name: string | null;
  competitor_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  staff_user_id: string | null;
  window_from: string | null;
  window_to: string | null;
  visited_at: Date | string | null;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  submitted_at: Date | string | null;
  score: number | null;
  final_score: number | null;
  earned: number | null;
  possible: number | null;
  critical_failed: string[];
  unanswered: number;
  sections: { section: string; score: number | null }[];
  flags: { code: string; detail?: Record<string, unknown> }[];
  source: 'app' | 'import';
  submission_hash: string | null;
  comment: string;
  review_note: string;
  reviewed_at: Date | string | null;
}

const VISIT_SELECT = `
  SELECT v.id, v.kind, v.status, v.checklist_id, c.name AS checklist_name, v.checklist_version,
         v.unit_id, u.name AS unit_name, v.competitor_name, v.assignee_id, a.name AS assignee_name,
         v.staff_user_id, to_char(v.window_from, 'YYYY-MM-DD') AS window_from,
         to_char(v.window_to, 'YYYY-MM-DD') AS window_to, v.visited_at, v.started_at, v.ended_at,
         v.submitted_at, v.score, v.final_score, v.earned, v.possible, v.critical_failed,
         v.unanswered, v.sections, v.flags, v.source, v.submission_hash, v.comment,
         v.review_note, v.reviewed_at
    FROM fieldwork_visits v
    JOIN fieldwork_checklists c ON c.org_id = v.org_id AND c.id = v.checklist_id
    LEFT JOIN pub_org_units u ON u.org_id = v.org_id AND u.id = v.unit_id
    LEFT JOIN pub_users a ON a.org_id = v.org_id AND a.id = v.assignee_id`;

export async function getVisit(
  db: Sql,
  orgId: string,
  id: string,
  forUpdate = false,
): Promise<TVisitRow | null> {
  const r = await db.query<TVisitRow>(
    `${VISIT_SELECT} WHERE v.org_id = $1 AND v.id = $2${forUpdate ? ' FOR UPDATE OF v' : ''}`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export interface TVisitFilter {
  scope: string[] | null;
  assigneeId?: string;
  status?: string;
  kind?: string;
  unitId?: string;
  from?: string;
  to?: string;
}

export async function listVisits(db: Sql, orgId: string, f: TVisitFilter): Promise<TVisitRow[]> {
  const p = params(orgId);
  // Competitor visits have no unit: a unit-scoped caller sees the ones they were assigned.
  const where = and(
    'v.org_id = $1',
    f.scope && `(v.unit_id = ANY(${p.add(f.scope, 'uuid[]')}) OR v.kind = 'competitor')`,
    f.assigneeId && `v.assignee_id = ${p.add(f.assigneeId, 'uuid')}`,
    f.status && `v.status = ${p.add(f.status)}`,
    f.kind && `v.kind = ${p.add(f.kind)}`,
    f.unitId && `v.unit_id = ${p.add(f.unitId, 'uuid')}`,
    f.from && `COALESCE(v.visited_at, v.window_to::timestamptz) >= ${p.add(f.from, 'date')}`,
    f.to && `COALESCE(v.visited_at, v.window_from::timestamptz) < ${p.add(f.to, 'date')} + 1`,
  );
  const r = await db.query<TVisitRow>(
    `${VISIT_SELECT} WHERE ${where}
      ORDER BY (v.status = 'scheduled') DESC, COALESCE(v.visited_at, v.window_from::timestamptz, v.created_at) DESC, v.id
      LIMIT 500`,
    p.values,
  );
  return r.rows;
}

export async function setAssignee(
  db: Sql,
  orgId: string,
  id: string,
  assigneeId: string | null,
): Promise<void> {
  await db.query(
    `UPDATE fieldwork_visits SET assignee_id = $3 WHERE org_id = $1 AND id = $2 AND status = 'scheduled'`,
    [orgId, id, assigneeId],
  );
}

export async function insertVisits(
  db: Sql,
  orgId: string,
  rows: {
    id: string;
    checklistId: string;
    version: number;
    kind: string;
    unitId: string | null;
    competitorName: string | null;
    assigneeId: string | null;
    windowFrom: string | null;
    windowTo: string | null;
    source?: 'app' | 'import';
    externalRef?: string | null;
    createdBy: string | null;
  }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const p = params(orgId);
  const values = rows.map(
    (v) =>
      `($1, ${p.add(v.id, 'uuid')}, ${p.add(v.checklistId, 'uuid')}, ${p.add(v.version, 'int')}, ${p.add(v.kind)}, ${p.add(v.unitId, 'uuid')}, ${p.add(v.competitorName)}, ${p.add(v.assigneeId, 'uuid')}, ${p.add(v.windowFrom, 'date')}, ${p.add(v.windowTo, 'date')}, ${p.add(v.source ?? 'app')}, ${p.add(v.externalRef ?? null)}, ${p.add(v.createdBy, 'uuid')})`,
  );
  const r = await db.query<{ id: string }>(
    `INSERT INTO fieldwork_visits (org_id, id, checklist_id, checklist_version, kind, unit_id,
            competitor_name, assignee_id, window_from, window_to, source, external_ref, created_by)
     VALUES ${values.join(', ')}
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    p.values,
  );
  return r.rows.map((x) => x.id);
}

/** Existing visit ids among these (any org: a uuid is global, a clash is a conflict). */
export async function visitOrgs(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<{ id: string; same_org: boolean }[]> {
  const r = await db.query<{ id: string; same_org: boolean }>(
    `SELECT id, org_id = $1 AS same_org FROM fieldwork_visits WHERE id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return r.rows;
}

export async function saveSubmission(
  db: Sql,
  orgId: string,
  id: string,
  s: {
    answers: { key: string; value: TAnswerValue; comment: string }[];
    startedAt: string | null;
    endedAt: string | null;
    visitedAt: string;
    hash: string | null;
    staffUserId: string | null;
    comment: string;
    earned: number;
    possible: number;
    score: number | null;
    finalScore: number | null;
    criticalFailed: string[];
    unanswered: number;
    sections: unknown;
    flags: unknown;
  },
): Promise<void> {
  await db.query('DELETE FROM fieldwork_answers WHERE org_id = $1 AND visit_id = $2', [orgId, id]);
  if (s.answers.length > 0) {
    await db.query(
      `INSERT INTO fieldwork_answers (org_id, visit_id, item_key, value, comment)
       SELECT $1, $2, x.key, x.value, x.comment
         FROM jsonb_to_recordset($3::jsonb) AS x(key text, value jsonb, comment text)`,
      [orgId, id, JSON.stringify(s.answers)],
    );
  }
  await db.query(
    `UPDATE fieldwork_visits SET status = 'submitted', started_at = $3, ended_at = $4,
            visited_at = $5, submitted_at = now(), submission_hash = $6, staff_user_id = $7,
            comment = $8, earned = $9, possible = $10, score = $11, final_score = $12,
            critical_failed = $13::text[], unanswered = $14, sections = $15::jsonb,
            flags = $16::jsonb, updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [
      orgId,
      id,
      s.startedAt,
      s.endedAt,
      s.visitedAt,
      s.hash,
      s.staffUserId,
      s.comment,
      s.earned,
      s.possible,
      s.score,
      s.finalScore,
      s.criticalFailed,
      s.unanswered,
      JSON.stringify(s.sections),
      JSON.stringify(s.flags),
    ],
  );
}

export async function setFlags(db: Sql, orgId: string, id: string, flags: unknown): Promise<void> {
  await db.query(
    'UPDATE fieldwork_visits SET flags = $3::jsonb, updated_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, id, JSON.stringify(flags)],
  );
}

export async function review(
  db: Sql,
  orgId: string,
  id: string,
  r: { status: 'approved' | 'rejected'; userId: string; note: string },
): Promise<void> {
  await db.query(
    `UPDATE fieldwork_visits SET status = $3, reviewed_by = $4, reviewed_at = now(),
            review_note = $5, updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [orgId, id, r.status, r.userId, r.note],
  );
}

export async function answersOf(
  db: Sql,
  orgId: string,
  visitId: string,
): Promise<{ key: string; value: TAnswerValue; comment: string }[]> {
  const r = await db.query<{ key: string; value: TAnswerValue; comment: string }>(
    `SELECT item_key AS key, value, comment FROM fieldwork_answers
      WHERE org_id = $1 AND visit_id = $2`,
    [orgId, visitId],
  );
  return r.rows;
}
