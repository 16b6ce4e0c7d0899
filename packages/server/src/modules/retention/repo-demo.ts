// SQL of the retention demo seeder (demo.ts draws the data): customers to give sales and
// contracts to, the bulk insert of the drawn transactions, contracts, the tier-history dating,
// and the loyalty club's members and ledger.
import type { Sql } from '../../db/client';

/** External customers with an external id (the transactions' keys), by external id. */
export async function demoSalesCustomers(db: Sql, orgId: string) {
  const { rows } = await db.query<{ id: string; external_id: string; status: string }>(
    `SELECT id, external_id, status FROM pub_customers
      WHERE org_id = $1 AND kind <> 'internal' AND external_id IS NOT NULL ORDER BY external_id`,
    [orgId],
  );
  return rows;
}

export interface TDemoTx {
  e: string;
  c: string;
  d: string;
  a: string;
  ty: 'purchase' | 'refund';
  u: number;
}

/** All the drawn transactions in one statement (EUR). */
export async function insertDemoTransactions(db: Sql, orgId: string, tx: TDemoTx[]) {
  await db.query(
    `INSERT INTO retention_transactions (org_id, external_id, customer_id, occurred_on, amount, currency, type, units)
     SELECT $1, e, c, d::date, a::numeric, 'EUR', ty, u
       FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[]) AS t(e, c, d, a, ty, u)`,
    [
      orgId,
      tx.map((x) => x.e),
      tx.map((x) => x.c),
      tx.map((x) => x.d),
      tx.map((x) => x.a),
      tx.map((x) => x.ty),
      tx.map((x) => x.u),
    ],
  );
}

/** Non-internal customers, by external id, and whether they are a company. */
export async function demoContractHolders(db: Sql, orgId: string) {
  const { rows } = await db.query<{ id: string; status: string; company: boolean }>(
    `SELECT id, status, use_class IN ('processor', 'merchant') AS company FROM pub_customers
      WHERE org_id = $1 AND kind <> 'internal' ORDER BY external_id`,
    [orgId],
  );
  return rows;
}

export async function insertDemoContract(
  db: Sql,
  orgId: string,
  k: { customerId: string; plan: string; start: string; end: string | null; monthlyFee: string },
) {
  await db.query(
    `INSERT INTO retention_contracts (org_id, customer_id, plan, start_date, end_date, monthly_fee)
     VALUES ($1, $2, $3, $4::date, $5::date, $6)`,
    [orgId, k.customerId, k.plan, k.start, k.end, k.monthlyFee],
  );
}

/** Dates each tier change at its run's calibration end (the demo's runs are all fitted today). */
export async function dateTierHistoryAtRuns(db: Sql, orgId: string) {
  await db.query(
    `UPDATE retention_tier_history h SET changed_at = r.calibration_end::timestamptz + interval '8 hours'
       FROM retention_model_runs r WHERE r.org_id = h.org_id AND r.id = h.run_id AND h.org_id = $1`,
    [orgId],
  );
}

/** Gold and silver customers with their total spend (at most 80, by customer id). */
export async function demoClubCandidates(db: Sql, orgId: string) {
  const { rows } = await db.query<{ customer_id: string; total: string }>(
    `SELECT t.customer_id, coalesce(sum(x.amount), 0)::text AS total
       FROM retention_customer_tiers t
       LEFT JOIN retention_transactions x ON x.org_id = t.org_id AND x.customer_id = t.customer_id
      WHERE t.org_id = $1 AND t.tier IN ('gold', 'silver')
      GROUP BY t.customer_id ORDER BY t.customer_id LIMIT 80`,
    [orgId],
  );
  return rows;
}

export async function insertDemoMember(
  db: Sql,
  orgId: string,
  customerId: string,
  memberNo: string,
  joinedOn: string,
) {
  await db.query(
    `INSERT INTO loyalty_members (org_id, customer_id, member_no, joined_on, balance)
     VALUES ($1, $2, $3, $4::date, 0)`,
    [orgId, customerId, memberNo, joinedOn],
  );
}

/** The member's accumulated purchases as one 'earn' entry dated 30 days ago. */
export async function insertDemoEarn(
  db: Sql,
  orgId: string,
  customerId: string,
  clientId: string,
  points: number,
) {
  await db.query(
    `INSERT INTO loyalty_ledger (org_id, customer_id, client_id, kind, points, balance_after, reason, created_at)
     VALUES ($1, $2, $3, 'earn', $4, $4, 'Compras acumuladas', now() - interval '30 days')`,
    [orgId, customerId, clientId, points],
  );
}

export async function insertDemoRedeem(
  db: Sql,
  orgId: string,
  customerId: string,
  clientId: string,
  points: number,
  balanceAfter: number,
) {
  await db.query(
    `INSERT INTO loyalty_ledger (org_id, customer_id, client_id, kind, points, balance_after, reason)
     VALUES ($1, $2, $3, 'redeem', $4, $5, 'Canje: tarjeta regalo')`,
    [orgId, customerId, clientId, points, balanceAfter],
  );
}

export async function setDemoBalance(db: Sql, orgId: string, customerId: string, balance: number) {
  await db.query('UPDATE loyalty_members SET balance = $3 WHERE org_id = $1 AND customer_id = $2', [
    orgId,
    customerId,
    balance,
  ]);
}
