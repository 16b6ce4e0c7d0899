// SQL of the contractual churn step of the refit (churn.ts fits the model): the org's contracts
// started by the calibration end, with tenure and whether they had ended by then.
import type { Sql } from '../../db/client';

export interface TChurnContractRow {
  customer_id: string;
  plan: string;
  tenure_days: number;
  monthly_fee: string | null;
  ended: boolean;
}

export async function churnContracts(
  db: Sql,
  orgId: string,
  end: string,
): Promise<TChurnContractRow[]> {
  const { rows } = await db.query<TChurnContractRow>(
    // Ordered by stable keys (external id, start date, plan) so the folds, and the AUC, do not
    // depend on random uuids.
    `SELECT k.customer_id, k.plan,
            (LEAST(coalesce(k.end_date, $2::date), $2::date) - k.start_date)::int AS tenure_days,
            k.monthly_fee::text, (k.end_date IS NOT NULL AND k.end_date <= $2::date) AS ended
       FROM retention_contracts k
       JOIN pub_customers c ON c.org_id = k.org_id AND c.id = k.customer_id
      WHERE k.org_id = $1 AND k.start_date <= $2::date
      ORDER BY c.external_id, k.start_date, k.plan, k.monthly_fee, k.id`,
    [orgId, end],
  );
  return rows;
}
