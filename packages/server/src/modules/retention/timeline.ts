// The retention module's part of the customer timeline (registered from service.ts): purchases
// and refunds, loyalty-tier changes from the model runs, loyalty points earned or redeemed, and
// the win-back actions taken for the customer.
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import {
  beforeSql,
  isoSql,
  orderSql,
  type TSourceItem,
  type TTimelineBefore,
} from '../customers/service';
import { surveyNames } from '../surveys/service';

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

async function loyaltyPoints(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'points:' || id::text`;
  const cond = beforeSql('created_at', key, before, params);
  // loyalty_ledger_customer_idx (org_id, customer_id, created_at) serves the range and order.
  const { rows } = await db.query<{
    id: string;
    at: string;
    kind: string;
    points: number;
    balance_after: number;
    reason: string;
    created_by: string | null;
  }>(
    `SELECT id, ${isoSql('created_at')} AS at, kind, points, balance_after, reason, created_by
       FROM loyalty_ledger
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows.map((r) => ({
    key: `points:${r.id}`,
    at: r.at,
    type: r.kind === 'redeem' ? 'retention.points_redeemed' : 'retention.points_earned',
    summary: r.reason,
    actor: r.created_by ? { kind: 'user', userId: r.created_by } : { kind: 'system' },
    link: null,
    data: { points: r.points, balance: r.balance_after },
  }));
}

async function winbacks(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'winback:' || w.id::text`;
  const cond = beforeSql('w.created_at', key, before, params);
  // retention_winback_customer_idx (org_id, customer_id) narrows to this customer's few actions.
  const { rows } = await db.query<{
    id: string;
    at: string;
    action: string;
    survey_id: string | null;
    note: string;
    created_by: string | null;
  }>(
    `SELECT w.id, ${isoSql('w.created_at')} AS at, w.action, w.survey_id, w.note, w.created_by
       FROM retention_winback_actions w
      WHERE w.org_id = $1 AND w.customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('w.created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  const ids = [...new Set(rows.flatMap((r) => (r.survey_id ? [r.survey_id] : [])))];
  const names = ids.length ? await surveyNames(db, orgId, ids) : new Map<string, string>();
  return rows.map((r) => ({
    key: `winback:${r.id}`,
    at: r.at,
    type: r.action === 'survey' ? 'retention.winback_survey' : 'retention.winback_case',
    summary: r.note,
    actor: r.created_by ? { kind: 'user', userId: r.created_by } : { kind: 'system' },
    link: r.survey_id ? { to: 'survey', id: r.survey_id } : null,
    data: r.survey_id && names.has(r.survey_id) ? { survey: names.get(r.survey_id) } : {},
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
    loyaltyPoints(db, orgId, customerId, before, limit),
    winbacks(db, orgId, customerId, before, limit),
  ]);
  return lists.flat();
}
