// Retention product rules, the module's public surface: score lists (best customers, at risk),
// the overview and the customer view here; cohorts, contracts, loyalty and win-back in their own
// files, re-exported below. SQL is in repo.ts; customers are read through pub_customers and
// always restricted to the caller's org and unit scope (visible.ts).
import type { TCustomerScore, TRetentionCustomer, TRetentionSettings } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { registerTimelineSource } from '../customers/service';
import { listContracts } from './contracts';
import { currentRun, dateOnly } from './model';
import * as repo from './repo';
import { getSettings, putSettings, TIER_RANK } from './settings';
import { timelineFor } from './timeline';
import { assertCustomer, scopeOf } from './visible';

registerErrors({
  LOYALTY_NOT_MEMBER: {
    status: 404,
    es: 'El cliente no es socio del programa de fidelización.',
    en: 'The customer is not a loyalty member.',
  },
  LOYALTY_INSUFFICIENT_POINTS: {
    status: 409,
    es: 'No hay puntos suficientes: el saldo no puede quedar en negativo.',
    en: 'Not enough points: the balance cannot go negative.',
  },
  LOYALTY_CLIENT_ID_REUSED: {
    status: 409,
    es: 'Ese identificador de operación ya se usó con otros datos.',
    en: 'That operation id was already used with different data.',
  },
  RETENTION_TIERS_ORDER: {
    status: 400,
    es: 'Los umbrales deben crecer de bronce a plata y a oro.',
    en: 'Thresholds must increase from bronze to silver to gold.',
  },
  RETENTION_SURVEY_NOT_OPEN: {
    status: 409,
    es: 'La encuesta no está abierta.',
    en: 'The survey is not open.',
  },
});

export { cohorts } from './cohorts';
export { createContract, listContracts } from './contracts';
export { addPoints, joinLoyalty, ledger, listMembers } from './loyalty';
export { FOLLOWUP_JOB, listWinback, notifications, winback } from './winback';
export { timelineFor };

registerTimelineSource('retention', timelineFor);

const toScore = (r: repo.TScoreRow): TCustomerScore => ({
  customerId: r.customer_id,
  name: r.name,
  externalId: r.external_id,
  runId: r.run_id,
  version: r.version,
  calibrationEnd: dateOnly(r.calibration_end),
  frequency: r.frequency,
  recencyWeeks: r.recency_weeks,
  tWeeks: r.t_weeks,
  monetary: r.monetary,
  pAlive: r.p_alive,
  pAlivePrev: r.p_alive_prev,
  expected90d: r.expected_90d,
  expected365d: r.expected_365d,
  expectedSpend: r.expected_spend,
  clv: r.clv,
  rfm: { r: r.rfm_r, f: r.rfm_f, m: r.rfm_m, segment: r.rfm_segment },
  tier: r.tier,
  contractChurn: r.churn_risk,
});

export async function bestCustomers(
  db: Sql,
  auth: AuthContext,
  q: { limit: number; tier?: string | undefined },
): Promise<{ run: number | null; items: TCustomerScore[] }> {
  const run = await currentRun(db, auth.orgId);
  if (!run) return { run: null, items: [] };
  const rows = await repo.bestScores(db, auth.orgId, {
    runId: run.id,
    prevRunId: await repo.previousRunId(db, auth.orgId, run.version),
    scope: await scopeOf(db, auth),
    tier: q.tier ?? null,
    limit: q.limit,
  });
  return { run: run.version, items: rows.map(toScore) };
}

/** Customers whose P(alive) is below the threshold or fell by ≥ 0.2 since the previous run,
 *  most valuable first. */
export async function atRisk(
  db: Sql,
  auth: AuthContext,
  q: { limit: number },
): Promise<{ run: number | null; threshold: number; items: TCustomerScore[] }> {
  const settings = await getSettings(db, auth.orgId);
  const run = await currentRun(db, auth.orgId);
  if (!run) return { run: null, threshold: settings.atRiskPAlive, items: [] };
  const rows = await repo.atRiskScores(db, auth.orgId, {
    runId: run.id,
    prevRunId: await repo.previousRunId(db, auth.orgId, run.version),
    scope: await scopeOf(db, auth),
    threshold: settings.atRiskPAlive,
    limit: q.limit,
  });
  return { run: run.version, threshold: settings.atRiskPAlive, items: rows.map(toScore) };
}

/** Counts per tier and per RFM segment in the current run. */
export async function overview(db: Sql, auth: AuthContext) {
  const run = await currentRun(db, auth.orgId);
  const settings = await getSettings(db, auth.orgId);
  const transactions = await repo.transactionCounts(db, auth.orgId);
  if (!run) return { run: null, settings, tiers: [], segments: [], transactions, members: 0 };
  const { tiers, segments } = await repo.runBreakdown(
    db,
    auth.orgId,
    run.id,
    await scopeOf(db, auth),
  );
  return {
    run,
    settings,
    tiers: tiers
      .map((r) => ({ tier: r.tier, customers: r.n, clv: r.clv === null ? null : Number(r.clv) }))
      .sort((a, b) => (TIER_RANK[b.tier as 'gold'] ?? 0) - (TIER_RANK[a.tier as 'gold'] ?? 0)),
    segments,
    transactions,
    members: await repo.memberCount(db, auth.orgId),
  };
}

export async function customerView(
  db: Sql,
  auth: AuthContext,
  id: string,
): Promise<TRetentionCustomer> {
  await assertCustomer(db, auth, id);
  const run = await currentRun(db, auth.orgId);
  let current: TCustomerScore | null = null;
  if (run) {
    const prevRunId = await repo.previousRunId(db, auth.orgId, run.version);
    const r = await repo.customerScore(db, auth.orgId, {
      runId: run.id,
      prevRunId,
      customerId: id,
    });
    current = r ? toScore(r) : null;
  }
  const hist = await repo.scoreHistory(db, auth.orgId, id);
  const tierHist = await repo.tierHistory(db, auth.orgId, id);
  const t = await repo.customerTransactions(db, auth.orgId, id);
  const m = await repo.member(db, auth.orgId, id);
  return {
    customerId: id,
    current,
    history: hist.map((h) => ({
      version: h.version,
      calibrationEnd: dateOnly(h.calibration_end),
      pAlive: h.p_alive,
      clv: h.clv,
      expected365d: h.expected_365d,
      segment: h.rfm_segment,
      tier: h.tier,
    })),
    tierHistory: tierHist.map((h) => ({
      from: h.from_tier,
      to: h.to_tier,
      at: iso(h.changed_at),
    })),
    churnRisk: current ? (current.contractChurn ?? 1 - current.pAlive) : null,
    churnSource: current ? (current.contractChurn !== null ? 'contract' : 'bgnbd') : null,
    transactions: {
      count: t?.n ?? 0,
      total: t?.total ? Number(t.total) : 0,
      first: t?.first ? dateOnly(t.first) : null,
      last: t?.last ? dateOnly(t.last) : null,
    },
    contracts: await listContracts(db, auth, id),
    loyalty: m
      ? { memberNo: m.member_no, balance: m.balance, joinedOn: dateOnly(m.joined_on) }
      : null,
  };
}

// ------------------------------------------------------------------------------ settings
export async function saveSettings(db: Sql, auth: AuthContext, v: TRetentionSettings) {
  const byKey = new Map(v.tiers.map((t) => [t.key, t]));
  const b = byKey.get('bronze');
  const s = byKey.get('silver');
  const g = byKey.get('gold');
  if (
    !b ||
    !s ||
    !g ||
    !(b.minPercentile < s.minPercentile && s.minPercentile < g.minPercentile) ||
    !(b.minClv < s.minClv && s.minClv < g.minClv)
  )
    throw new AppError('RETENTION_TIERS_ORDER');
  return putSettings(db, auth, v);
}
