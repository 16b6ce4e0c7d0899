// Retention settings per org (discount rate, horizon, at-risk threshold, tier rules and
// benefits). Defaults apply until an admin saves them.
import type { TRetentionSettings, TTierKey, TValueTier } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { audit } from '../audit/service';

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
  const s = await db.query<{
    currency: string;
    discount_rate: number;
    clv_horizon_weeks: number;
    at_risk_p_alive: number;
    tier_mode: 'percentile' | 'rules';
    email_tier_changes: boolean;
  }>('SELECT * FROM retention_settings WHERE org_id = $1', [orgId]);
  const t = await db.query<{
    key: TTierKey;
    min_percentile: number;
    min_clv: number;
    benefits: TValueTier['benefits'];
  }>('SELECT key, min_percentile, min_clv, benefits FROM retention_tiers WHERE org_id = $1', [
    orgId,
  ]);
  const tiers = t.rows.length
    ? t.rows
        .map((r) => ({
          key: r.key,
          minPercentile: Number(r.min_percentile),
          minClv: Number(r.min_clv),
          benefits: r.benefits,
        }))
        .sort((a, b) => TIER_RANK[a.key] - TIER_RANK[b.key])
    : DEFAULT_TIERS;
  const r = s.rows[0];
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
    await tx.query(
      `INSERT INTO retention_settings
         (org_id, currency, discount_rate, clv_horizon_weeks, at_risk_p_alive, tier_mode, email_tier_changes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id) DO UPDATE SET currency = $2, discount_rate = $3, clv_horizon_weeks = $4,
         at_risk_p_alive = $5, tier_mode = $6, email_tier_changes = $7, updated_at = now()`,
      [
        auth.orgId,
        v.currency,
        v.discountRate,
        v.clvHorizonWeeks,
        v.atRiskPAlive,
        v.tierMode,
        v.emailTierChanges,
      ],
    );
    for (const t of v.tiers) {
      await tx.query(
        `INSERT INTO retention_tiers (org_id, key, rank, min_percentile, min_clv, benefits)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)
         ON CONFLICT (org_id, key) DO UPDATE SET min_percentile = $4, min_clv = $5, benefits = $6::jsonb`,
        [
          auth.orgId,
          t.key,
          TIER_RANK[t.key],
          t.minPercentile,
          t.minClv,
          JSON.stringify(t.benefits),
        ],
      );
    }
    await audit(tx, auth, {
      action: 'retention_settings.updated',
      entity: 'retention_settings',
      changes: { ...v },
    });
  });
  return getSettings(db, auth.orgId);
}
