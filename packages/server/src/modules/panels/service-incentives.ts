// The incentives ledger: list, export rows and idempotent adds (client-made ids).
// Re-exported by service.ts.
import { type TIncentiveCreate, ZIncentiveSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import * as repo from './repo';
import { mustMember, mustPanel, mustSession, toIncentive } from './service-shared';

// ------------------------------------------------------------------------------ incentives
export async function listIncentives(db: Sql, auth: AuthContext, panelId: string) {
  await mustPanel(db, auth.orgId, panelId);
  const rows = await repo.listIncentives(db, auth.orgId, panelId);
  const totals = { points: 0, voucher: 0 };
  for (const r of rows) totals[r.kind as 'points' | 'voucher'] += Number(r.amount);
  return { items: rows.map(toIncentive), totals };
}

export async function incentiveRows(db: Sql, auth: AuthContext, panelId: string) {
  await mustPanel(db, auth.orgId, panelId);
  return repo.listIncentives(db, auth.orgId, panelId);
}

/** Client-made id: same id and content again = replay (200), other content = 409. */
export async function addIncentive(
  db: Sql,
  auth: AuthContext,
  memberId: string,
  body: TIncentiveCreate,
) {
  const v = ZIncentiveSchema.parse(body);
  const m = await mustMember(db, auth.orgId, memberId);
  const same = (x: repo.TIncentiveRow) =>
    x.member_id === memberId &&
    x.kind === v.kind &&
    Number(x.amount) === Math.round(v.amount * 100) / 100 &&
    x.note === v.note &&
    (x.session_id ?? null) === (v.sessionId ?? null);
  const prior = await repo.getIncentive(db, auth.orgId, v.id);
  if (prior) {
    if (!same(prior)) throw new AppError('PANEL_INCENTIVE_CONFLICT');
    return { ...toIncentive(prior), replay: true };
  }
  if (m.status === 'erased') throw new AppError('PANEL_MEMBER_INACTIVE');
  if (v.sessionId) {
    const s = await mustSession(db, auth.orgId, v.sessionId);
    if (s.panel_id !== m.panel_id) throw new AppError('NOT_FOUND');
  }
  const inserted = await db.transaction(async (tx) => {
    const ok = await repo.insertIncentive(tx, auth.orgId, {
      id: v.id,
      memberId,
      customerId: m.customer_id,
      sessionId: v.sessionId ?? null,
      kind: v.kind,
      amount: v.amount,
      note: v.note,
      createdBy: auth.userId,
    });
    if (ok)
      await audit(tx, auth, {
        action: 'panel.incentive_given',
        entity: 'panel_member',
        entityId: memberId,
        changes: { kind: v.kind, amount: v.amount },
      });
    return ok;
  });
  const row = (await repo.getIncentive(db, auth.orgId, v.id)) as repo.TIncentiveRow;
  if (!inserted && !same(row)) throw new AppError('PANEL_INCENTIVE_CONFLICT');
  return { ...toIncentive(row), replay: !inserted };
}
