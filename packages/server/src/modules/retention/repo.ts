// SQL of the retention product screens (scores, customer view, cohorts, contracts, loyalty,
// win-back, notifications). Every function takes the org id first; `scope` is the caller's unit
// scope (null = every unit). Customers and job states are read through the published views
// pub_customers / pub_jobs (ARCHITECTURE.md "Cross-module reads").
import type { TCustomerScore } from '@fidelia/contracts';
import type { Sql } from '../../db/client';

type Scope = string[] | null;

export interface TScoreRow {
  customer_id: string;
  name: string;
  external_id: string | null;
  run_id: string;
  version: number;
  calibration_end: Date | string;
  frequency: number;
  recency_weeks: number;
  t_weeks: number;
  monetary: number | null;
  p_alive: number;
  p_alive_prev: number | null;
  expected_90d: number;
  expected_365d: number;
  expected_spend: number | null;
  clv: number | null;
  rfm_r: number;
  rfm_f: number;
  rfm_m: number;
  rfm_segment: string;
  tier: TCustomerScore['tier'];
  churn_risk: number | null;
}

/** Scores of the current run joined to the previous run's P(alive). */
const SCORE_SELECT = `
  SELECT s.customer_id, c.name, c.external_id, s.run_id, r.version, r.calibration_end,
         s.frequency, s.recency_weeks, s.t_weeks, s.monetary, s.p_alive, p.p_alive AS p_alive_prev,
         s.expected_90d, s.expected_365d, s.expected_spend, s.clv, s.rfm_r, s.rfm_f, s.rfm_m,
         s.rfm_segment, s.tier, s.churn_risk
    FROM retention_scores s
    JOIN retention_model_runs r ON r.org_id = s.org_id AND r.id = s.run_id
    JOIN pub_customers c ON c.org_id = s.org_id AND c.id = s.customer_id
    LEFT JOIN retention_scores p ON p.org_id = s.org_id AND p.customer_id = s.customer_id
         AND p.run_id = $3::uuid`;

export async function previousRunId(
  db: Sql,
  orgId: string,
  version: number,
): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM retention_model_runs WHERE org_id = $1 AND status = 'done' AND version < $2
      ORDER BY version DESC LIMIT 1`,
    [orgId, version],
  );
  return r.rows[0]?.id ?? null;
}

export async function bestScores(
  db: Sql,
  orgId: string,
  q: { runId: string; prevRunId: string | null; scope: Scope; tier: string | null; limit: number },
): Promise<TScoreRow[]> {
  const { rows } = await db.query<TScoreRow>(
    `${SCORE_SELECT}
      WHERE s.org_id = $1 AND s.run_id = $2 AND c.status <> 'erased'
        AND ($4::uuid[] IS NULL OR c.unit_id = ANY($4::uuid[]))
        AND ($5::text IS NULL OR s.tier = $5)
      ORDER BY s.clv DESC NULLS LAST, s.expected_365d DESC, s.customer_id LIMIT $6`,
    [orgId, q.runId, q.prevRunId, q.scope, q.tier, q.limit],
  );
  return rows;
}

/** P(alive) below the threshold or fallen by ≥ 0.2 since the previous run, most valuable first. */
export async function atRiskScores(
  db: Sql,
  orgId: string,
  q: { runId: string; prevRunId: string | null; scope: Scope; threshold: number; limit: number },
): Promise<TScoreRow[]> {
  const { rows } = await db.query<TScoreRow>(
    `${SCORE_SELECT}
      WHERE s.org_id = $1 AND s.run_id = $2 AND c.status <> 'erased'
        AND ($4::uuid[] IS NULL OR c.unit_id = ANY($4::uuid[]))
        AND (s.p_alive < $5 OR (p.p_alive IS NOT NULL AND p.p_alive - s.p_alive >= 0.2))
      ORDER BY s.clv DESC NULLS LAST, s.p_alive, s.customer_id LIMIT $6`,
    [orgId, q.runId, q.prevRunId, q.scope, q.threshold, q.limit],
  );
  return rows;
}

export async function customerScore(
  db: Sql,
  orgId: string,
  q: { runId: string; prevRunId: string | null; customerId: string },
): Promise<TScoreRow | null> {
  const r = await db.query<TScoreRow>(
    `${SCORE_SELECT} WHERE s.org_id = $1 AND s.run_id = $2 AND s.customer_id = $4`,
    [orgId, q.runId, q.prevRunId, q.customerId],
  );
  return r.rows[0] ?? null;
}

export async function transactionCounts(
  db: Sql,
  orgId: string,
): Promise<{ n: number; customers: number } | undefined> {
  const tx = await db.query<{ n: number; customers: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers
       FROM retention_transactions WHERE org_id = $1`,
    [orgId],
  );
  return tx.rows[0];
}

/** Customers and CLV per tier, and customers per RFM segment, in one run within the scope. */
export async function runBreakdown(db: Sql, orgId: string, runId: string, scope: Scope) {
  const base = `FROM retention_scores s JOIN pub_customers c ON c.org_id = s.org_id AND c.id = s.customer_id
     WHERE s.org_id = $1 AND s.run_id = $2 AND ($3::uuid[] IS NULL OR c.unit_id = ANY($3::uuid[]))`;
  const tiers = await db.query<{ tier: string | null; n: number; clv: number | null }>(
    `SELECT s.tier, count(*)::int AS n, sum(s.clv) AS clv ${base} GROUP BY s.tier`,
    [orgId, runId, scope],
  );
  const segments = await db.query<{ segment: string; n: number }>(
    `SELECT s.rfm_segment AS segment, count(*)::int AS n ${base} GROUP BY s.rfm_segment ORDER BY n DESC`,
    [orgId, runId, scope],
  );
  return { tiers: tiers.rows, segments: segments.rows };
}

export async function memberCount(db: Sql, orgId: string): Promise<number> {
  const members = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM loyalty_members WHERE org_id = $1',
    [orgId],
  );
  return members.rows[0]?.n ?? 0;
}

export async function customerVisible(
  db: Sql,
  orgId: string,
  id: string,
  scope: Scope,
): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM pub_customers WHERE org_id = $1 AND id = $2
        AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))`,
    [orgId, id, scope],
  );
  return r.rows.length > 0;
}

export async function scoreHistory(db: Sql, orgId: string, customerId: string) {
  const hist = await db.query<{
    version: number;
    calibration_end: Date | string;
    p_alive: number;
    clv: number | null;
    expected_365d: number;
    rfm_segment: string;
    tier: string | null;
  }>(
    `SELECT r.version, r.calibration_end, s.p_alive, s.clv, s.expected_365d, s.rfm_segment, s.tier
       FROM retention_scores s JOIN retention_model_runs r ON r.org_id = s.org_id AND r.id = s.run_id
      WHERE s.org_id = $1 AND s.customer_id = $2 ORDER BY r.version`,
    [orgId, customerId],
  );
  return hist.rows;
}

export async function tierHistory(db: Sql, orgId: string, customerId: string) {
  const r = await db.query<{ from_tier: string | null; to_tier: string; changed_at: Date }>(
    `SELECT from_tier, to_tier, changed_at FROM retention_tier_history
      WHERE org_id = $1 AND customer_id = $2 ORDER BY changed_at, id`,
    [orgId, customerId],
  );
  return r.rows;
}

export async function customerTransactions(db: Sql, orgId: string, customerId: string) {
  const tx = await db.query<{
    n: number;
    total: string | null;
    first: Date | null;
    last: Date | null;
  }>(
    `SELECT count(*)::int AS n, sum(amount)::text AS total, min(occurred_on) AS first, max(occurred_on) AS last
       FROM retention_transactions WHERE org_id = $1 AND customer_id = $2`,
    [orgId, customerId],
  );
  return tx.rows[0];
}

// ------------------------------------------------------------------------------ cohorts
/** Customers per (first-purchase month, months since) and the last month with data. */
export async function cohortCounts(db: Sql, orgId: string, scope: Scope) {
  const { rows } = await db.query<{ cohort: string; k: number; n: number; last: string }>(
    // Window functions instead of joining two CTEs: without statistics PGlite picked a nested
    // loop over the CTE scans (seconds on the CDNOW sample).
    `SELECT to_char(c, 'YYYY-MM') AS cohort,
            ((extract(year FROM m) - extract(year FROM c)) * 12
              + extract(month FROM m) - extract(month FROM c))::int AS k,
            count(*)::int AS n, to_char(max(l), 'YYYY-MM') AS last
       FROM (SELECT m, min(m) OVER (PARTITION BY customer_id) AS c, max(m) OVER () AS l
               FROM (SELECT t.customer_id, date_trunc('month', t.occurred_on)::date AS m
                       FROM retention_transactions t
                      WHERE t.org_id = $1 AND t.type = 'purchase'
                        AND ($2::uuid[] IS NULL OR t.customer_id IN (
                              SELECT cu.id FROM pub_customers cu
                               WHERE cu.org_id = $1 AND cu.unit_id = ANY($2::uuid[])))
                      GROUP BY 1, 2) p) q
      GROUP BY c, m ORDER BY 1, 2`,
    [orgId, scope],
  );
  return rows;
}

/** Whether the last month with purchases ends before its last day (still running). */
export async function lastMonthPartial(db: Sql, orgId: string, scope: Scope): Promise<boolean> {
  const end = await db.query<{ partial: boolean }>(
    `SELECT max(t.occurred_on) < (date_trunc('month', max(t.occurred_on)) + interval '1 month - 1 day')::date
              AS partial
       FROM retention_transactions t
      WHERE t.org_id = $1 AND t.type = 'purchase'
        AND ($2::uuid[] IS NULL OR t.customer_id IN (
              SELECT cu.id FROM pub_customers cu WHERE cu.org_id = $1 AND cu.unit_id = ANY($2::uuid[])))`,
    [orgId, scope],
  );
  return end.rows[0]?.partial === true;
}

// ------------------------------------------------------------------------------ contracts
export async function contractsOf(db: Sql, orgId: string, customerId: string) {
  const { rows } = await db.query<{
    id: string;
    customer_id: string;
    plan: string;
    start_date: Date | string;
    end_date: Date | string | null;
    monthly_fee: string | null;
    active: boolean;
  }>(
    `SELECT id, customer_id, plan, start_date, end_date, monthly_fee::text,
            (end_date IS NULL OR end_date >= CURRENT_DATE) AS active
       FROM retention_contracts WHERE org_id = $1 AND customer_id = $2 ORDER BY start_date`,
    [orgId, customerId],
  );
  return rows;
}

export async function insertContract(
  db: Sql,
  orgId: string,
  v: {
    customerId: string;
    plan: string;
    startDate: string;
    endDate: string | null;
    monthlyFee: number | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO retention_contracts (org_id, customer_id, plan, start_date, end_date, monthly_fee)
     VALUES ($1, $2, $3, $4::date, $5::date, $6) RETURNING id`,
    [orgId, v.customerId, v.plan, v.startDate, v.endDate, v.monthlyFee],
  );
  return rows[0]?.id as string;
}

// ------------------------------------------------------------------------------ loyalty
export async function members(db: Sql, orgId: string, scope: Scope) {
  const { rows } = await db.query<{
    customer_id: string;
    name: string;
    member_no: string;
    joined_on: Date | string;
    balance: number;
    tier: string | null;
  }>(
    `SELECT m.customer_id, c.name, m.member_no, m.joined_on, m.balance, t.tier
       FROM loyalty_members m JOIN pub_customers c ON c.org_id = m.org_id AND c.id = m.customer_id
       LEFT JOIN retention_customer_tiers t ON t.org_id = m.org_id AND t.customer_id = m.customer_id
      WHERE m.org_id = $1 AND ($2::uuid[] IS NULL OR c.unit_id = ANY($2::uuid[]))
      ORDER BY m.balance DESC, m.member_no LIMIT 500`,
    [orgId, scope],
  );
  return rows;
}

/** The member row (`lock`: FOR UPDATE, so concurrent ledger entries serialise). */
export async function member(
  db: Sql,
  orgId: string,
  customerId: string,
  lock = false,
): Promise<{ member_no: string; balance: number; joined_on: Date | string } | null> {
  const r = await db.query<{ member_no: string; balance: number; joined_on: Date | string }>(
    `SELECT member_no, balance, joined_on FROM loyalty_members WHERE org_id = $1 AND customer_id = $2${
      lock ? ' FOR UPDATE' : ''
    }`,
    [orgId, customerId],
  );
  return r.rows[0] ?? null;
}

/** Next member number: S + 6 digits, counting the org's members. */
export async function insertMember(db: Sql, orgId: string, customerId: string): Promise<string> {
  const { rows } = await db.query<{ member_no: string }>(
    `INSERT INTO loyalty_members (org_id, customer_id, member_no)
     SELECT $1, $2, 'S' || lpad((count(*) + 1)::text, 6, '0') FROM loyalty_members WHERE org_id = $1
     RETURNING member_no`,
    [orgId, customerId],
  );
  return rows[0]?.member_no as string;
}

export interface TLedgerRow {
  id: string;
  customer_id: string;
  client_id: string;
  kind: 'earn' | 'redeem';
  points: number;
  balance_after: number;
  reason: string;
  created_at: Date | string;
}

export async function ledgerByClientId(
  db: Sql,
  orgId: string,
  clientId: string,
): Promise<TLedgerRow | null> {
  const r = await db.query<TLedgerRow>(
    'SELECT * FROM loyalty_ledger WHERE org_id = $1 AND client_id = $2',
    [orgId, clientId],
  );
  return r.rows[0] ?? null;
}

/** Appends a ledger entry and stores the member's new balance (inside the caller's transaction). */
export async function appendLedger(
  db: Sql,
  orgId: string,
  e: {
    customerId: string;
    clientId: string;
    kind: 'earn' | 'redeem';
    points: number;
    balanceAfter: number;
    reason: string;
    createdBy: string;
  },
): Promise<TLedgerRow> {
  const { rows } = await db.query<TLedgerRow>(
    `INSERT INTO loyalty_ledger (org_id, customer_id, client_id, kind, points, balance_after, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [orgId, e.customerId, e.clientId, e.kind, e.points, e.balanceAfter, e.reason, e.createdBy],
  );
  await db.query('UPDATE loyalty_members SET balance = $3 WHERE org_id = $1 AND customer_id = $2', [
    orgId,
    e.customerId,
    e.balanceAfter,
  ]);
  return rows[0] as TLedgerRow;
}

export async function ledgerOf(db: Sql, orgId: string, customerId: string): Promise<TLedgerRow[]> {
  const { rows } = await db.query<TLedgerRow>(
    `SELECT * FROM loyalty_ledger WHERE org_id = $1 AND customer_id = $2
      ORDER BY created_at DESC, id DESC LIMIT 200`,
    [orgId, customerId],
  );
  return rows;
}

// ------------------------------------------------------------------------------ win-back
/** The visible, not erased customers among `ids` with their latest P(alive) and CLV. */
export async function winbackTargets(db: Sql, orgId: string, ids: string[], scope: Scope) {
  const found = await db.query<{ id: string; p_alive: number | null; clv: number | null }>(
    `SELECT c.id, s.p_alive, s.clv FROM pub_customers c
       LEFT JOIN retention_scores s ON s.org_id = c.org_id AND s.customer_id = c.id
            AND s.run_id = (SELECT id FROM retention_model_runs WHERE org_id = $1 AND status = 'done'
                             ORDER BY version DESC LIMIT 1)
      WHERE c.org_id = $1 AND c.id = ANY($2::uuid[]) AND c.status <> 'erased'
        AND ($3::uuid[] IS NULL OR c.unit_id = ANY($3::uuid[]))`,
    [orgId, ids, scope],
  );
  return found.rows;
}

export async function insertSurveyActions(
  db: Sql,
  orgId: string,
  a: { customerIds: string[]; surveyId: string; jobId: string; note: string; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO retention_winback_actions (org_id, customer_id, action, survey_id, job_id, note, created_by)
     SELECT $1, c, 'survey', $3, $4, $5, $6 FROM unnest($2::uuid[]) AS u(c)`,
    [orgId, a.customerIds, a.surveyId, a.jobId, a.note, a.createdBy],
  );
}

export async function insertCaseAction(
  db: Sql,
  orgId: string,
  a: { id: string; customerId: string; jobId: string; note: string; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO retention_winback_actions (org_id, id, customer_id, action, job_id, note, created_by)
     VALUES ($1, $2, $3, 'case', $4, $5, $6)`,
    [orgId, a.id, a.customerId, a.jobId, a.note, a.createdBy],
  );
}

export async function winbackActions(db: Sql, orgId: string, scope: Scope) {
  const { rows } = await db.query<{
    id: string;
    customer_id: string;
    name: string;
    action: string;
    job_status: string | null;
    note: string;
    created_at: Date;
  }>(
    `SELECT w.id, w.customer_id, c.name, w.action, j.status AS job_status, w.note, w.created_at
       FROM retention_winback_actions w
       JOIN pub_customers c ON c.org_id = w.org_id AND c.id = w.customer_id
       LEFT JOIN pub_jobs j ON j.org_id = w.org_id AND j.id = w.job_id
      WHERE w.org_id = $1 AND ($2::uuid[] IS NULL OR c.unit_id = ANY($2::uuid[]))
      ORDER BY w.created_at DESC LIMIT 100`,
    [orgId, scope],
  );
  return rows;
}

export async function notificationsOf(db: Sql, orgId: string, scope: Scope) {
  const { rows } = await db.query<{
    id: string;
    customer_id: string | null;
    name: string | null;
    kind: string;
    payload: Record<string, unknown>;
    emailed_at: Date | null;
    created_at: Date;
  }>(
    `SELECT n.id, n.customer_id, c.name, n.kind, n.payload, n.emailed_at, n.created_at
       FROM retention_notifications n
       LEFT JOIN pub_customers c ON c.org_id = n.org_id AND c.id = n.customer_id
      WHERE n.org_id = $1 AND ($2::uuid[] IS NULL OR c.unit_id = ANY($2::uuid[]))
      ORDER BY n.created_at DESC LIMIT 100`,
    [orgId, scope],
  );
  return rows;
}
