// Retention settings per org (discount rate, horizon, at-risk threshold, tier rules and
// benefits). Defaults apply until an admin saves them. SQL in repo-settings.ts.
import type { TRetentionSettings, TTierKey, TValueTier } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { audit } from '../audit/service';
import * as repo from './repo-settings';

export const DEFAULT_TIERS: TValueTier[] = [
  {
    key: 'bronze',
    minPercentile: 0,
    minClv: 0,
    benefits: [{ es: 'Boletín con ofertas del club', en: 'Club newsletter with offers' }],
  },
  {
    key: 'silver',
    minPercentile: 60,
    minClv: 500,
    benefits: [
      { es: 'Sin comisión de mantenimiento', en: 'No maintenance fee' },
      { es: 'Atención telefónica prioritaria', en: 'Priority phone line' },
    ],
  },
  {
    key: 'gold',
    minPercentile: 90,
    minClv: 2000,
    benefits: [
      { es: 'Gestor personal asignado', en: 'Dedicated personal manager' },
      { es: 'Invitación a eventos del club', en: 'Invitations to club events' },
      { es: 'Doble de puntos en cada compra', en: 'Double points on every purchase' },
    ],
  },
];

export const TIER_RANK: Record<TTierKey, number> = { bronze: 1, silver: 2, gold: 3 };

export async function getSettings(db: Sql, orgId: string): Promise<TRetentionSettings> {
  const r = await repo.settingsRow(db, orgId);
  const t = await repo.tierRows(db, orgId);
  const tiers = t.length
    ? t
        .map((r) => ({
          key: r.key,
          minPercentile: Number(r.min_percentile),
          minClv: Number(r.min_clv),
          benefits: r.benefits,
        }))
        .sort((a, b) => TIER_RANK[a.key] - TIER_RANK[b.key])
    : DEFAULT_TIERS;
  return {
    currency: r?.currency ?? 'EUR',
    discountRate: r ? Number(r.discount_rate) : 0.1,
    clvHorizonWeeks: r?.clv_horizon_weeks ?? 52,
    atRiskPAlive: r ? Number(r.at_risk_p_alive) : 0.5,
    tierMode: r?.tier_mode ?? 'percentile',
    emailTierChanges: r?.email_tier_changes ?? false,
    tiers,
  };
}

export async function putSettings(
  db: Sql,
  auth: AuthContext,
  v: TRetentionSettings,
): Promise<TRetentionSettings> {
  await db.transaction(async (tx) => {
    await repo.upsertSettings(tx, auth.orgId, v);
    for (const t of v.tiers) await repo.upsertTier(tx, auth.orgId, t, TIER_RANK[t.key]);
    await audit(tx, auth, {
      action: 'retention_settings.updated',
      entity: 'retention_settings',
      changes: { ...v },
    });
  });
  return getSettings(db, auth.orgId);
}
