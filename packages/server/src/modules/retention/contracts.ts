// Retention contracts (subscription plans per customer; their end drives contract churn).
import type { TContract, TContractCreate } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import { dateOnly } from './model';
import * as repo from './repo';
import { assertCustomer } from './visible';

export async function listContracts(
  db: Sql,
  auth: AuthContext,
  customerId: string,
): Promise<TContract[]> {
  const rows = await repo.contractsOf(db, auth.orgId, customerId);
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
  const id = await repo.insertContract(db, auth.orgId, {
    customerId: v.customerId,
    plan: v.plan,
    startDate: v.startDate,
    endDate: v.endDate ?? null,
    monthlyFee: v.monthlyFee ?? null,
  });
  await audit(db, auth, {
    action: 'contract.created',
    entity: 'customer',
    entityId: v.customerId,
    changes: { contractId: id, plan: v.plan },
  });
  return (await listContracts(db, auth, v.customerId)).find((c) => c.id === id) as TContract;
}
