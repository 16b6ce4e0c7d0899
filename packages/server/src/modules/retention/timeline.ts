// The retention module's part of the customer timeline (registered from service.ts): purchases
// and refunds, and loyalty-tier changes from the model runs.
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import {
  beforeSql,
  isoSql,
  orderSql,
  type TSourceItem,
  type TTimelineBefore,
} from '../customers/service';

async function purchases(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
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
  const { rows } = await db.query<{
    id: string;
    day: string;
    amount: string;
    currency: string;
    type: string;
    units: number | null;
  }>(
    `SELECT id, to_char(occurred_on, 'YYYY-MM-DD') AS day, amount::text AS amount, currency, type,
            units
       FROM retention_transactions
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('occurred_on', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows.map((r) => ({
    key: `purchase:${r.id}`,
    at: `${r.day}T00:00:00.000000Z`,
    dateOnly: true,
    type: r.type === 'refund' ? 'retention.refund' : 'retention.purchase',
    summary: '',
    actor: null,
    link: null,
    data: { amount: Number(r.amount), currency: r.currency, units: r.units },
  }));
}

async function tierChanges(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'tier:' || id::text`;
  const cond = beforeSql('changed_at', key, before, params);
  const { rows } = await db.query<{
    id: string;
    at: string;
    from_tier: string | null;
    to_tier: string;
  }>(
    `SELECT id, ${isoSql('changed_at')} AS at, from_tier, to_tier FROM retention_tier_history
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('changed_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows.map((r) => ({
    key: `tier:${r.id}`,
    at: r.at,
    type: 'retention.tier',
    summary: '',
    actor: { kind: 'system' },
    link: null,
    data: { from: r.from_tier, to: r.to_tier },
  }));
}

/** This customer's retention entries just before the cursor, newest first (at most `limit` each). */
export async function timelineFor(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const lists = await Promise.all([
    purchases(db, orgId, customerId, before, limit),
    tierChanges(db, orgId, customerId, before, limit),
  ]);
  return lists.flat();
}
