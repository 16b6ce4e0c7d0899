// Small rules shared by the standards module's files.
import type { TServqualDimension } from '@fidelia/contracts';
import { SERVQUAL_ITEMS } from '@fidelia/stats';
import { AppError } from '../../lib/errors';
import type { Actor } from '../audit/service';
import './errors';

export const actorOf = (auth: {
  orgId: string;
  userId: string | null;
  email?: string | null;
}): Actor => ({
  orgId: auth.orgId,
  userId: auth.userId,
  email: auth.email ?? null,
});

export function checkItems(dimension: TServqualDimension | null | undefined, items: number[]) {
  if (!dimension) return;
  const allowed = SERVQUAL_ITEMS[dimension];
  if (items.some((k) => !allowed.includes(k)))
    throw new AppError('STANDARD_ITEMS_DIMENSION', { dimension, items });
}
