// SQL of the model refit (retention_model_runs, retention_scores, tiers, tier history and
// notifications). Every function takes the org id first.
import type { TModelRun, TTierKey } from '@fidelia/contracts';
import type { Sql } from '../../db/client';

export interface TRunRow {
  id: string;
  version: number;
  status: TModelRun['status'];
  calibration_end: string | Date;
  discount_rate: number;
  horizon_weeks: number;
  customers: number;
  bgnbd: TModelRun['bgnbd'];
  gamma_gamma: TModelRun['gammaGamma'];
  churn: TModelRun['churn'];
  diagnostics: Record<string, unknown>;
  warnings: string[];
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

/** One customer's scores in a run (the columns of retention_scores). */
export interface TScored {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  monetary: number | null;
  pAlive: number;
  e90: number;
  e365: number;
  spend: number | null;
  clv: number | null;
  r: number;
  f: number;
  m: number;
  segment: string;
  tier: TTierKey | null;
  churnRisk: number | null;
}

/** A refit queued or running, started within the last hour (older ones count as dead). */
export async function refitBusy(db: Sql, orgId: string): Promise<boolean> {
  const busy = await db.query(
    `SELECT 1 FROM retention_model_runs WHERE org_id = $1 AND status IN ('queued', 'running')
        AND created_at > now() - interval '1 hour'`,
    [orgId],
  );
  return busy.rows.length > 0;
}

export async function insertRun(
  db: Sql,
  orgId: string,
  r: { end: string; discountRate: number; horizonWeeks: number; userId: string | null },
): Promise<{ id: string; version: number }> {
  const { rows } = await db.query<{ id: string; version: number }>(
    `INSERT INTO retention_model_runs (org_id, version, calibration_end, discount_rate, horizon_weeks, created_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2::date, $3, $4, $5
       FROM retention_model_runs WHERE org_id = $1
     RETURNING id, version`,
    [orgId, r.end, r.discountRate, r.horizonWeeks, r.userId],
  );
  return rows[0] as { id: string; version: number };
}

export async function getRun(db: Sql, orgId: string, id: string): Promise<TRunRow | null> {
  const r = await db.query<TRunRow>(
    'SELECT * FROM retention_model_runs WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function recentRuns(db: Sql, orgId: string): Promise<TRunRow[]> {
  const { rows } = await db.query<TRunRow>(
    'SELECT * FROM retention_model_runs WHERE org_id = $1 ORDER BY version DESC LIMIT 20',
    [orgId],
  );
  return rows;
}

export async function latestDoneRun(db: Sql, orgId: string): Promise<TRunRow | null> {
  const { rows } = await db.query<TRunRow>(
    `SELECT * FROM retention_model_runs WHERE org_id = $1 AND status = 'done'
      ORDER BY version DESC LIMIT 1`,
    [orgId],
  );
  return rows[0] ?? null;
}

export async function markRunning(db: Sql, orgId: string, runId: string): Promise<void> {
  await db.query(
    `UPDATE retention_model_runs SET status = 'running' WHERE org_id = $1 AND id = $2`,
    [orgId, runId],
  );
}

export async function failRun(
  db: Sql,
  orgId: string,
  runId: string,
  f: { customers: number; error: string; warnings: string[] },
): Promise<void> {
  await db.query(
    `UPDATE retention_model_runs SET status = 'failed', customers = $3, error = $4,
            warnings = $5::jsonb, finished_at = now()
      WHERE org_id = $1 AND id = $2`,
    [orgId, runId, f.customers, f.error, JSON.stringify(f.warnings)],
  );
}

export async function completeRun(
  db: Sql,
  orgId: string,
  runId: string,
  d: {
    customers: number;
    bgnbd: unknown;
    gammaGamma: unknown;
    diagnostics: unknown;
    warnings: string[];
    churn: unknown;
  },
): Promise<void> {
  await db.query(
    `UPDATE retention_model_runs SET status = 'done', customers = $3, bgnbd = $4::jsonb,
            gamma_gamma = $5::jsonb, diagnostics = $6::jsonb, warnings = $7::jsonb, error = NULL,
            churn = $8::jsonb, finished_at = now()
      WHERE org_id = $1 AND id = $2`,
    [
      orgId,
      runId,
      d.customers,
      JSON.stringify(d.bgnbd),
      d.gammaGamma === null ? null : JSON.stringify(d.gammaGamma),
      JSON.stringify(d.diagnostics),
      JSON.stringify(d.warnings),
      JSON.stringify(d.churn),
    ],
  );
}

/** One row per customer and day with a purchase, amounts netted and floored at 0. */
export async function purchaseDays(
  db: Sql,
  orgId: string,
  currency: string,
): Promise<{ customer_id: string; day: number; amount: string }[]> {
  const { rows } = await db.query<{ customer_id: string; day: number; amount: string }>(
    `SELECT customer_id, (occurred_on - DATE '1970-01-01')::int AS day,
            greatest(sum(amount), 0)::text AS amount
       FROM retention_transactions
      WHERE org_id = $1 AND currency = $2
      GROUP BY customer_id, occurred_on HAVING bool_or(type = 'purchase')`,
    [orgId, currency],
  );
  return rows;
}

/** Transactions up to `end` in another currency than the org's (ignored by the fit). */
export async function otherCurrencyCount(
  db: Sql,
  orgId: string,
  currency: string,
  end: string,
): Promise<number> {
  const other = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM retention_transactions
      WHERE org_id = $1 AND currency <> $2 AND occurred_on <= $3::date`,
    [orgId, currency, end],
  );
  return other.rows[0]?.n ?? 0;
}

export async function insertScores(db: Sql, orgId: string, runId: string, s: TScored[]) {
  await db.query(
    `INSERT INTO retention_scores (org_id, run_id, customer_id, frequency, recency_weeks, t_weeks,
        monetary, p_alive, expected_90d, expected_365d, expected_spend, clv, rfm_r, rfm_f, rfm_m,
        rfm_segment, tier, churn_risk)
     SELECT $1, $2, c, x, tx, tt, m, pa, e90, e365, sp, clv, r, f, mm, seg, tier, cr
       FROM unnest($3::uuid[], $4::int[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                   $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::int[], $14::int[],
                   $15::int[], $16::text[], $17::text[], $18::float8[])
         AS t(c, x, tx, tt, m, pa, e90, e365, sp, clv, r, f, mm, seg, tier, cr)`,
    [
      orgId,
      runId,
      s.map((v) => v.customerId),
      s.map((v) => v.x),
      s.map((v) => v.tx),
      s.map((v) => v.T),
      s.map((v) => v.monetary),
      s.map((v) => v.pAlive),
      s.map((v) => v.e90),
      s.map((v) => v.e365),
      s.map((v) => v.spend),
      s.map((v) => v.clv),
      s.map((v) => v.r),
      s.map((v) => v.f),
      s.map((v) => v.m),
      s.map((v) => v.segment),
      s.map((v) => v.tier),
      s.map((v) => v.churnRisk),
    ],
  );
}

export async function currentTiers(db: Sql, orgId: string): Promise<Map<string, TTierKey>> {
  const cur = await db.query<{ customer_id: string; tier: TTierKey }>(
    'SELECT customer_id, tier FROM retention_customer_tiers WHERE org_id = $1',
    [orgId],
  );
  return new Map(cur.rows.map((r) => [r.customer_id, r.tier]));
}

/** Stores the new current tiers and appends them to the history. */
export async function storeTiers(
  db: Sql,
  orgId: string,
  runId: string,
  changes: { customerId: string; from: TTierKey | null; to: TTierKey }[],
): Promise<void> {
  const ids = changes.map((c) => c.customerId);
  const tos = changes.map((c) => c.to);
  const froms = changes.map((c) => c.from);
  await db.query(
    `INSERT INTO retention_customer_tiers (org_id, customer_id, tier, since)
     SELECT $1, c, t, now() FROM unnest($2::uuid[], $3::text[]) AS u(c, t)
     ON CONFLICT (org_id, customer_id) DO UPDATE SET tier = EXCLUDED.tier, since = now()`,
    [orgId, ids, tos],
  );
  await db.query(
    `INSERT INTO retention_tier_history (org_id, customer_id, from_tier, to_tier, run_id)
     SELECT $1, c, f, t, $2 FROM unnest($3::uuid[], $4::text[], $5::text[]) AS u(c, f, t)`,
    [orgId, runId, ids, froms, tos],
  );
}

export async function insertTierNotifications(
  db: Sql,
  orgId: string,
  version: number,
  moved: { customerId: string; from: TTierKey | null; to: TTierKey; up: boolean }[],
): Promise<void> {
  await db.query(
    `INSERT INTO retention_notifications (org_id, customer_id, kind, payload)
     SELECT $1, c, CASE WHEN up THEN 'tier_upgrade' ELSE 'tier_downgrade' END,
            jsonb_build_object('from', f, 'to', t, 'version', $2::int)
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bool[]) AS u(c, f, t, up)`,
    [
      orgId,
      version,
      moved.map((c) => c.customerId),
      moved.map((c) => c.from),
      moved.map((c) => c.to),
      moved.map((c) => c.up),
    ],
  );
}

/** Customers among `ids` who consented to e-mail and have an address. */
export async function mailRecipients(db: Sql, orgId: string, ids: string[]) {
  const { rows } = await db.query<{
    id: string;
    name: string;
    email: string;
    language: 'es' | 'en' | null;
  }>(
    `SELECT id, name, email, language FROM pub_customers
      WHERE org_id = $1 AND id = ANY($2::uuid[]) AND consent_email AND email IS NOT NULL
        AND status <> 'erased'`,
    [orgId, ids],
  );
  return rows;
}

export async function orgName(db: Sql, orgId: string): Promise<string | null> {
  const org = await db.query<{ name: string }>('SELECT name FROM pub_orgs WHERE id = $1', [orgId]);
  return org.rows[0]?.name ?? null;
}

export async function markEmailed(db: Sql, orgId: string, customerId: string): Promise<void> {
  await db.query(
    `UPDATE retention_notifications SET emailed_at = now()
      WHERE org_id = $1 AND customer_id = $2 AND emailed_at IS NULL`,
    [orgId, customerId],
  );
}
