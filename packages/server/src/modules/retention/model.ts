// Model refit (a durable job): RFM, BG/NBD and Gamma-Gamma on the org's transactions, scores per
// customer with the run's version, value tiers, tier-change history and notifications.
//
// Modelling rules: time unit weeks; a customer's purchases on one day are one purchase (their
// amounts summed, refunds of that day netted, floored at 0); a day with only refunds is not a
// purchase.
// Only transactions in the org's currency count. A fit that does not converge fails the run with
// a warning and stores nothing (the previous run stays current); a Gamma-Gamma failure keeps the
// BG/NBD scores but stores no spend, CLV or tiers.
// SQL in repo-model.ts; the tier-change mail in tier-mail.ts.
import type { TModelRun, TRefit, TRetentionSettings, TTierKey } from '@fidelia/contracts';
import {
  bgnbdConditionalExpected,
  bgnbdExpectedPurchases,
  bgnbdPAlive,
  ClvFitError,
  clvValue,
  fitBgNbd,
  fitGammaGamma,
  ggConditionalExpectedSpend,
  holdoutByFrequency,
  rfmScores,
  splitCalibrationHoldout,
  summarizeTransactions,
  type TBgNbdParams,
  type TGammaGammaParams,
  type TTransaction,
  toArrays,
} from '@fidelia/stats';
import type { Sql } from '../../db/client';
import { enqueue, registerJob } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { iso } from '../../lib/iso';
import type { Mailer } from '../../mail/mailer';
import { audit } from '../audit/service';
import { fitContractChurn } from './churn';
import type { TRunRow, TScored } from './repo-model';
import * as repo from './repo-model';
import { dayToIso, isoToDay, todayDay } from './rows';
import { getSettings, TIER_RANK } from './settings';
import { mailTierChanges, type TTierChange } from './tier-mail';

export type { TTierChange };

registerErrors({
  RETENTION_CALIBRATION_FUTURE: {
    status: 400,
    es: 'El fin del periodo de calibración no puede ser futuro.',
    en: 'The calibration end cannot be in the future.',
  },
  RETENTION_REFIT_RUNNING: {
    status: 409,
    es: 'Ya hay un ajuste del modelo en curso.',
    en: 'A model refit is already running.',
  },
});

export const REFIT_JOB = 'retention.refit';
export const MIN_CUSTOMERS = 20;

/** Tier per customer from CLV: percentile rank (share of customers with a lower CLV) or rules. */
export function assignTiers(
  clv: readonly number[],
  s: Pick<TRetentionSettings, 'tierMode' | 'tiers'>,
): Array<TTierKey | null> {
  const tiers = [...s.tiers].sort((a, b) => TIER_RANK[b.key] - TIER_RANK[a.key]);
  const n = clv.length;
  let pct: number[] = [];
  if (s.tierMode === 'percentile') {
    // percentile = 100 · (#customers with strictly lower CLV) / n; ties share a percentile.
    const order = clv.map((_, i) => i).sort((a, b) => (clv[a] ?? 0) - (clv[b] ?? 0));
    pct = new Array<number>(n).fill(0);
    let k = 0;
    while (k < n) {
      let e = k;
      while (e + 1 < n && clv[order[e + 1] ?? 0] === clv[order[k] ?? 0]) e++;
      for (let j = k; j <= e; j++) pct[order[j] ?? 0] = (100 * k) / n;
      k = e + 1;
    }
  }
  return clv.map((v, i) => {
    for (const t of tiers) {
      if (s.tierMode === 'percentile' ? (pct[i] ?? 0) >= t.minPercentile : v >= t.minClv)
        return t.key;
    }
    return null;
  });
}

export async function requestRefit(db: Sql, auth: AuthContext, body: TRefit) {
  const end = body.calibrationEnd ?? dayToIso(todayDay());
  if (isoToDay(end) > todayDay() || Number.isNaN(isoToDay(end)))
    throw new AppError('RETENTION_CALIBRATION_FUTURE');
  const settings = await getSettings(db, auth.orgId);
  return db.transaction(async (tx) => {
    if (await repo.refitBusy(tx, auth.orgId)) throw new AppError('RETENTION_REFIT_RUNNING');
    const run = await createRun(tx, auth.orgId, end, settings, auth.userId);
    await enqueue(tx, {
      orgId: auth.orgId,
      kind: REFIT_JOB,
      payload: { runId: run.id },
      maxAttempts: 2,
    });
    await audit(tx, auth, {
      action: 'retention_model.refit_requested',
      entity: 'retention_model_run',
      entityId: run.id,
      changes: { version: run.version, calibrationEnd: end },
    });
    return { id: run.id, version: run.version, status: 'queued' as const };
  });
}

function createRun(
  db: Sql,
  orgId: string,
  end: string,
  settings: TRetentionSettings,
  userId: string | null,
): Promise<{ id: string; version: number }> {
  return repo.insertRun(db, orgId, {
    end,
    discountRate: settings.discountRate,
    horizonWeeks: settings.clvHorizonWeeks,
    userId,
  });
}

/** Creates a run and fits it in-process (demo seeding, CLI). */
export async function fitNow(db: Sql, orgId: string, end: string): Promise<TModelRun | null> {
  const run = await createRun(db, orgId, end, await getSettings(db, orgId), null);
  return runRefit(db, orgId, run.id, null);
}

export function registerRefitJob(db: Sql, mailer: Mailer): void {
  registerJob(REFIT_JOB, async (payload, ctx) => {
    const runId = (payload as { runId?: unknown }).runId;
    if (typeof runId !== 'string') throw new Error('retention.refit job without runId');
    return runRefit(db, ctx.orgId, runId, mailer);
  });
}

export const dateOnly = (d: Date | string) =>
  d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

export function toRun(r: TRunRow): TModelRun {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    calibrationEnd: dateOnly(r.calibration_end),
    discountRate: Number(r.discount_rate),
    horizonWeeks: r.horizon_weeks,
    customers: r.customers,
    bgnbd: r.bgnbd,
    gammaGamma: r.gamma_gamma,
    churn: r.churn,
    diagnostics: r.diagnostics,
    warnings: r.warnings,
    error: r.error,
    createdAt: iso(r.created_at),
    finishedAt: iso(r.finished_at),
  };
}

export async function listRuns(db: Sql, orgId: string): Promise<TModelRun[]> {
  return (await repo.recentRuns(db, orgId)).map(toRun);
}

/** The latest successful run (whose scores are current), or null. */
export async function currentRun(db: Sql, orgId: string): Promise<TModelRun | null> {
  const r = await repo.latestDoneRun(db, orgId);
  return r ? toRun(r) : null;
}

type TBg = TBgNbdParams & { logLik: number; iterations: number };
type TGg = TGammaGammaParams & { logLik: number; iterations: number };
type TSummary = ReturnType<typeof summarizeTransactions>;

/** The org's purchase days in its currency: all of them (holdout included) and up to `end`. */
async function loadPurchases(db: Sql, orgId: string, currency: string, end: string) {
  const warnings: string[] = [];
  const rows = await repo.purchaseDays(db, orgId, currency);
  const other = await repo.otherCurrencyCount(db, orgId, currency, end);
  if (other > 0) warnings.push(`currency_ignored:${other}:${currency}`);
  // All purchase days; those after the calibration end are the holdout (validation only).
  const allTxs: TTransaction[] = rows.map((r) => ({
    customerId: r.customer_id,
    day: r.day,
    amount: Number(r.amount),
  }));
  const endDay = isoToDay(end);
  const txs = allTxs.filter((x) => x.day <= endDay);
  const totals = new Map<string, number>();
  for (const t of txs) totals.set(t.customerId, (totals.get(t.customerId) ?? 0) + t.amount);
  return { allTxs, txs, totals, summary: summarizeTransactions(txs, endDay), warnings };
}

/** Gamma-Gamma spend model, or null (with a warning) when it does not fit or q ≤ 1. */
function fitSpend(
  summary: TSummary,
  x: ReturnType<typeof toArrays>['x'],
  warnings: string[],
): TGg | null {
  try {
    const gg = fitGammaGamma(
      x,
      summary.map((s) => s.monetaryValue ?? 0),
    );
    if (gg.q > 1) return gg;
    warnings.push(`gamma_gamma_q_le_1: q=${gg.q}`);
  } catch (e) {
    if (!(e instanceof ClvFitError)) throw e;
    warnings.push(`gamma_gamma_not_converged: ${e.message}`);
  }
  return null;
}

/** Per-customer BG/NBD and CLV scores (RFM and tier filled in later). */
function score(
  summary: TSummary,
  totals: Map<string, number>,
  bg: TBg,
  gg: TGg | null,
  run: TRunRow,
): TScored[] {
  return summary.map((s) => {
    const x = s.frequency;
    const spend = gg ? ggConditionalExpectedSpend(gg, x, s.monetaryValue ?? 0) : null;
    return {
      customerId: s.id,
      x,
      tx: s.recency,
      T: s.T,
      monetary: totals.get(s.id) ?? null,
      pAlive: bgnbdPAlive(bg, x, s.recency, s.T),
      e90: bgnbdConditionalExpected(bg, 90 / 7, x, s.recency, s.T),
      e365: bgnbdConditionalExpected(bg, 365 / 7, x, s.recency, s.T),
      spend,
      clv:
        spend === null
          ? null
          : clvValue(bg, run.horizon_weeks, x, s.recency, s.T, spend, Number(run.discount_rate)),
      r: 1,
      f: 1,
      m: 1,
      segment: 'lost',
      tier: null,
      churnRisk: null,
    };
  });
}

const nonFinite = (s: TScored) =>
  !Number.isFinite(s.pAlive) ||
  !Number.isFinite(s.e90) ||
  !Number.isFinite(s.e365) ||
  (s.clv !== null && !Number.isFinite(s.clv));

/** RFM quintiles and segment for every scored customer (in place). */
function addRfm(scored: TScored[]): void {
  const rfm = rfmScores(
    scored.map((s) => ({
      id: s.customerId,
      daysSinceLast: (s.T - s.tx) * 7,
      frequency: s.x + 1,
      monetary: s.monetary ?? 0,
    })),
  );
  rfm.forEach((q, i) => {
    const s = scored[i] as TScored;
    s.r = q.r;
    s.f = q.f;
    s.m = q.m;
    s.segment = q.segment;
  });
}

/** Fit checks stored with the run. */
function diagnosticsOf(
  scored: TScored[],
  bg: TBg,
  gg: TGg | null,
  p: { allTxs: TTransaction[]; txs: TTransaction[]; endDay: number },
) {
  // Fit check: expected vs actual repeat purchases in the calibration period (Σ E[X(T_i)]).
  let expectedRepeat = 0;
  let actualRepeat = 0;
  let sumPAlive = 0;
  for (const s of scored) {
    expectedRepeat += bgnbdExpectedPurchases(bg, s.T);
    actualRepeat += s.x;
    sumPAlive += s.pAlive;
  }
  // Calibration/holdout check when there are purchases after the calibration end (FHL 2005
  // figure 4: mean holdout purchases by calibration frequency, actual vs E[Y(t*) | x, t_x, T]).
  const holdout =
    p.allTxs.length > p.txs.length
      ? holdoutByFrequency(bg, splitCalibrationHoldout(p.allTxs, p.endDay))
      : null;
  return {
    holdout,
    customers: scored.length,
    repeatBuyers: scored.filter((s) => s.x > 0).length,
    transactionsDays: p.txs.length,
    iterations: { bgnbd: bg.iterations, gammaGamma: gg?.iterations ?? null },
    expectedRepeatPurchases: expectedRepeat,
    actualRepeatPurchases: actualRepeat,
    meanPAlive: sumPAlive / scored.length,
    expected365dTotal: scored.reduce((a, s) => a + s.e365, 0),
    clvTotal: gg ? scored.reduce((a, s) => a + (s.clv ?? 0), 0) : null,
  };
}

/** Fits and scores; returns the run's final state. Never throws for bad data. */
export async function runRefit(
  db: Sql,
  orgId: string,
  runId: string,
  mailer: Mailer | null,
): Promise<TModelRun | null> {
  const run = await repo.getRun(db, orgId, runId);
  if (!run) return null;
  if (run.status === 'done') return toRun(run);
  const fail = async (customers: number, error: string, warnings: string[]) => {
    await repo.failRun(db, orgId, runId, { customers, error, warnings });
    return reload(db, orgId, runId);
  };
  await repo.markRunning(db, orgId, runId);
  const settings = await getSettings(db, orgId);
  const end = dateOnly(run.calibration_end);
  const endDay = isoToDay(end);
  const p = await loadPurchases(db, orgId, settings.currency, end);
  const { summary, warnings } = p;
  if (summary.length < MIN_CUSTOMERS) {
    return fail(summary.length, 'RETENTION_TOO_FEW_CUSTOMERS', [
      ...warnings,
      `too_few_customers:${summary.length}:${MIN_CUSTOMERS}`,
    ]);
  }
  const arrays = toArrays(summary);
  let bg: TBg;
  try {
    bg = fitBgNbd(arrays);
  } catch (e) {
    if (!(e instanceof ClvFitError)) throw e;
    return fail(summary.length, 'RETENTION_NOT_CONVERGED', [
      ...warnings,
      `bgnbd_not_converged: ${e.message}`,
    ]);
  }
  const gg = fitSpend(summary, arrays.x, warnings);
  const scored = score(summary, p.totals, bg, gg, run);
  if (scored.some(nonFinite)) {
    return fail(summary.length, 'RETENTION_NOT_CONVERGED', [...warnings, 'non_finite_scores']);
  }
  addRfm(scored);
  if (gg) {
    const tiers = assignTiers(
      scored.map((s) => s.clv ?? 0),
      settings,
    );
    tiers.forEach((t, i) => {
      (scored[i] as TScored).tier = t;
    });
  } else warnings.push('tiers_unchanged_without_spend_model');
  // Contractual churn (customers with an active contract get P(churn)).
  const churn = await fitContractChurn(
    db,
    orgId,
    end,
    new Map(scored.map((x) => [x.customerId, x.x + 1])),
  );
  let churnJson: Record<string, unknown>;
  if (churn.risk) {
    for (const x of scored) x.churnRisk = churn.risk.get(x.customerId) ?? null;
    churnJson = { ...churn.summary, scored: churn.risk.size };
  } else {
    churnJson = { skipped: churn.warning };
    if (churn.warning.startsWith('churn_not_fitted')) warnings.push(churn.warning);
  }
  const diagnostics = diagnosticsOf(scored, bg, gg, { allTxs: p.allTxs, txs: p.txs, endDay });
  const changes = await db.transaction(async (tx) => {
    for (let i = 0; i < scored.length; i += 2000) {
      await repo.insertScores(tx, orgId, runId, scored.slice(i, i + 2000));
    }
    const ch = gg ? await updateTiers(tx, orgId, runId, scored, run.version) : [];
    await repo.completeRun(tx, orgId, runId, {
      customers: scored.length,
      bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLik: bg.logLik },
      gammaGamma: gg ? { p: gg.p, q: gg.q, gamma: gg.gamma, logLik: gg.logLik } : null,
      diagnostics,
      warnings,
      churn: churnJson,
    });
    return ch;
  });
  if (mailer && settings.emailTierChanges && changes.length) {
    await mailTierChanges(db, orgId, changes, mailer);
  }
  return reload(db, orgId, runId);
}

async function reload(db: Sql, orgId: string, runId: string) {
  const r = await repo.getRun(db, orgId, runId);
  return r ? toRun(r) : null;
}

/** Current tier per customer; a change is recorded in the history, and a change from an
 *  existing tier (not the first assignment) raises a notification. */
async function updateTiers(
  db: Sql,
  orgId: string,
  runId: string,
  scored: TScored[],
  version: number,
): Promise<TTierChange[]> {
  const before = await repo.currentTiers(db, orgId);
  const changes: TTierChange[] = [];
  for (const s of scored) {
    if (!s.tier) continue;
    const prev = before.get(s.customerId) ?? null;
    if (prev !== s.tier) changes.push({ customerId: s.customerId, from: prev, to: s.tier });
  }
  if (!changes.length) return [];
  await repo.storeTiers(db, orgId, runId, changes);
  const moved = changes.filter((c) => c.from !== null);
  if (moved.length) {
    await repo.insertTierNotifications(
      db,
      orgId,
      version,
      moved.map((c) => ({ ...c, up: TIER_RANK[c.to] > TIER_RANK[c.from as TTierKey] })),
    );
  }
  return moved;
}
