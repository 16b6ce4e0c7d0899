// Model refit (a durable job): RFM, BG/NBD and Gamma-Gamma on the org's transactions, scores per
// customer with the run's version, value tiers, tier-change history and notifications.
//
// Modelling rules: time unit weeks; a customer's purchases on one day are one purchase (their
// amounts summed, refunds of that day netted, floored at 0); a day with only refunds is not a
// purchase.
// Only transactions in the org's currency count. A fit that does not converge fails the run with
// a warning and stores nothing (the previous run stays current); a Gamma-Gamma failure keeps the
// BG/NBD scores but stores no spend, CLV or tiers.
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
import { dayToIso, isoToDay, todayDay } from './rows';
import { getSettings, TIER_RANK } from './settings';

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
    const busy = await tx.query(
      `SELECT 1 FROM retention_model_runs WHERE org_id = $1 AND status IN ('queued', 'running')
          AND created_at > now() - interval '1 hour'`,
      [auth.orgId],
    );
    if (busy.rows.length) throw new AppError('RETENTION_REFIT_RUNNING');
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

async function createRun(
  db: Sql,
  orgId: string,
  end: string,
  settings: TRetentionSettings,
  userId: string | null,
): Promise<{ id: string; version: number }> {
  const { rows } = await db.query<{ id: string; version: number }>(
    `INSERT INTO retention_model_runs (org_id, version, calibration_end, discount_rate, horizon_weeks, created_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2::date, $3, $4, $5
       FROM retention_model_runs WHERE org_id = $1
     RETURNING id, version`,
    [orgId, end, settings.discountRate, settings.clvHorizonWeeks, userId],
  );
  return rows[0] as { id: string; version: number };
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

interface TRunRow {
  id: string;
  version: number;
  status: TModelRun['status'];
  calibration_end: string | Date;
  discount_rate: number;
  horizon_weeks: number;
  customers: number;
  bgnbd: TModelRun['bgnbd'];
  gamma_gamma: TModelRun['gammaGamma'];
  churn: TModelRun['churn'];
  diagnostics: Record<string, unknown>;
  warnings: string[];
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
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
    createdAt: iso(r.created_at) as string,
    finishedAt: iso(r.finished_at),
  };
}

export async function listRuns(db: Sql, orgId: string): Promise<TModelRun[]> {
  const { rows } = await db.query<TRunRow>(
    'SELECT * FROM retention_model_runs WHERE org_id = $1 ORDER BY version DESC LIMIT 20',
    [orgId],
  );
  return rows.map(toRun);
}

/** The latest successful run (whose scores are current), or null. */
export async function currentRun(db: Sql, orgId: string): Promise<TModelRun | null> {
  const { rows } = await db.query<TRunRow>(
    `SELECT * FROM retention_model_runs WHERE org_id = $1 AND status = 'done'
      ORDER BY version DESC LIMIT 1`,
    [orgId],
  );
  return rows[0] ? toRun(rows[0]) : null;
}

interface TScored {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  monetary: number | null;
  pAlive: number;
  e90: number;
  e365: number;
  spend: number | null;
  clv: number | null;
  r: number;
  f: number;
  m: number;
  segment: string;
  tier: TTierKey | null;
  churnRisk: number | null;
}

/** Fits and scores; returns the run's final state. Never throws for bad data. */
export async function runRefit(
  db: Sql,
  orgId: string,
  runId: string,
  mailer: Mailer | null,
): Promise<TModelRun | null> {
  const runQ = await db.query<TRunRow>(
    'SELECT * FROM retention_model_runs WHERE org_id = $1 AND id = $2',
    [orgId, runId],
  );
  const run = runQ.rows[0];
  if (!run) return null;
  if (run.status === 'done') return toRun(run);
  const finish = async (sql: string, params: unknown[]) => {
    await db.query(
      `UPDATE retention_model_runs SET ${sql}, finished_at = now() WHERE org_id = $1 AND id = $2`,
      [orgId, runId, ...params],
    );
  };
  await db.query(
    `UPDATE retention_model_runs SET status = 'running' WHERE org_id = $1 AND id = $2`,
    [orgId, runId],
  );
  const settings = await getSettings(db, orgId);
  const end = dateOnly(run.calibration_end);
  const endDay = isoToDay(end);
  const warnings: string[] = [];
  // One row per customer and day with a positive net amount.
  const { rows } = await db.query<{ customer_id: string; day: number; amount: string }>(
    `SELECT customer_id, (occurred_on - DATE '1970-01-01')::int AS day,
            greatest(sum(amount), 0)::text AS amount
       FROM retention_transactions
      WHERE org_id = $1 AND currency = $2
      GROUP BY customer_id, occurred_on HAVING bool_or(type = 'purchase')`,
    [orgId, settings.currency],
  );
  const other = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM retention_transactions
      WHERE org_id = $1 AND currency <> $2 AND occurred_on <= $3::date`,
    [orgId, settings.currency, end],
  );
  if ((other.rows[0]?.n ?? 0) > 0)
    warnings.push(`currency_ignored:${other.rows[0]?.n}:${settings.currency}`);
  // All purchase days; those after the calibration end are the holdout (validation only).
  const allTxs: TTransaction[] = rows.map((r) => ({
    customerId: r.customer_id,
    day: r.day,
    amount: Number(r.amount),
  }));
  const txs = allTxs.filter((x) => x.day <= endDay);
  const totals = new Map<string, number>();
  for (const t of txs) totals.set(t.customerId, (totals.get(t.customerId) ?? 0) + t.amount);
  const summary = summarizeTransactions(txs, endDay);
  if (summary.length < MIN_CUSTOMERS) {
    await finish(
      `status = 'failed', customers = $3, error = 'RETENTION_TOO_FEW_CUSTOMERS', warnings = $4::jsonb`,
      [
        summary.length,
        JSON.stringify([...warnings, `too_few_customers:${summary.length}:${MIN_CUSTOMERS}`]),
      ],
    );
    return reload(db, orgId, runId);
  }
  const arrays = toArrays(summary);
  let bg: TBgNbdParams & { logLik: number; iterations: number };
  try {
    bg = fitBgNbd(arrays);
  } catch (e) {
    if (!(e instanceof ClvFitError)) throw e;
    await finish(
      `status = 'failed', customers = $3, error = 'RETENTION_NOT_CONVERGED', warnings = $4::jsonb`,
      [summary.length, JSON.stringify([...warnings, `bgnbd_not_converged: ${e.message}`])],
    );
    return reload(db, orgId, runId);
  }
  let gg: (TGammaGammaParams & { logLik: number; iterations: number }) | null = null;
  try {
    gg = fitGammaGamma(
      arrays.x,
      summary.map((s) => s.monetaryValue ?? 0),
    );
    if (gg.q <= 1) {
      warnings.push(`gamma_gamma_q_le_1: q=${gg.q}`);
      gg = null;
    }
  } catch (e) {
    if (!(e instanceof ClvFitError)) throw e;
    warnings.push(`gamma_gamma_not_converged: ${e.message}`);
  }
  const scored: TScored[] = summary.map((s) => {
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
  const bad = scored.find(
    (s) =>
      !Number.isFinite(s.pAlive) ||
      !Number.isFinite(s.e90) ||
      !Number.isFinite(s.e365) ||
      (s.clv !== null && !Number.isFinite(s.clv)),
  );
  if (bad) {
    await finish(
      `status = 'failed', customers = $3, error = 'RETENTION_NOT_CONVERGED', warnings = $4::jsonb`,
      [summary.length, JSON.stringify([...warnings, 'non_finite_scores'])],
    );
    return reload(db, orgId, runId);
  }
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
    allTxs.length > txs.length
      ? holdoutByFrequency(bg, splitCalibrationHoldout(allTxs, endDay))
      : null;
  const diagnostics = {
    holdout,
    customers: scored.length,
    repeatBuyers: scored.filter((s) => s.x > 0).length,
    transactionsDays: txs.length,
    iterations: { bgnbd: bg.iterations, gammaGamma: gg?.iterations ?? null },
    expectedRepeatPurchases: expectedRepeat,
    actualRepeatPurchases: actualRepeat,
    meanPAlive: sumPAlive / scored.length,
    expected365dTotal: scored.reduce((a, s) => a + s.e365, 0),
    clvTotal: gg ? scored.reduce((a, s) => a + (s.clv ?? 0), 0) : null,
  };
  const changes = await db.transaction(async (tx) => {
    for (let i = 0; i < scored.length; i += 2000) {
      await insertScores(tx, orgId, runId, scored.slice(i, i + 2000));
    }
    const ch = gg ? await updateTiers(tx, orgId, runId, scored, run.version) : [];
    await tx.query(
      `UPDATE retention_model_runs SET status = 'done', customers = $3, bgnbd = $4::jsonb,
              gamma_gamma = $5::jsonb, diagnostics = $6::jsonb, warnings = $7::jsonb, error = NULL,
              churn = $8::jsonb, finished_at = now()
        WHERE org_id = $1 AND id = $2`,
      [
        orgId,
        runId,
        scored.length,
        JSON.stringify({ r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLik: bg.logLik }),
        gg ? JSON.stringify({ p: gg.p, q: gg.q, gamma: gg.gamma, logLik: gg.logLik }) : null,
        JSON.stringify(diagnostics),
        JSON.stringify(warnings),
        JSON.stringify(churnJson),
      ],
    );
    return ch;
  });
  if (mailer && settings.emailTierChanges && changes.length) {
    await mailTierChanges(db, orgId, changes, mailer);
  }
  return reload(db, orgId, runId);
}

async function reload(db: Sql, orgId: string, runId: string) {
  const r = await db.query<TRunRow>(
    'SELECT * FROM retention_model_runs WHERE org_id = $1 AND id = $2',
    [orgId, runId],
  );
  return r.rows[0] ? toRun(r.rows[0]) : null;
}

async function insertScores(db: Sql, orgId: string, runId: string, s: TScored[]) {
  await db.query(
    `INSERT INTO retention_scores (org_id, run_id, customer_id, frequency, recency_weeks, t_weeks,
        monetary, p_alive, expected_90d, expected_365d, expected_spend, clv, rfm_r, rfm_f, rfm_m,
        rfm_segment, tier, churn_risk)
     SELECT $1, $2, c, x, tx, tt, m, pa, e90, e365, sp, clv, r, f, mm, seg, tier, cr
       FROM unnest($3::uuid[], $4::int[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
                   $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::int[], $14::int[],
                   $15::int[], $16::text[], $17::text[], $18::float8[])
         AS t(c, x, tx, tt, m, pa, e90, e365, sp, clv, r, f, mm, seg, tier, cr)`,
    [
      orgId,
      runId,
      s.map((v) => v.customerId),
      s.map((v) => v.x),
      s.map((v) => v.tx),
      s.map((v) => v.T),
      s.map((v) => v.monetary),
      s.map((v) => v.pAlive),
      s.map((v) => v.e90),
      s.map((v) => v.e365),
      s.map((v) => v.spend),
      s.map((v) => v.clv),
      s.map((v) => v.r),
      s.map((v) => v.f),
      s.map((v) => v.m),
      s.map((v) => v.segment),
      s.map((v) => v.tier),
      s.map((v) => v.churnRisk),
    ],
  );
}

export interface TTierChange {
  customerId: string;
  from: TTierKey | null;
  to: TTierKey;
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
  const cur = await db.query<{ customer_id: string; tier: TTierKey }>(
    'SELECT customer_id, tier FROM retention_customer_tiers WHERE org_id = $1',
    [orgId],
  );
  const before = new Map(cur.rows.map((r) => [r.customer_id, r.tier]));
  const changes: TTierChange[] = [];
  for (const s of scored) {
    if (!s.tier) continue;
    const prev = before.get(s.customerId) ?? null;
    if (prev !== s.tier) changes.push({ customerId: s.customerId, from: prev, to: s.tier });
  }
  if (!changes.length) return [];
  const ids = changes.map((c) => c.customerId);
  const tos = changes.map((c) => c.to);
  const froms = changes.map((c) => c.from);
  await db.query(
    `INSERT INTO retention_customer_tiers (org_id, customer_id, tier, since)
     SELECT $1, c, t, now() FROM unnest($2::uuid[], $3::text[]) AS u(c, t)
     ON CONFLICT (org_id, customer_id) DO UPDATE SET tier = EXCLUDED.tier, since = now()`,
    [orgId, ids, tos],
  );
  await db.query(
    `INSERT INTO retention_tier_history (org_id, customer_id, from_tier, to_tier, run_id)
     SELECT $1, c, f, t, $2 FROM unnest($3::uuid[], $4::text[], $5::text[]) AS u(c, f, t)`,
    [orgId, runId, ids, froms, tos],
  );
  const moved = changes.filter((c) => c.from !== null);
  if (moved.length) {
    await db.query(
      `INSERT INTO retention_notifications (org_id, customer_id, kind, payload)
       SELECT $1, c, CASE WHEN up THEN 'tier_upgrade' ELSE 'tier_downgrade' END,
              jsonb_build_object('from', f, 'to', t, 'version', $2::int)
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bool[]) AS u(c, f, t, up)`,
      [
        orgId,
        version,
        moved.map((c) => c.customerId),
        moved.map((c) => c.from),
        moved.map((c) => c.to),
        moved.map((c) => TIER_RANK[c.to] > TIER_RANK[c.from as TTierKey]),
      ],
    );
  }
  return moved;
}

const TIER_NAMES: Record<'es' | 'en', Record<TTierKey, string>> = {
  es: { bronze: 'Bronce', silver: 'Plata', gold: 'Oro' },
  en: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' },
};

/** Status-recognition e-mail to customers who consented to e-mail (sent after the commit). */
async function mailTierChanges(db: Sql, orgId: string, changes: TTierChange[], mailer: Mailer) {
  const { rows } = await db.query<{
    id: string;
    name: string;
    email: string;
    language: 'es' | 'en' | null;
  }>(
    `SELECT id, name, email, language FROM pub_customers
      WHERE org_id = $1 AND id = ANY($2::uuid[]) AND consent_email AND email IS NOT NULL
        AND status <> 'erased'`,
    [orgId, changes.map((c) => c.customerId)],
  );
  const org = await db.query<{ name: string }>('SELECT name FROM pub_orgs WHERE id = $1', [orgId]);
  const orgName = org.rows[0]?.name ?? 'Fidelia';
  const byId = new Map(changes.map((c) => [c.customerId, c]));
  for (const c of rows) {
    const ch = byId.get(c.id);
    if (!ch) continue;
    const lang = c.language ?? 'es';
    const tier = TIER_NAMES[lang][ch.to];
    const up = TIER_RANK[ch.to] > TIER_RANK[ch.from as TTierKey];
    const mail =
      lang === 'en'
        ? {
            subject: `${orgName}: your club level is now ${tier}`,
            text: `Hello ${c.name},\n\n${up ? 'Thank you for your loyalty: you' : 'You'} are now a ${tier} member of the ${orgName} club.\n`,
          }
        : {
            subject: `${orgName}: tu nivel del club ahora es ${tier}`,
            text: `Hola ${c.name}:\n\n${up ? 'Gracias por tu fidelidad: ahora' : 'Ahora'} eres socio ${tier} del club de ${orgName}.\n`,
          };
    await mailer.send({ to: c.email, ...mail });
    await db.query(
      `UPDATE retention_notifications SET emailed_at = now()
        WHERE org_id = $1 AND customer_id = $2 AND emailed_at IS NULL`,
      [orgId, c.id],
    );
  }
}
