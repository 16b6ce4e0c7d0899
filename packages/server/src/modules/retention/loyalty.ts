// Loyalty programme: members, the points ledger (idempotent, never below zero).
import type { TLedgerEntry, TLoyaltyMember, TPoints } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import { dateOnly } from './model';
import * as repo from './repo';
import { assertCustomer, scopeOf } from './visible';

export async function listMembers(db: Sql, auth: AuthContext): Promise<TLoyaltyMember[]> {
  const rows = await repo.members(db, auth.orgId, await scopeOf(db, auth));
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
    const existing = await repo.member(tx, auth.orgId, customerId);
    if (existing) return { memberNo: existing.member_no, created: false };
    const memberNo = await repo.insertMember(tx, auth.orgId, customerId);
    await audit(tx, auth, {
      action: 'loyalty.joined',
      entity: 'customer',
      entityId: customerId,
      changes: { memberNo },
    });
    return { memberNo, created: true };
  });
}

const toEntry = (r: repo.TLedgerRow): TLedgerEntry => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  points: r.points,
  balanceAfter: r.balance_after,
  reason: r.reason,
  createdAt: iso(r.created_at),
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
    const member = await repo.member(tx, auth.orgId, customerId, true);
    if (!member) throw new AppError('LOYALTY_NOT_MEMBER');
    const p = await repo.ledgerByClientId(tx, auth.orgId, v.clientId);
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
    const row = await repo.appendLedger(tx, auth.orgId, {
      customerId,
      clientId: v.clientId,
      kind: v.kind,
      points: v.points,
      balanceAfter: balance,
      reason: v.reason,
      createdBy: auth.userId,
    });
    return { entry: toEntry(row), replay: false };
  });
}

export async function ledger(
  db: Sql,
  auth: AuthContext,
  customerId: string,
): Promise<{ balance: number; items: TLedgerEntry[] }> {
  await assertCustomer(db, auth, customerId);
  const m = await repo.member(db, auth.orgId, customerId);
  if (!m) throw new AppError('LOYALTY_NOT_MEMBER');
  const rows = await repo.ledgerOf(db, auth.orgId, customerId);
  return { balance: m.balance, items: rows.map(toEntry) };
}
