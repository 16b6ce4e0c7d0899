// SQL of the retention settings (settings.ts holds the defaults and the rules): the org's row in
// retention_settings and its tier rules in retention_tiers.
import type { TRetentionSettings, TTierKey, TValueTier } from '@fidelia/contracts';
import type { Sql } from '../../db/client';

export interface TSettingsRow {
  currency: string;
  discount_rate: number;
  clv_horizon_weeks: number;
  at_risk_p_alive: number;
  tier_mode: 'percentile' | 'rules';
  email_tier_changes: boolean;
}

export async function settingsRow(db: Sql, orgId: string): Promise<TSettingsRow | undefined> {
  const s = await db.query<TSettingsRow>('SELECT * FROM retention_settings WHERE org_id = $1', [
    orgId,
  ]);
  return s.rows[0];
}

export interface TTierRow {
  key: TTierKey;
  min_percentile: number;
  min_clv: number;
  benefits: TValueTier['benefits'];
}

export async function tierRows(db: Sql, orgId: string): Promise<TTierRow[]> {
  const t = await db.query<TTierRow>(
    'SELECT key, min_percentile, min_clv, benefits FROM retention_tiers WHERE org_id = $1',
    [orgId],
  );
  return t.rows;
}

export async function upsertSettings(
  db: Sql,
  orgId: string,
  v: Omit<TRetentionSettings, 'tiers'>,
): Promise<void> {
  await db.query(
    `INSERT INTO retention_settings
       (org_id, currency, discount_rate, clv_horizon_weeks, at_risk_p_alive, tier_mode, email_tier_changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (org_id) DO UPDATE SET currency = $2, discount_rate = $3, clv_horizon_weeks = $4,
       at_risk_p_alive = $5, tier_mode = $6, email_tier_changes = $7, updated_at = now()`,
    [
      orgId,
      v.currency,
      v.discountRate,
      v.clvHorizonWeeks,
      v.atRiskPAlive,
      v.tierMode,
      v.emailTierChanges,
    ],
  );
}

export async function upsertTier(
  db: Sql,
  orgId: string,
  t: TValueTier,
  rank: number,
): Promise<void> {
  await db.query(
    `INSERT INTO retention_tiers (org_id, key, rank, min_percentile, min_clv, benefits)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (org_id, key) DO UPDATE SET min_percentile = $4, min_clv = $5, benefits = $6::jsonb`,
    [orgId, t.key, rank, t.minPercentile, t.minClv, JSON.stringify(t.benefits)],
  );
}
