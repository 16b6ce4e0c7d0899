// The retention module's part of the customer timeline (registered from service.ts): purchases
// and refunds, loyalty-tier changes from the model runs, loyalty points earned or redeemed, and
// the win-back actions taken for the customer. SQL in repo-timeline.ts.
import type { Sql } from '../../db/client';
import type { TSourceItem, TTimelineBefore } from '../customers/service';
import { surveyNames } from '../surveys/service';
import * as repo from './repo-timeline';

async function purchases(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const rows = await repo.purchaseRows(db, orgId, customerId, before, limit);
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
  const rows = await repo.tierChangeRows(db, orgId, customerId, before, limit);
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
  const rows = await repo.loyaltyPointRows(db, orgId, customerId, before, limit);
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
  const rows = await repo.winbackRows(db, orgId, customerId, before, limit);
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
