// SQL of the retention part of the customer timeline (timeline.ts maps the rows): purchases and
// refunds, loyalty-tier changes, loyalty points and win-back actions of one customer, newest
// first, strictly before the cursor, at most `limit` rows each.
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import { beforeSql, isoSql, orderSql, type TTimelineBefore } from '../customers/service';

export interface TPurchaseRow {
  id: string;
  day: string;
  amount: string;
  currency: string;
  type: string;
  units: number | null;
}

export async function purchaseRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TPurchaseRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'purchase:' || id::text`;
  // A purchase has a date, not a time: it sits at 00:00 UTC of that day. The date bound keeps
  // the range on retention_transactions_customer_idx (org_id, customer_id, occurred_on, id).
  let cond = 'TRUE';
  if (before) {
    const p = over(params);
    const at = p.add(before.at, 'timestamptz');
    const k = p.add(before.key, 'text');
    cond = `occurred_on <= (${at} AT TIME ZONE 'UTC')::date
            AND ((occurred_on::timestamp AT TIME ZONE 'UTC') < ${at} OR (${key}) COLLATE "C" < ${k})`;
  }
  const { rows } = await db.query<TPurchaseRow>(
    `SELECT id, to_char(occurred_on, 'YYYY-MM-DD') AS day, amount::text AS amount, currency, type,
            units
       FROM retention_transactions
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('occurred_on', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export interface TTierChangeRow {
  id: string;
  at: string;
  from_tier: string | null;
  to_tier: string;
}

export async function tierChangeRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TTierChangeRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'tier:' || id::text`;
  const cond = beforeSql('changed_at', key, before, params);
  const { rows } = await db.query<TTierChangeRow>(
    `SELECT id, ${isoSql('changed_at')} AS at, from_tier, to_tier FROM retention_tier_history
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('changed_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export interface TPointsRow {
  id: string;
  at: string;
  kind: string;
  points: number;
  balance_after: number;
  reason: string;
  created_by: string | null;
}

export async function loyaltyPointRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TPointsRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'points:' || id::text`;
  const cond = beforeSql('created_at', key, before, params);
  // loyalty_ledger_customer_idx (org_id, customer_id, created_at) serves the range and order.
  const { rows } = await db.query<TPointsRow>(
    `SELECT id, ${isoSql('created_at')} AS at, kind, points, balance_after, reason, created_by
       FROM loyalty_ledger
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export interface TWinbackRow {
  id: string;
  at: string;
  action: string;
  survey_id: string | null;
  note: string;
  created_by: string | null;
}

export async function winbackRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TWinbackRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'winback:' || w.id::text`;
  const cond = beforeSql('w.created_at', key, before, params);
  // retention_winback_customer_idx (org_id, customer_id) narrows to this customer's few actions.
  const { rows } = await db.query<TWinbackRow>(
    `SELECT w.id, ${isoSql('w.created_at')} AS at, w.action, w.survey_id, w.note, w.created_by
       FROM retention_winback_actions w
      WHERE w.org_id = $1 AND w.customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('w.created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}
