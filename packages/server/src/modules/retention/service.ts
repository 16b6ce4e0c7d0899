// Retention product rules: score lists (best customers, at risk), the customer view, cohorts,
// contracts, loyalty points, win-back actions, notifications. Customers are read in joins
// (read-only) and always restricted to the caller's org and unit scope.
import type {
  TCohortRow,
  TContract,
  TContractCreate,
  TCustomerScore,
  TLedgerEntry,
  TLoyaltyMember,
  TPoints,
  TRetentionCustomer,
  TRetentionSettings,
  TWinback,
} from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { audit } from '../audit/service';
import { registerTimelineSource } from '../customers/service';
import { unitScope } from '../orgs/service';
import { getSurvey } from '../surveys/service';
import { currentRun, dateOnly } from './model';
import { getSettings, putSettings, TIER_RANK } from './settings';
import { timelineFor } from './timeline';

registerErrors({
  LOYALTY_NOT_MEMBER: {
    status: 404,
    es: 'El cliente no es socio del programa de fidelización.',
    en: 'The customer is not a loyalty member.',
  },
  LOYALTY_INSUFFICIENT_POINTS: {
    status: 409,
    es: 'No hay puntos suficientes: el saldo no puede quedar en negativo.',
    en: 'Not enough points: the balance cannot go negative.',
  },
  LOYALTY_CLIENT_ID_REUSED: {
    status: 409,
    es: 'Ese identificador de operación ya se usó con otros datos.',
    en: 'That operation id was already used with different data.',
  },
  RETENTION_TIERS_ORDER: {
    status: 400,
    es: 'Los umbrales deben crecer de bronce a plata y a oro.',
    en: 'Thresholds must increase from bronze to silver to gold.',
  },
  RETENTION_SURVEY_NOT_OPEN: {
    status: 409,
    es: 'La encuesta no está abierta.',
    en: 'The survey is not open.',
  },
});

/** Job kind for "open a follow-up case" win-back actions (handled by the complaints module;
 *  payload { actionId, customerId, note, pAlive, clv }; idempotent on actionId). */
export const FOLLOWUP_JOB = 'retention.followup';

export { timelineFor };

registerTimelineSource('retention', timelineFor);

async function scopeOf(db: Sql, auth: AuthContext): Promise<string[] | null> {
  const s = await unitScope(db, auth);
  return s ? [...s] : null;
}

interface TScoreRow {
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

const toScore = (r: TScoreRow): TCustomerScore => ({
  customerId: r.customer_id,
  name: r.name,
  externalId: r.external_id,
  runId: r.run_id,
  version: r.version,
  calibrationEnd: dateOnly(r.calibration_end),
  frequency: r.frequency,
  recencyWeeks: r.recency_weeks,
  tWeeks: r.t_weeks,
  monetary: r.monetary,
  pAlive: r.p_alive,
  pAlivePrev: r.p_alive_prev,
  expected90d: r.expected_90d,
  expected365d: r.expected_365d,
  expectedSpend: r.expected_spend,
  clv: r.clv,
  rfm: { r: r.rfm_r, f: r.rfm_f, m: r.rfm_m, segment: r.rfm_segment },
  tier: r.tier,
  contractChurn: r.churn_risk,
});

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

async function previousRunId(db: Sql, orgId: string, version: number): Promise<string | null> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM retention_model_runs WHERE org_id = $1 AND status = 'done' AND version < $2
      ORDER BY version DESC LIMIT 1`,
    [orgId, version],
  );
  return r.rows[0]?.id ?? null;
}

export async function bestCustomers(
  db: Sql,
  auth: AuthContext,
  q: { limit: number; tier?: string | undefined },
): Promise<{ run: number | null; items: TCustomerScore[] }> {
  const run = await currentRun(db, auth.orgId);
  if (!run) return { run: null, items: [] };
  const scope = await scopeOf(db, auth);
  const prev = await previousRunId(db, auth.orgId, run.version);
  const { rows } = await db.query<TScoreRow>(
    `${SCORE_SELECT}
      WHERE s.org_id = $1 AND s.run_id = $2 AND c.status <> 'erased'
        AND ($4::uuid[] IS NULL OR c.unit_id = ANY($4::uuid[]))
        AND ($5::text IS NULL OR s.tier = $5)
      ORDER BY s.clv DESC NULLS LAST, s.expected_365d DESC, s.customer_id LIMIT $6`,
    [auth.orgId, run.id, prev, scope, q.tier ?? null, q.limit],
  );
  return { run: run.version, items: rows.map(toScore) };
}

/** Customers whose P(alive) is below the threshold or fell by ≥ 0.2 since the previous run,
 *  most valuable first. */
export async function atRisk(
  db: Sql,
  auth: AuthContext,
  q: { limit: number },
): Promise<{ run: number | null; threshold: number; items: TCustomerScore[] }> {
  const settings = await getSettings(db, auth.orgId);
  const run = await currentRun(db, auth.orgId);
  if (!run) return { run: null, threshold: settings.atRiskPAlive, items: [] };
  const scope = await scopeOf(db, auth);
  const prev = await previousRunId(db, auth.orgId, run.version);
  const { rows } = await db.query<TScoreRow>(
    `${SCORE_SELECT}
      WHERE s.org_id = $1 AND s.run_id = $2 AND c.status <> 'erased'
        AND ($4::uuid[] IS NULL OR c.unit_id = ANY($4::uuid[]))
        AND (s.p_alive < $5 OR (p.p_alive IS NOT NULL AND p.p_alive - s.p_alive >= 0.2))
      ORDER BY s.clv DESC NULLS LAST, s.p_alive, s.customer_id LIMIT $6`,
    [auth.orgId, run.id, prev, scope, settings.atRiskPAlive, q.limit],
  );
  return { run: run.version, threshold: settings.atRiskPAlive, items: rows.map(toScore) };
}

/** Counts per tier and per RFM segment in the current run. */
export async function overview(db: Sql, auth: AuthContext) {
  const run = await currentRun(db, auth.orgId);
  const settings = await getSettings(db, auth.orgId);
  const tx = await db.query<{ n: number; customers: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS customers
       FROM retention_transactions WHERE org_id = $1`,
    [auth.orgId],
  );
  if (!run)
    return { run: null, settings, tiers: [], segments: [], transactions: tx.rows[0], members: 0 };
  const scope = await scopeOf(db, auth);
  const base = `FROM retention_scores s JOIN pub_customers c ON c.org_id = s.org_id AND c.id = s.customer_id
     WHERE s.org_id = $1 AND s.run_id = $2 AND ($3::uuid[] IS NULL OR c.unit_id = ANY($3::uuid[]))`;
  const tiers = await db.query<{ tier: string | null; n: number; clv: number | null }>(
    `SELECT s.tier, count(*)::int AS n, sum(s.clv) AS clv ${base} GROUP BY s.tier`,
    [auth.orgId, run.id, scope],
  );
  const segments = await db.query<{ segment: string; n: number }>(
    `SELECT s.rfm_segment AS segment, count(*)::int AS n ${base} GROUP BY s.rfm_segment ORDER BY n DESC`,
    [auth.orgId, run.id, scope],
  );
  const members = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM loyalty_members WHERE org_id = $1',
    [auth.orgId],
  );
  return {
    run,
    settings,
    tiers: tiers.rows
      .map((r) => ({ tier: r.tier, customers: r.n, clv: r.clv === null ? null : Number(r.clv) }))
      .sort((a, b) => (TIER_RANK[b.tier as 'gold'] ?? 0) - (TIER_RANK[a.tier as 'gold'] ?? 0)),
    segments: segments.rows,
    transactions: tx.rows[0],
    members: members.rows[0]?.n ?? 0,
  };
}

/** A customer visible to the caller, or NOT_FOUND. */
async function assertCustomer(db: Sql, auth: AuthContext, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
  const scope = await scopeOf(db, auth);
  const r = await db.query(
    `SELECT 1 FROM pub_customers WHERE org_id = $1 AND id = $2
        AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))`,
    [auth.orgId, id, scope],
  );
  if (!r.rows.length) throw new AppError('NOT_FOUND');
}

export async function customerView(
  db: Sql,
  auth: AuthContext,
  id: string,
): Promise<TRetentionCustomer> {
  await assertCustomer(db, auth, id);
  const run = await currentRun(db, auth.orgId);
  let current: TCustomerScore | null = null;
  if (run) {
    const prev = await previousRunId(db, auth.orgId, run.version);
    const r = await db.query<TScoreRow>(
      `${SCORE_SELECT} WHERE s.org_id = $1 AND s.run_id = $2 AND s.customer_id = $4`,
      [auth.orgId, run.id, prev, id],
    );
    current = r.rows[0] ? toScore(r.rows[0]) : null;
  }
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
    [auth.orgId, id],
  );
  const tierHist = await db.query<{ from_tier: string | null; to_tier: string; changed_at: Date }>(
    `SELECT from_tier, to_tier, changed_at FROM retention_tier_history
      WHERE org_id = $1 AND customer_id = $2 ORDER BY changed_at, id`,
    [auth.orgId, id],
  );
  const tx = await db.query<{
    n: number;
    total: string | null;
    first: Date | null;
    last: Date | null;
  }>(
    `SELECT count(*)::int AS n, sum(amount)::text AS total, min(occurred_on) AS first, max(occurred_on) AS last
       FROM retention_transactions WHERE org_id = $1 AND customer_id = $2`,
    [auth.orgId, id],
  );
  const t = tx.rows[0];
  const member = await db.query<{ member_no: string; balance: number; joined_on: Date | string }>(
    'SELECT member_no, balance, joined_on FROM loyalty_members WHERE org_id = $1 AND customer_id = $2',
    [auth.orgId, id],
  );
  const m = member.rows[0];
  return {
    customerId: id,
    current,
    history: hist.rows.map((h) => ({
      version: h.version,
      calibrationEnd: dateOnly(h.calibration_end),
      pAlive: h.p_alive,
      clv: h.clv,
      expected365d: h.expected_365d,
      segment: h.rfm_segment,
      tier: h.tier,
    })),
    tierHistory: tierHist.rows.map((h) => ({
      from: h.from_tier,
      to: h.to_tier,
      at: new Date(h.changed_at).toISOString(),
    })),
    churnRisk: current ? (current.contractChurn ?? 1 - current.pAlive) : null,
    churnSource: current ? (current.contractChurn !== null ? 'contract' : 'bgnbd') : null,
    transactions: {
      count: t?.n ?? 0,
      total: t?.total ? Number(t.total) : 0,
      first: t?.first ? dateOnly(t.first) : null,
      last: t?.last ? dateOnly(t.last) : null,
    },
    contracts: await listContracts(db, auth, id),
    loyalty: m
      ? { memberNo: m.member_no, balance: m.balance, joinedOn: dateOnly(m.joined_on) }
      : null,
  };
}

// ------------------------------------------------------------------------------ cohorts
/** Share of each first-purchase-month cohort buying again in month k (k = 0 is the first
 *  month: 100 %). Months after the last month with data are not observable (null). */
export async function cohorts(
  db: Sql,
  auth: AuthContext,
  months: number,
): Promise<{ items: TCohortRow[]; lastMonth: string | null; partialMonth: string | null }> {
  const scope = await scopeOf(db, auth);
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
    [auth.orgId, scope],
  );
  if (!rows.length) return { items: [], lastMonth: null, partialMonth: null };
  const last = rows[0]?.last as string;
  // The last month with data is still running when its last purchase is before the month's last
  // day (an import from mid-month, the current month): its shares are not comparable yet, so
  // they are left out (null) instead of being drawn as a fall to ~0 %. Month 0 stays (100 %).
  const end = await db.query<{ partial: boolean }>(
    `SELECT max(t.occurred_on) < (date_trunc('month', max(t.occurred_on)) + interval '1 month - 1 day')::date
              AS partial
       FROM retention_transactions t
      WHERE t.org_id = $1 AND t.type = 'purchase'
        AND ($2::uuid[] IS NULL OR t.customer_id IN (
              SELECT cu.id FROM pub_customers cu WHERE cu.org_id = $1 AND cu.unit_id = ANY($2::uuid[])))`,
    [auth.orgId, scope],
  );
  const partial = end.rows[0]?.partial === true;
  const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
  const byCohort = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let m = byCohort.get(r.cohort);
    if (!m) {
      m = new Map();
      byCohort.set(r.cohort, m);
    }
    m.set(r.k, r.n);
  }
  const all = [...byCohort.keys()].sort().slice(-months);
  const items = all.map((cohort) => {
    const m = byCohort.get(cohort) as Map<number, number>;
    const size = m.get(0) ?? 0;
    const observable = monthIndex(last) - monthIndex(cohort);
    const retention: Array<number | null> = [];
    for (let k = 0; k < months; k++) {
      const unfinished = partial && k === observable && k > 0;
      retention.push(k > observable || unfinished ? null : size ? (m.get(k) ?? 0) / size : 0);
    }
    return { cohort, size, retention };
  });
  return { items, lastMonth: last, partialMonth: partial ? last : null };
}

// ------------------------------------------------------------------------------ contracts
export async function listContracts(
  db: Sql,
  auth: AuthContext,
  customerId: string,
): Promise<TContract[]> {
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
    [auth.orgId, customerId],
  );
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    plan: r.plan,
    startDate: dateOnly(r.start_date),
    endDate: r.end_date ? dateOnly(r.end_date) : null,
    monthlyFee: r.monthly_fee === null ? null : Number(r.monthly_fee),
    active: r.active,
  }));
}

export async function createContract(
  db: Sql,
  auth: AuthContext,
  v: TContractCreate,
): Promise<TContract> {
  await assertCustomer(db, auth, v.customerId);
  if (v.endDate && v.endDate < v.startDate)
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'endDate', message: 'endDate < startDate' }],
    });
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO retention_contracts (org_id, customer_id, plan, start_date, end_date, monthly_fee)
     VALUES ($1, $2, $3, $4::date, $5::date, $6) RETURNING id`,
    [auth.orgId, v.customerId, v.plan, v.startDate, v.endDate ?? null, v.monthlyFee ?? null],
  );
  const id = rows[0]?.id as string;
  await audit(db, auth, {
    action: 'contract.created',
    entity: 'customer',
    entityId: v.customerId,
    changes: { contractId: id, plan: v.plan },
  });
  return (await listContracts(db, auth, v.customerId)).find((c) => c.id === id) as TContract;
}

// ------------------------------------------------------------------------------ settings
export async function saveSettings(db: Sql, auth: AuthContext, v: TRetentionSettings) {
  const byKey = new Map(v.tiers.map((t) => [t.key, t]));
  const b = byKey.get('bronze');
  const s = byKey.get('silver');
  const g = byKey.get('gold');
  if (
    !b ||
    !s ||
    !g ||
    !(b.minPercentile < s.minPercentile && s.minPercentile < g.minPercentile) ||
    !(b.minClv < s.minClv && s.minClv < g.minClv)
  )
    throw new AppError('RETENTION_TIERS_ORDER');
  return putSettings(db, auth, v);
}

// ------------------------------------------------------------------------------ loyalty
export async function listMembers(db: Sql, auth: AuthContext): Promise<TLoyaltyMember[]> {
  const scope = await scopeOf(db, auth);
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
    [auth.orgId, scope],
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    name: r.name,
    memberNo: r.member_no,
    joinedOn: dateOnly(r.joined_on),
    balance: r.balance,
    tier: r.tier,
  }));
}

export async function joinLoyalty(db: Sql, auth: AuthContext, customerId: string) {
  await assertCustomer(db, auth, customerId);
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ member_no: string }>(
      'SELECT member_no FROM loyalty_members WHERE org_id = $1 AND customer_id = $2',
      [auth.orgId, customerId],
    );
    if (existing.rows[0]) return { memberNo: existing.rows[0].member_no, created: false };
    const { rows } = await tx.query<{ member_no: string }>(
      `INSERT INTO loyalty_members (org_id, customer_id, member_no)
       SELECT $1, $2, 'S' || lpad((count(*) + 1)::text, 6, '0') FROM loyalty_members WHERE org_id = $1
       RETURNING member_no`,
      [auth.orgId, customerId],
    );
    await audit(tx, auth, {
      action: 'loyalty.joined',
      entity: 'customer',
      entityId: customerId,
      changes: { memberNo: rows[0]?.member_no },
    });
    return { memberNo: rows[0]?.member_no as string, created: true };
  });
}

interface TLedgerRow {
  id: string;
  customer_id: string;
  client_id: string;
  kind: 'earn' | 'redeem';
  points: number;
  balance_after: number;
  reason: string;
  created_at: Date | string;
}
const toEntry = (r: TLedgerRow): TLedgerEntry => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  points: r.points,
  balanceAfter: r.balance_after,
  reason: r.reason,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Appends an earn/redeem entry. Idempotent by clientId: the same request again returns the
 *  original entry; the same clientId with different data is refused. The member row is locked,
 *  so concurrent entries serialise and the balance can never go below zero. */
export async function addPoints(
  db: Sql,
  auth: AuthContext,
  customerId: string,
  v: TPoints,
): Promise<{ entry: TLedgerEntry; replay: boolean }> {
  await assertCustomer(db, auth, customerId);
  return db.transaction(async (tx) => {
    const m = await tx.query<{ balance: number }>(
      'SELECT balance FROM loyalty_members WHERE org_id = $1 AND customer_id = $2 FOR UPDATE',
      [auth.orgId, customerId],
    );
    const member = m.rows[0];
    if (!member) throw new AppError('LOYALTY_NOT_MEMBER');
    const prior = await tx.query<TLedgerRow>(
      'SELECT * FROM loyalty_ledger WHERE org_id = $1 AND client_id = $2',
      [auth.orgId, v.clientId],
    );
    const p = prior.rows[0];
    if (p) {
      const same =
        p.customer_id === customerId &&
        p.kind === v.kind &&
        p.points === v.points &&
        p.reason === v.reason;
      if (!same) throw new AppError('LOYALTY_CLIENT_ID_REUSED');
      return { entry: toEntry(p), replay: true };
    }
    const balance = member.balance + (v.kind === 'earn' ? v.points : -v.points);
    if (balance < 0) throw new AppError('LOYALTY_INSUFFICIENT_POINTS', { balance: member.balance });
    const { rows } = await tx.query<TLedgerRow>(
      `INSERT INTO loyalty_ledger (org_id, customer_id, client_id, kind, points, balance_after, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [auth.orgId, customerId, v.clientId, v.kind, v.points, balance, v.reason, auth.userId],
    );
    await tx.query(
      'UPDATE loyalty_members SET balance = $3 WHERE org_id = $1 AND customer_id = $2',
      [auth.orgId, customerId, balance],
    );
    return { entry: toEntry(rows[0] as TLedgerRow), replay: false };
  });
}

export async function ledger(
  db: Sql,
  auth: AuthContext,
  customerId: string,
): Promise<{ balance: number; items: TLedgerEntry[] }> {
  await assertCustomer(db, auth, customerId);
  const m = await db.query<{ balance: number }>(
    'SELECT balance FROM loyalty_members WHERE org_id = $1 AND customer_id = $2',
    [auth.orgId, customerId],
  );
  if (!m.rows[0]) throw new AppError('LOYALTY_NOT_MEMBER');
  const { rows } = await db.query<TLedgerRow>(
    `SELECT * FROM loyalty_ledger WHERE org_id = $1 AND customer_id = $2
      ORDER BY created_at DESC, id DESC LIMIT 200`,
    [auth.orgId, customerId],
  );
  return { balance: m.rows[0].balance, items: rows.map(toEntry) };
}

// ------------------------------------------------------------------------------ win-back
export async function winback(
  db: Sql,
  auth: AuthContext,
  v: TWinback,
): Promise<{ actions: number; jobIds: string[] }> {
  const ids = [...new Set(v.customerIds)];
  const scope = await scopeOf(db, auth);
  const found = await db.query<{ id: string; p_alive: number | null; clv: number | null }>(
    `SELECT c.id, s.p_alive, s.clv FROM pub_customers c
       LEFT JOIN retention_scores s ON s.org_id = c.org_id AND s.customer_id = c.id
            AND s.run_id = (SELECT id FROM retention_model_runs WHERE org_id = $1 AND status = 'done'
                             ORDER BY version DESC LIMIT 1)
      WHERE c.org_id = $1 AND c.id = ANY($2::uuid[]) AND c.status <> 'erased'
        AND ($3::uuid[] IS NULL OR c.unit_id = ANY($3::uuid[]))`,
    [auth.orgId, ids, scope],
  );
  if (found.rows.length !== ids.length) throw new AppError('NOT_FOUND');
  if (v.action === 'survey') {
    const s = await getSurvey(db, auth, v.surveyId);
    if (s.status !== 'open') throw new AppError('RETENTION_SURVEY_NOT_OPEN');
  }
  return db.transaction(async (tx) => {
    const jobIds: string[] = [];
    if (v.action === 'survey') {
      // The surveys module's invitation job (consent, fatigue, language and mail are its rules).
      const jobId = await enqueue(tx, {
        orgId: auth.orgId,
        kind: 'survey.invite',
        maxAttempts: 5,
        payload: {
          surveyId: v.surveyId,
          batchId: crypto.randomUUID(),
          customerIds: ids,
          segmentId: null,
          all: false,
          reminderAfterDays: 0,
          validDays: 30,
          userId: auth.userId,
          unitId: auth.unitId,
        },
      });
      jobIds.push(jobId);
      await tx.query(
        `INSERT INTO retention_winback_actions (org_id, customer_id, action, survey_id, job_id, note, created_by)
         SELECT $1, c, 'survey', $3, $4, $5, $6 FROM unnest($2::uuid[]) AS u(c)`,
        [auth.orgId, ids, v.surveyId, jobId, v.note, auth.userId],
      );
    } else {
      for (const c of found.rows) {
        const actionId = crypto.randomUUID();
        const jobId = await enqueue(tx, {
          orgId: auth.orgId,
          kind: FOLLOWUP_JOB,
          maxAttempts: 10,
          payload: { actionId, customerId: c.id, note: v.note, pAlive: c.p_alive, clv: c.clv },
        });
        jobIds.push(jobId);
        await tx.query(
          `INSERT INTO retention_winback_actions (org_id, id, customer_id, action, job_id, note, created_by)
           VALUES ($1, $2, $3, 'case', $4, $5, $6)`,
          [auth.orgId, actionId, c.id, jobId, v.note, auth.userId],
        );
      }
    }
    await audit(tx, auth, {
      action: `retention.winback_${v.action}`,
      entity: 'retention_winback',
      changes: { customers: ids.length, jobIds },
    });
    return { actions: ids.length, jobIds };
  });
}

export async function listWinback(db: Sql, auth: AuthContext) {
  const scope = await scopeOf(db, auth);
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
    [auth.orgId, scope],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      name: r.name,
      action: r.action,
      status: r.job_status ?? 'unknown',
      note: r.note,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

export async function notifications(db: Sql, auth: AuthContext) {
  const scope = await scopeOf(db, auth);
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
    [auth.orgId, scope],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      name: r.name,
      kind: r.kind,
      payload: r.payload,
      emailed: r.emailed_at !== null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
