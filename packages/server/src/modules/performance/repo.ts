// SQL of the performance module. Every function takes the org id first and filters by it.
// Other modules' data only through their published views (pub_users, pub_org_units,
// pub_fieldwork_visits, pub_fieldwork_item_results).
import type { Sql } from '../../db/client';
import { and, params } from '../../db/params';
import { iso } from '../../lib/iso';

// ------------------------------------------------------------------------------ compliments

export interface TComplimentRow {
  id: string;
  unitId: string | null;
  unitName: string | null;
  staffUserId: string | null;
  staffName: string | null;
  customerName: string | null;
  body: string;
  channel: string;
  receivedOn: string;
  source: string;
  createdAt: string;
}

const dateText = (d: Date | string) =>
  typeof d === 'string' ? d.slice(0, 10) : (iso(d) as string).slice(0, 10);

function toCompliment(r: Record<string, unknown>): TComplimentRow {
  return {
    id: r.id as string,
    unitId: (r.unit_id as string | null) ?? null,
    unitName: (r.unit_name as string | null) ?? null,
    staffUserId: (r.staff_user_id as string | null) ?? null,
    staffName: (r.staff_name as string | null) ?? null,
    customerName: (r.customer_name as string | null) ?? null,
    body: r.body as string,
    channel: r.channel as string,
    receivedOn: dateText(r.received_on as string),
    source: r.source as string,
    createdAt: iso(r.created_at as string) as string,
  };
}

const COMPLIMENT_SELECT = `SELECT c.id, c.unit_id, u.name AS unit_name, c.staff_user_id,
        s.name AS staff_name, c.customer_name, c.body, c.channel,
        to_char(c.received_on, 'YYYY-MM-DD') AS received_on, c.source, c.created_at
   FROM performance_compliments c
   LEFT JOIN pub_org_units u ON u.org_id = c.org_id AND u.id = c.unit_id
   LEFT JOIN pub_users s ON s.org_id = c.org_id AND s.id = c.staff_user_id`;

export async function insertCompliment(
  db: Sql,
  orgId: string,
  v: {
    id: string;
    unitId: string | null;
    staffUserId: string | null;
    customerName: string | null;
    body: string;
    channel: string;
    receivedOn: string;
    source: 'manual' | 'survey' | 'complaint';
    sourceRef: string | null;
    bodyHash: string;
    createdBy: string | null;
  },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO performance_compliments (id, org_id, unit_id, staff_user_id, customer_name, body,
        channel, received_on, source, source_ref, body_hash, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9, $10, $11, $12)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      v.id,
      orgId,
      v.unitId,
      v.staffUserId,
      v.customerName,
      v.body,
      v.channel,
      v.receivedOn,
      v.source,
      v.sourceRef,
      v.bodyHash,
      v.createdBy,
    ],
  );
  return r.rows.length > 0;
}

export async function complimentHash(
  db: Sql,
  orgId: string,
  id: string,
): Promise<{ hash: string } | null> {
  const r = await db.query<{ body_hash: string }>(
    'SELECT body_hash FROM performance_compliments WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  const x = r.rows[0];
  return x ? { hash: x.body_hash } : null;
}

/** Whether the id is taken by another org (ids are global primary keys). */
export async function complimentIdTaken(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM performance_compliments WHERE id = $2 AND org_id <> $1 LIMIT 1',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function getCompliment(
  db: Sql,
  orgId: string,
  id: string,
): Promise<TComplimentRow | null> {
  const r = await db.query(`${COMPLIMENT_SELECT} WHERE c.org_id = $1 AND c.id = $2`, [orgId, id]);
  return r.rows[0] ? toCompliment(r.rows[0] as Record<string, unknown>) : null;
}

export async function listCompliments(
  db: Sql,
  orgId: string,
  f: {
    unitIds: string[] | null;
    staffUserId: string | null;
    from: string | null;
    to: string | null;
    limit: number;
  },
): Promise<TComplimentRow[]> {
  const p = params(orgId);
  const where = and(
    'c.org_id = $1',
    f.unitIds && `c.unit_id = ANY(${p.add(f.unitIds, 'uuid[]')})`,
    f.staffUserId && `c.staff_user_id = ${p.add(f.staffUserId, 'uuid')}`,
    f.from && `c.received_on >= ${p.add(f.from, 'date')}`,
    f.to && `c.received_on <= ${p.add(f.to, 'date')}`,
  );
  const r = await db.query(
    `${COMPLIMENT_SELECT} WHERE ${where}
      ORDER BY c.received_on DESC, c.created_at DESC, c.id LIMIT ${p.add(f.limit, 'int')}`,
    p.values,
  );
  return r.rows.map((x) => toCompliment(x as Record<string, unknown>));
}

/** Compliments per month (YYYY-MM) for a unit subtree or a staff member. */
export async function complimentMonths(
  db: Sql,
  orgId: string,
  f: { unitIds: string[] | null; staffUserId: string | null; from: string; to: string },
): Promise<Map<string, number>> {
  const r = await db.query<{ month: string; n: number }>(
    `SELECT to_char(received_on, 'YYYY-MM') AS month, count(*)::int AS n
       FROM performance_compliments
      WHERE org_id = $1 AND received_on >= $2::date AND received_on <= $3::date
        AND ($4::uuid[] IS NULL OR unit_id = ANY($4::uuid[]))
        AND ($5::uuid IS NULL OR staff_user_id = $5)
      GROUP BY 1`,
    [orgId, f.from, f.to, f.unitIds, f.staffUserId],
  );
  return new Map(r.rows.map((x) => [x.month, Number(x.n)]));
}

/** Compliments per staff member in a month (recognition rule "compliments"). */
export async function complimentsByStaff(
  db: Sql,
  orgId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const r = await db.query<{ staff_user_id: string; n: number }>(
    `SELECT staff_user_id, count(*)::int AS n FROM performance_compliments
      WHERE org_id = $1 AND staff_user_id IS NOT NULL
        AND received_on >= $2::date AND received_on <= $3::date
      GROUP BY 1`,
    [orgId, from, to],
  );
  return new Map(r.rows.map((x) => [x.staff_user_id, Number(x.n)]));
}

// ------------------------------------------------------------------------------- fieldwork

/** Whether the fieldwork module's published views exist (the module may not be installed). */
export async function fieldworkAvailable(db: Sql, orgId: string): Promise<boolean> {
  const r = await db.query<{ v: string | null; i: string | null }>(
    `SELECT to_regclass('pub_fieldwork_visits')::text AS v,
            to_regclass('pub_fieldwork_item_results')::text AS i, $1::uuid AS org`,
    [orgId],
  );
  return Boolean(r.rows[0]?.v && r.rows[0]?.i);
}

export interface TVisitRow {
  id: string;
  unitId: string | null;
  unitName: string | null;
  kind: 'audit' | 'mystery';
  visitedAt: string;
  score: number;
  criticalFailed: boolean;
  staffUserId: string | null;
}

/** Scored own-outlet visits (audit, mystery) of a unit subtree or of a staff member. */
export async function visits(
  db: Sql,
  orgId: string,
  f: {
    unitIds: string[] | null;
    staffUserId: string | null;
    since: string;
    until: string;
  },
): Promise<TVisitRow[]> {
  const r = await db.query<{
    id: string;
    unit_id: string | null;
    unit_name: string | null;
    kind: 'audit' | 'mystery';
    visited_at: Date | string;
    score: number;
    critical_failed: boolean | null;
    staff_user_id: string | null;
  }>(
    `SELECT v.id, v.unit_id, u.name AS unit_name, v.kind, v.visited_at,
            coalesce(v.final_score, v.score)::float8 AS score, v.critical_failed, v.staff_user_id
       FROM pub_fieldwork_visits v
       LEFT JOIN pub_org_units u ON u.org_id = v.org_id AND u.id = v.unit_id
      WHERE v.org_id = $1 AND v.kind IN ('audit', 'mystery')
        AND coalesce(v.final_score, v.score) IS NOT NULL AND v.visited_at IS NOT NULL
        AND v.visited_at >= $2::timestamptz AND v.visited_at < $3::timestamptz
        AND ($4::uuid[] IS NULL OR v.unit_id = ANY($4::uuid[]))
        AND ($5::uuid IS NULL OR v.staff_user_id = $5)
      ORDER BY v.visited_at DESC, v.id`,
    [orgId, f.since, f.until, f.unitIds, f.staffUserId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    unitId: x.unit_id,
    unitName: x.unit_name,
    kind: x.kind,
    visitedAt: iso(x.visited_at) as string,
    score: Number(x.score),
    criticalFailed: x.critical_failed === true,
    staffUserId: x.staff_user_id,
  }));
}

/** Standards compliance: applicable checklist items met / applicable, own visits. */
export async function compliance(
  db: Sql,
  orgId: string,
  f: { unitIds: string[] | null; staffUserId: string | null; since: string; until: string },
): Promise<{ n: number; met: number }> {
  const r = await db.query<{ n: number; met: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE i.met)::int AS met
       FROM pub_fieldwork_item_results i
      WHERE i.org_id = $1 AND i.kind IN ('audit', 'mystery') AND i.applicable
        AND i.visited_at >= $2::timestamptz AND i.visited_at < $3::timestamptz
        AND ($4::uuid[] IS NULL OR i.unit_id = ANY($4::uuid[]))
        AND ($5::uuid IS NULL OR i.visit_id IN (
              SELECT v.id FROM pub_fieldwork_visits v WHERE v.org_id = $1 AND v.staff_user_id = $5))`,
    [orgId, f.since, f.until, f.unitIds, f.staffUserId],
  );
  return { n: Number(r.rows[0]?.n ?? 0), met: Number(r.rows[0]?.met ?? 0) };
}

// ----------------------------------------------------------------------------------- rules

export interface TRuleRow {
  id: string;
  nameEs: string;
  nameEn: string;
  metric: string;
  threshold: number;
  badgeEs: string | null;
  badgeEn: string | null;
  points: number;
  active: boolean;
}

const RULE_COLS = `id, name_es AS "nameEs", name_en AS "nameEn", metric, threshold,
  badge_es AS "badgeEs", badge_en AS "badgeEn", points, active`;

export async function listRules(db: Sql, orgId: string, activeOnly = false): Promise<TRuleRow[]> {
  const r = await db.query<TRuleRow>(
    `SELECT ${RULE_COLS} FROM performance_rules WHERE org_id = $1 AND ($2 = false OR active)
      ORDER BY created_at, id`,
    [orgId, activeOnly],
  );
  return r.rows.map((x) => ({ ...x, threshold: Number(x.threshold) }));
}

type TRuleInput = Omit<TRuleRow, 'id'>;
const ruleValues = (v: TRuleInput) => [
  v.nameEs,
  v.nameEn,
  v.metric,
  v.threshold,
  v.badgeEs,
  v.badgeEn,
  v.points,
  v.active,
];

export async function insertRule(db: Sql, orgId: string, v: TRuleInput): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO performance_rules (org_id, name_es, name_en, metric, threshold, badge_es,
        badge_en, points, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [orgId, ...ruleValues(v)],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function updateRule(
  db: Sql,
  orgId: string,
  id: string,
  v: TRuleInput,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE performance_rules SET name_es = $3, name_en = $4, metric = $5, threshold = $6,
        badge_es = $7, badge_en = $8, points = $9, active = $10, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING id`,
    [orgId, id, ...ruleValues(v)],
  );
  return r.rows.length > 0;
}

// ------------------------------------------------------------------------------ nominations

export interface TNominationRow {
  id: string;
  nomineeId: string;
  nomineeName: string | null;
  nominatedBy: string;
  nominatorName: string | null;
  period: string;
  reason: string;
  points: number;
  status: 'pending' | 'approved' | 'rejected';
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

const NOMINATION_SELECT = `SELECT n.id, n.nominee_id AS "nomineeId", a.name AS "nomineeName",
        n.nominated_by AS "nominatedBy", b.name AS "nominatorName", n.period, n.reason, n.points,
        n.status, n.decided_at AS "decidedAt", n.decision_note AS "decisionNote",
        n.created_at AS "createdAt"
   FROM performance_nominations n
   LEFT JOIN pub_users a ON a.org_id = n.org_id AND a.id = n.nominee_id
   LEFT JOIN pub_users b ON b.org_id = n.org_id AND b.id = n.nominated_by`;

const toNomination = (x: TNominationRow): TNominationRow => ({
  ...x,
  decidedAt: iso(x.decidedAt),
  createdAt: iso(x.createdAt) as string,
});

export async function insertNomination(
  db: Sql,
  orgId: string,
  v: {
    id: string;
    nomineeId: string;
    nominatedBy: string;
    period: string;
    reason: string;
    points: number;
  },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO performance_nominations (id, org_id, nominee_id, nominated_by, period, reason,
        points) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [v.id, orgId, v.nomineeId, v.nominatedBy, v.period, v.reason, v.points],
  );
  return r.rows.length > 0;
}

export async function getNomination(
  db: Sql,
  orgId: string,
  id: string,
): Promise<TNominationRow | null> {
  const r = await db.query<TNominationRow>(
    `${NOMINATION_SELECT} WHERE n.org_id = $1 AND n.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ? toNomination(r.rows[0]) : null;
}

export async function nominationIdTaken(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'SELECT 1 FROM performance_nominations WHERE id = $2 AND org_id <> $1 LIMIT 1',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function listNominations(
  db: Sql,
  orgId: string,
  f: { status: string | null; userId: string | null },
): Promise<TNominationRow[]> {
  const r = await db.query<TNominationRow>(
    `${NOMINATION_SELECT} WHERE n.org_id = $1 AND ($2::text IS NULL OR n.status = $2)
        AND ($3::uuid IS NULL OR n.nominated_by = $3 OR n.nominee_id = $3)
      ORDER BY n.created_at DESC, n.id LIMIT 200`,
    [orgId, f.status, f.userId],
  );
  return r.rows.map(toNomination);
}

/** pending -> approved/rejected; false when it was no longer pending. */
export async function decideNomination(
  db: Sql,
  orgId: string,
  id: string,
  v: { status: 'approved' | 'rejected'; by: string; note: string | null },
): Promise<boolean> {
  const r = await db.query(
    `UPDATE performance_nominations SET status = $3, decided_by = $4, decided_at = now(),
        decision_note = $5
      WHERE org_id = $1 AND id = $2 AND status = 'pending' RETURNING id`,
    [orgId, id, v.status, v.by, v.note],
  );
  return r.rows.length > 0;
}

// ----------------------------------------------------------------------------------- awards

/** One award; a second one for the same rule x person x month (or nomination) is ignored. */
export async function insertAward(
  db: Sql,
  orgId: string,
  v: {
    userId: string;
    period: string;
    ruleId: string | null;
    nominationId: string | null;
    titleEs: string;
    titleEn: string;
    badge: boolean;
    points: number;
    value: number | null;
    n: number | null;
  },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO performance_awards (org_id, user_id, period, rule_id, nomination_id, title_es,
        title_en, badge, points, value, n)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id`,
    [
      orgId,
      v.userId,
      v.period,
      v.ruleId,
      v.nominationId,
      v.titleEs,
      v.titleEn,
      v.badge,
      v.points,
      v.value,
      v.n,
    ],
  );
  return r.rows.length > 0;
}

export interface TAwardRow {
  id: string;
  userId: string;
  userName: string | null;
  unitName: string | null;
  period: string;
  source: 'rule' | 'nomination';
  titleEs: string;
  titleEn: string;
  badge: boolean;
  points: number;
  value: number | null;
  n: number | null;
  createdAt: string;
}

export async function awards(
  db: Sql,
  orgId: string,
  f: { period: string | null; userId: string | null },
): Promise<TAwardRow[]> {
  const r = await db.query<TAwardRow & { nomination: boolean }>(
    `SELECT a.id, a.user_id AS "userId", u.name AS "userName", ou.name AS "unitName", a.period,
            a.nomination_id IS NOT NULL AS nomination, a.title_es AS "titleEs",
            a.title_en AS "titleEn", a.badge, a.points, a.value, a.n, a.created_at AS "createdAt"
       FROM performance_awards a
       LEFT JOIN pub_users u ON u.org_id = a.org_id AND u.id = a.user_id
       LEFT JOIN pub_org_units ou ON ou.org_id = a.org_id AND ou.id = u.unit_id
      WHERE a.org_id = $1 AND ($2::text IS NULL OR a.period = $2)
        AND ($3::uuid IS NULL OR a.user_id = $3)
      ORDER BY a.period DESC, a.points DESC, a.created_at, a.id LIMIT 500`,
    [orgId, f.period, f.userId],
  );
  return r.rows.map(({ nomination, ...x }) => ({
    ...x,
    source: nomination ? 'nomination' : 'rule',
    points: Number(x.points),
    value: x.value === null ? null : Number(x.value),
    createdAt: iso(x.createdAt) as string,
  }));
}

/** Points per person: in the month and all time (the ledger's balance). */
export async function pointTotals(
  db: Sql,
  orgId: string,
  period: string,
): Promise<{ userId: string; userName: string | null; month: number; total: number }[]> {
  const r = await db.query<{ user_id: string; name: string | null; month: string; total: string }>(
    `SELECT a.user_id, u.name, sum(a.points) FILTER (WHERE a.period = $2) AS month,
            sum(a.points) AS total
       FROM performance_awards a
       LEFT JOIN pub_users u ON u.org_id = a.org_id AND u.id = a.user_id
      WHERE a.org_id = $1 AND a.period <= $2
      GROUP BY a.user_id, u.name
     HAVING count(*) FILTER (WHERE a.period = $2) > 0`,
    [orgId, period],
  );
  return r.rows
    .map((x) => ({
      userId: x.user_id,
      userName: x.name,
      month: Number(x.month ?? 0),
      total: Number(x.total ?? 0),
    }))
    .sort((a, b) => b.month - a.month || b.total - a.total || a.userId.localeCompare(b.userId));
}

// ------------------------------------------------------------------------------------- jobs

/** Whether the org has a job of this kind queued or running (pub_jobs, the jobs module's view). */
export async function jobPending(db: Sql, orgId: string, kind: string): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM pub_jobs WHERE org_id = $1 AND kind = $2 AND status IN ('queued', 'running')
      LIMIT 1`,
    [orgId, kind],
  );
  return r.rows.length > 0;
}
