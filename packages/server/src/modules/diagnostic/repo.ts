// SQL of the diagnostic module (promises, their complaint links, actions). Every function takes
// the org id first and every statement filters by it.
import type { Sql } from '../../db/client';

export interface TPromiseRow {
  id: string;
  unitId: string | null;
  text: string;
  channel: string;
  validFrom: string | null;
  validTo: string | null;
  servqualItems: number[];
  attributeIds: string[];
  ownerId: string | null;
  ownerName: string | null;
  requestHash: string;
  createdAt: Date;
  updatedAt: Date;
}

const PROMISE_COLS = `p.id, p.unit_id AS "unitId", p.text, p.channel,
  to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(p.valid_to, 'YYYY-MM-DD') AS "validTo",
  p.servqual_items AS "servqualItems", p.attribute_ids AS "attributeIds", p.owner_id AS "ownerId",
  u.name AS "ownerName", p.request_hash AS "requestHash", p.created_at AS "createdAt",
  p.updated_at AS "updatedAt"`;
const PROMISE_FROM = `diagnostic_promises p
  LEFT JOIN pub_users u ON u.org_id = p.org_id AND u.id = p.owner_id`;

export interface TPromiseValues {
  unitId: string | null;
  text: string;
  channel: string;
  validFrom: string | null;
  validTo: string | null;
  servqualItems: number[];
  attributeIds: string[];
  ownerId: string | null;
}

export async function insertPromise(
  db: Sql,
  orgId: string,
  id: string,
  v: TPromiseValues,
  hash: string,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO diagnostic_promises (org_id, id, unit_id, text, channel, valid_from, valid_to,
            servqual_items, attribute_ids, owner_id, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8::int[], $9::uuid[], $10, $11)
     ON CONFLICT (org_id, id) DO NOTHING RETURNING id`,
    [
      orgId,
      id,
      v.unitId,
      v.text,
      v.channel,
      v.validFrom,
      v.validTo,
      v.servqualItems,
      v.attributeIds,
      v.ownerId,
      hash,
    ],
  );
  return r.rows.length > 0;
}

export async function getPromise(db: Sql, orgId: string, id: string): Promise<TPromiseRow | null> {
  const r = await db.query<TPromiseRow>(
    `SELECT ${PROMISE_COLS} FROM ${PROMISE_FROM} WHERE p.org_id = $1 AND p.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function listPromises(db: Sql, orgId: string): Promise<TPromiseRow[]> {
  const r = await db.query<TPromiseRow>(
    `SELECT ${PROMISE_COLS} FROM ${PROMISE_FROM} WHERE p.org_id = $1
      ORDER BY p.created_at DESC, p.id LIMIT 500`,
    [orgId],
  );
  return r.rows;
}

export async function updatePromise(
  db: Sql,
  orgId: string,
  id: string,
  v: TPromiseValues,
): Promise<void> {
  await db.query(
    `UPDATE diagnostic_promises SET unit_id = $3, text = $4, channel = $5, valid_from = $6::date,
            valid_to = $7::date, servqual_items = $8::int[], attribute_ids = $9::uuid[],
            owner_id = $10, updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [
      orgId,
      id,
      v.unitId,
      v.text,
      v.channel,
      v.validFrom,
      v.validTo,
      v.servqualItems,
      v.attributeIds,
      v.ownerId,
    ],
  );
}

export async function deletePromise(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM diagnostic_promises WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function linkComplaint(
  db: Sql,
  orgId: string,
  promiseId: string,
  complaintId: string,
  userId: string | null,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO diagnostic_promise_complaints (org_id, promise_id, complaint_id, linked_by)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING promise_id`,
    [orgId, promiseId, complaintId, userId],
  );
  return r.rows.length > 0;
}

export async function unlinkComplaint(
  db: Sql,
  orgId: string,
  promiseId: string,
  complaintId: string,
): Promise<boolean> {
  const r = await db.query(
    `DELETE FROM diagnostic_promise_complaints
      WHERE org_id = $1 AND promise_id = $2 AND complaint_id = $3 RETURNING promise_id`,
    [orgId, promiseId, complaintId],
  );
  return r.rows.length > 0;
}

export async function complaintLinks(
  db: Sql,
  orgId: string,
  promiseIds: string[],
): Promise<{ promiseId: string; complaintId: string }[]> {
  if (promiseIds.length === 0) return [];
  const r = await db.query<{ promiseId: string; complaintId: string }>(
    `SELECT promise_id AS "promiseId", complaint_id AS "complaintId"
       FROM diagnostic_promise_complaints
      WHERE org_id = $1 AND promise_id = ANY($2::uuid[]) ORDER BY created_at, complaint_id`,
    [orgId, promiseIds],
  );
  return r.rows;
}

// ----------------------------------------------------------------------------- actions
export interface TActionRow {
  id: string;
  unitId: string | null;
  gap: number;
  dimension: string | null;
  findingKey: string;
  title: string;
  detail: string;
  score: number;
  surveyId: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  baselineGap: number | null;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  status: string;
  closedAt: Date | null;
  requestHash: string;
  createdAt: Date;
  updatedAt: Date;
}

const ACTION_COLS = `a.id, a.unit_id AS "unitId", a.gap, a.dimension, a.finding_key AS "findingKey",
  a.title, a.detail, a.score, a.survey_id AS "surveyId",
  to_char(a.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(a.period_to, 'YYYY-MM-DD') AS "periodTo",
  a.baseline_gap AS "baselineGap", a.owner_id AS "ownerId", u.name AS "ownerName",
  to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.status, a.closed_at AS "closedAt",
  a.request_hash AS "requestHash", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;
const ACTION_FROM = `diagnostic_actions a
  LEFT JOIN pub_users u ON u.org_id = a.org_id AND u.id = a.owner_id`;

export interface TActionValues {
  unitId: string | null;
  gap: number;
  dimension: string | null;
  findingKey: string;
  title: string;
  detail: string;
  score: number;
  surveyId: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  baselineGap: number | null;
  ownerId: string | null;
  dueOn: string | null;
}

export async function insertAction(
  db: Sql,
  orgId: string,
  id: string,
  v: TActionValues,
  hash: string,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO diagnostic_actions (org_id, id, unit_id, gap, dimension, finding_key, title,
            detail, score, survey_id, period_from, period_to, baseline_gap, owner_id, due_on,
            request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::date, $13, $14, $15::date, $16)
     ON CONFLICT (org_id, id) DO NOTHING RETURNING id`,
    [
      orgId,
      id,
      v.unitId,
      v.gap,
      v.dimension,
      v.findingKey,
      v.title,
      v.detail,
      v.score,
      v.surveyId,
      v.periodFrom,
      v.periodTo,
      v.baselineGap,
      v.ownerId,
      v.dueOn,
      hash,
    ],
  );
  return r.rows.length > 0;
}

export async function getAction(db: Sql, orgId: string, id: string): Promise<TActionRow | null> {
  const r = await db.query<TActionRow>(
    `SELECT ${ACTION_COLS} FROM ${ACTION_FROM} WHERE a.org_id = $1 AND a.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function listActions(
  db: Sql,
  orgId: string,
  f: { status: string | null; unitIds: string[] | null },
): Promise<TActionRow[]> {
  const r = await db.query<TActionRow>(
    `SELECT ${ACTION_COLS} FROM ${ACTION_FROM}
      WHERE a.org_id = $1 AND ($2::text IS NULL OR a.status = $2)
        AND ($3::uuid[] IS NULL OR a.unit_id = ANY($3::uuid[]))
      ORDER BY CASE WHEN a.status IN ('open', 'in_progress') THEN 0 ELSE 1 END,
               a.score DESC, a.due_on NULLS LAST, a.id LIMIT 500`,
    [orgId, f.status, f.unitIds],
  );
  return r.rows;
}

export async function updateAction(
  db: Sql,
  orgId: string,
  id: string,
  v: {
    title: string;
    detail: string;
    ownerId: string | null;
    dueOn: string | null;
    status: string;
    closedAt: Date | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE diagnostic_actions SET title = $3, detail = $4, owner_id = $5, due_on = $6::date,
            status = $7, closed_at = $8, updated_at = now()
      WHERE org_id = $1 AND id = $2`,
    [orgId, id, v.title, v.detail, v.ownerId, v.dueOn, v.status, v.closedAt],
  );
}

/** Owners must be users of the org (pub_users). */
export async function userExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM pub_users WHERE org_id = $1 AND id = $2', [orgId, id]);
  return r.rows.length > 0;
}

/** Demo only: an action closed some weeks ago (so answers after the closing exist). */
export async function backdateClosing(db: Sql, orgId: string, id: string, at: Date): Promise<void> {
  await db.query(
    'UPDATE diagnostic_actions SET closed_at = $3, updated_at = $3 WHERE org_id = $1 AND id = $2',
    [orgId, id, at],
  );
}

/** Active users of the org who may own a promise or an action (id and name only). */
export async function listOwners(db: Sql, orgId: string): Promise<{ id: string; name: string }[]> {
  const r = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM pub_users WHERE org_id = $1 AND active ORDER BY name, id LIMIT 1000`,
    [orgId],
  );
  return r.rows;
}
