// Churn for contractual customers: an L2 logistic regression on standardised features with
// one-hot categoricals, stratified k-fold cross-validated AUC, out-of-fold calibration
// diagnostics (Brier score, reliability table, optional isotonic/Platt recalibration fitted
// out of fold) and interpretable drivers (coefficients, odds ratios, standard errors).
// Everything returned is plain JSON, so a fitted model can be stored with a version and
// re-applied by `predictChurn` anywhere (server job, browser, CLI).
import { normalQuantile, twoSidedNormalP } from '../core/distributions';
import { ChurnFitError, fitLogistic, sigmoid } from './logistic';
import {
  applyCalibrator,
  brierScore,
  fitIsotonic,
  fitPlatt,
  logLoss,
  reliabilityTable,
  rocAuc,
  stratifiedFolds,
  type TCalibrator,
  type TReliabilityBin,
} from './metrics';

export type TChurnValue = number | string | null | undefined;
export type TChurnRecord = Readonly<Record<string, TChurnValue>>;

export interface TChurnFeature {
  name: string;
  kind: 'numeric' | 'categorical';
}

export interface TChurnData {
  features: readonly TChurnFeature[];
  records: readonly TChurnRecord[];
  /** 1 = churned, 0 = stayed; same order as `records`. */
  target: ArrayLike<number>;
}

export interface TChurnOptions {
  /** L2 penalty on the standardised slopes (scikit-learn C = 1/l2). Default 1. */
  l2?: number;
  /** Cross-validation folds. Default 5. */
  folds?: number;
  /** Shuffle seed for the folds; without it the folds are scikit-learn's unshuffled ones. */
  seed?: number;
  /** Rows with a missing feature: dropped (default) or, for numeric features, imputed with the
   *  training mean (categorical blanks become the level "(missing)"). */
  missing?: 'drop' | 'impute';
  /** Recalibration of the probabilities, fitted on out-of-fold predictions. Default none. */
  calibration?: 'none' | 'platt' | 'isotonic';
  /** Bins of the reliability table. Default 10. */
  bins?: number;
}

/** One design column: a numeric feature, or one non-reference level of a categorical. */
export interface TChurnColumn {
  feature: string;
  level: string | null;
  mean: number;
  sd: number;
}

export interface TChurnDesign {
  features: TChurnFeature[];
  /** Sorted levels per categorical feature; the first is the reference (no column). */
  levels: Record<string, string[]>;
  columns: TChurnColumn[];
  /** Training means of numeric features (used for blanks at prediction time). */
  means: Record<string, number>;
}

export interface TChurnModel {
  kind: 'logistic-l2';
  version: 1;
  l2: number;
  design: TChurnDesign;
  intercept: number;
  /** Slopes on the standardised columns (per standard deviation), design column order. */
  coefficients: number[];
  /** Standard errors: [intercept, …slopes]. */
  se: number[];
  logLik: number;
  n: number;
  positives: number;
  iterations: number;
  calibrator: TCalibrator;
}

export interface TChurnDriver {
  feature: string;
  /** The level this row is about (categoricals) and the level it is compared with. */
  level: string | null;
  reference: string | null;
  /** Log-odds change per standard deviation of the design column, with its standard error. */
  coefficientPerSd: number;
  sePerSd: number;
  z: number;
  p: number;
  /** Log-odds change per unit of the feature (numeric) or vs the reference level (categorical). */
  coefficient: number;
  se: number;
  oddsRatio: number;
  oddsRatioCi95: [number, number];
  raisesRisk: boolean;
}

export interface TChurnFold {
  fold: number;
  n: number;
  positives: number;
  auc: number;
}

export interface TChurnCalibrationReport {
  brier: number;
  logLoss: number;
  reliability: TReliabilityBin[];
}

export interface TChurnCrossValidation {
  k: number;
  folds: TChurnFold[];
  /** Mean of the fold AUCs and their sample standard deviation (n − 1). */
  auc: number;
  aucSd: number;
  /** AUC of all out-of-fold predictions pooled. */
  pooledAuc: number;
  /** Out-of-fold probabilities (uncalibrated), same order as the kept rows. */
  outOfFold: Float64Array;
  uncalibrated: TChurnCalibrationReport;
  /** After recalibration fitted out of fold (cross-fitted on the same folds); null for 'none'. */
  calibrated: (TChurnCalibrationReport & { method: 'platt' | 'isotonic' }) | null;
}

export interface TChurnAnalysis {
  n: number;
  dropped: number;
  positives: number;
  /** Indices (into `records`) of the rows used. */
  rows: number[];
  cv: TChurnCrossValidation;
  model: TChurnModel;
  drivers: TChurnDriver[];
}

const MISSING = '(missing)';

function isBlank(v: TChurnValue): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === 'number' && !Number.isFinite(v)) ||
    (typeof v === 'string' && v.trim() === '')
  );
}

function numericValue(v: TChurnValue): number | null {
  if (isBlank(v)) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function levelOf(v: TChurnValue): string {
  return isBlank(v) ? MISSING : String(v).trim();
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the design (levels, means, standard deviations) from the training rows only. */
export function buildChurnDesign(
  features: readonly TChurnFeature[],
  records: readonly TChurnRecord[],
  rows: readonly number[],
): TChurnDesign {
  const levels: Record<string, string[]> = {};
  const means: Record<string, number> = {};
  for (const f of features) {
    if (f.kind === 'categorical') {
      const set = new Set<string>();
      for (const i of rows) set.add(levelOf(records[i]?.[f.name]));
      levels[f.name] = [...set].sort(byCodeUnit);
    } else {
      let s = 0;
      let c = 0;
      for (const i of rows) {
        const v = numericValue(records[i]?.[f.name]);
        if (v !== null) {
          s += v;
          c++;
        }
      }
      means[f.name] = c > 0 ? s / c : 0;
    }
  }
  const columns: TChurnColumn[] = [];
  for (const f of features) {
    if (f.kind === 'numeric') columns.push({ feature: f.name, level: null, mean: 0, sd: 1 });
    else
      for (const l of (levels[f.name] ?? []).slice(1))
        columns.push({ feature: f.name, level: l, mean: 0, sd: 1 });
  }
  const design: TChurnDesign = { features: [...features], levels, columns, means };
  // Column means and population standard deviations (scikit-learn's StandardScaler).
  const p = columns.length;
  const sum = new Float64Array(p);
  const sq = new Float64Array(p);
  const raw = new Float64Array(p);
  for (const i of rows) {
    rawRow(design, records[i] ?? {}, raw);
    for (let j = 0; j < p; j++) sum[j] = (sum[j] ?? 0) + (raw[j] ?? 0);
  }
  const n = rows.length;
  for (let j = 0; j < p; j++) (columns[j] as TChurnColumn).mean = (sum[j] ?? 0) / n;
  for (const i of rows) {
    rawRow(design, records[i] ?? {}, raw);
    for (let j = 0; j < p; j++)
      sq[j] = (sq[j] ?? 0) + ((raw[j] ?? 0) - (columns[j]?.mean ?? 0)) ** 2;
  }
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt((sq[j] ?? 0) / n);
    (columns[j] as TChurnColumn).sd = sd > 0 ? sd : 1;
  }
  return design;
}

/** Unstandardised design row (numeric value or 0/1 dummy); blanks take the training mean. */
function rawRow(d: TChurnDesign, rec: TChurnRecord, out: Float64Array): void {
  let j = 0;
  for (const f of d.features) {
    const v = rec[f.name];
    if (f.kind === 'numeric') {
      out[j++] = numericValue(v) ?? d.means[f.name] ?? 0;
    } else {
      const l = levelOf(v);
      const ls = d.levels[f.name] ?? [];
      for (let m = 1; m < ls.length; m++) out[j++] = ls[m] === l ? 1 : 0;
    }
  }
}

/** Standardised design row. */
export function encodeChurnRecord(
  d: TChurnDesign,
  rec: TChurnRecord,
  out?: Float64Array,
): Float64Array {
  const o = out ?? new Float64Array(d.columns.length);
  rawRow(d, rec, o);
  d.columns.forEach((c, j) => {
    o[j] = ((o[j] ?? 0) - c.mean) / c.sd;
  });
  return o;
}

/** Rows kept for modelling: target must be 0/1; with missing = 'drop', all features present. */
export function churnRows(data: TChurnData, missing: 'drop' | 'impute' = 'drop'): number[] {
  const kept: number[] = [];
  data.records.forEach((rec, i) => {
    const y = data.target[i];
    if (y !== 0 && y !== 1) return;
    if (missing === 'drop') {
      for (const f of data.features) {
        const v = rec[f.name];
        if (f.kind === 'numeric' ? numericValue(v) === null : isBlank(v)) return;
      }
    }
    kept.push(i);
  });
  return kept;
}

/** Records parsed once (numbers, global level indices): the folds then only index arrays. */
interface TPrepared {
  n: number;
  numeric: Map<string, Float64Array>;
  categorical: Map<string, { levels: string[]; idx: Int32Array }>;
}

function prepare(data: TChurnData): TPrepared {
  const n = data.records.length;
  const numeric = new Map<string, Float64Array>();
  const categorical = new Map<string, { levels: string[]; idx: Int32Array }>();
  for (const f of data.features) {
    if (f.kind === 'numeric') {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = numericValue(data.records[i]?.[f.name]) ?? Number.NaN;
      numeric.set(f.name, v);
    } else {
      const raw = data.records.map((r) => levelOf(r[f.name]));
      const levels = [...new Set(raw)].sort(byCodeUnit);
      const at = new Map(levels.map((l, k) => [l, k]));
      categorical.set(f.name, { levels, idx: Int32Array.from(raw, (l) => at.get(l) ?? 0) });
    }
  }
  return { n, numeric, categorical };
}

/**
 * The design of `train` (levels present there, means, population sds — identical to
 * buildChurnDesign), the RAW matrix of `train` (fitted through fitLogistic's `standardize`,
 * which exploits the 0/1 dummies' sparsity) and the standardised matrix of `test`.
 */
function preparedDesign(
  data: TChurnData,
  prep: TPrepared,
  train: readonly number[],
  test: readonly number[] = [],
): { design: TChurnDesign; x: Float64Array; xTest: Float64Array } {
  const levels: Record<string, string[]> = {};
  const means: Record<string, number> = {};
  const columns: TChurnColumn[] = [];
  // Per feature: where its values go (numeric: one column; categorical: global level → column).
  const plan: (
    | { kind: 'n'; v: Float64Array; col: number; mean: number }
    | { kind: 'c'; idx: Int32Array; map: Int32Array }
  )[] = [];
  for (const f of data.features) {
    if (f.kind === 'numeric') {
      const v = prep.numeric.get(f.name) as Float64Array;
      let s = 0;
      let c = 0;
      for (const i of train) {
        const x = v[i] as number;
        if (!Number.isNaN(x)) {
          s += x;
          c++;
        }
      }
      means[f.name] = c > 0 ? s / c : 0;
      plan.push({ kind: 'n', v, col: columns.length, mean: means[f.name] as number });
      columns.push({ feature: f.name, level: null, mean: 0, sd: 1 });
    } else {
      const { levels: all, idx } = prep.categorical.get(f.name) as {
        levels: string[];
        idx: Int32Array;
      };
      const seen = new Uint8Array(all.length);
      for (const i of train) seen[idx[i] as number] = 1;
      const present = all.filter((_, k) => seen[k] === 1);
      levels[f.name] = present;
      const map = new Int32Array(all.length).fill(-1);
      let first = true;
      all.forEach((l, k) => {
        if (seen[k] !== 1) return;
        if (first) {
          first = false; // reference level: no column
          return;
        }
        map[k] = columns.length;
        columns.push({ feature: f.name, level: l, mean: 0, sd: 1 });
      });
      plan.push({ kind: 'c', idx, map });
    }
  }
  const p = columns.length;
  const fill = (rows: readonly number[]): Float64Array => {
    const x = new Float64Array(rows.length * p);
    rows.forEach((i, r) => {
      const o = r * p;
      for (const q of plan) {
        if (q.kind === 'n') {
          const v = q.v[i] as number;
          x[o + q.col] = Number.isNaN(v) ? q.mean : v;
        } else {
          const c = q.map[q.idx[i] as number] as number;
          if (c >= 0) x[o + c] = 1;
        }
      }
    });
    return x;
  };
  const x = fill(train);
  const xTest = fill(test);
  const n = train.length;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += x[r * p + j] as number;
    const mean = s / n;
    let sq = 0;
    for (let r = 0; r < n; r++) sq += ((x[r * p + j] as number) - mean) ** 2;
    const sd = Math.sqrt(sq / n) || 1;
    const col = columns[j] as TChurnColumn;
    col.mean = mean;
    col.sd = sd;
    for (let r = 0; r < test.length; r++)
      xTest[r * p + j] = ((xTest[r * p + j] as number) - mean) / sd;
  }
  return { design: { features: [...data.features], levels, columns, means }, x, xTest };
}

function fitOn(
  data: TChurnData,
  prep: TPrepared,
  rows: readonly number[],
  l2: number,
  test: readonly number[] = [],
  start?: ArrayLike<number>,
): { model: Omit<TChurnModel, 'calibrator'>; testProb: Float64Array } {
  const { design, x, xTest } = preparedDesign(data, prep, rows, test);
  const y = Float64Array.from(rows, (i) => data.target[i] ?? 0);
  const p = design.columns.length;
  const f = fitLogistic(x, rows.length, p, y, {
    l2,
    start,
    standardize: {
      mean: design.columns.map((c) => c.mean),
      sd: design.columns.map((c) => c.sd),
    },
  });
  let positives = 0;
  for (const v of y) positives += v;
  const testProb = new Float64Array(test.length);
  for (let r = 0; r < test.length; r++) {
    let eta = f.coef[0] ?? 0;
    for (let j = 0; j < p; j++) eta += (f.coef[j + 1] ?? 0) * (xTest[r * p + j] as number);
    testProb[r] = sigmoid(eta);
  }
  return {
    model: {
      kind: 'logistic-l2',
      version: 1,
      l2,
      design,
      intercept: f.coef[0] ?? 0,
      coefficients: f.coef.slice(1),
      se: f.se,
      logLik: f.logLik,
      n: rows.length,
      positives,
      iterations: f.iterations,
    },
    testProb,
  };
}

/** Uncalibrated P(churn) of one record under a fitted model. */
export function churnRawProbability(
  model: Pick<TChurnModel, 'design' | 'intercept' | 'coefficients'>,
  rec: TChurnRecord,
): number {
  const x = encodeChurnRecord(model.design, rec);
  let eta = model.intercept;
  for (let j = 0; j < x.length; j++) eta += (model.coefficients[j] ?? 0) * (x[j] ?? 0);
  return sigmoid(eta);
}

/** Calibrated P(churn) of one record (the number to show and store). */
export function predictChurn(model: TChurnModel, rec: TChurnRecord): number {
  return applyCalibrator(model.calibrator, churnRawProbability(model, rec));
}

function fitCalibrator(
  method: 'none' | 'platt' | 'isotonic',
  p: ArrayLike<number>,
  y: ArrayLike<number>,
): TCalibrator {
  if (method === 'platt') return fitPlatt(p, y);
  if (method === 'isotonic') return fitIsotonic(p, y);
  return { kind: 'none' };
}

function report(p: ArrayLike<number>, y: ArrayLike<number>, bins: number): TChurnCalibrationReport {
  return {
    brier: brierScore(p, y),
    logLoss: logLoss(p, y),
    reliability: reliabilityTable(p, y, bins),
  };
}

/** Stratified k-fold cross-validation of the whole pipeline (design, scaling, fit) per fold. */
export function crossValidateChurn(
  data: TChurnData,
  opts: TChurnOptions = {},
  rows = churnRows(data, opts.missing),
  prep: TPrepared = prepare(data),
  start?: ArrayLike<number>,
): TChurnCrossValidation {
  const k = opts.folds ?? 5;
  const l2 = opts.l2 ?? 1;
  const bins = opts.bins ?? 10;
  const y = Float64Array.from(rows, (i) => data.target[i] ?? 0);
  let folds: Int32Array;
  try {
    folds = stratifiedFolds(y, k, opts.seed);
  } catch (e) {
    // Callers catch ChurnFitError for every "cannot fit this data" case.
    throw new ChurnFitError((e as Error).message);
  }
  const oof = new Float64Array(rows.length);
  const out: TChurnFold[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let r = 0; r < rows.length; r++) (folds[r] === f ? test : train).push(r);
    const { testProb: ps } = fitOn(
      data,
      prep,
      train.map((r) => rows[r] ?? 0),
      l2,
      test.map((r) => rows[r] ?? 0),
      // Warm start from the all-rows fit when the folds have the same columns (same optimum,
      // about half the Newton steps).
      start,
    );
    test.forEach((r, t) => {
      oof[r] = ps[t] ?? 0;
    });
    const yt = test.map((r) => y[r] ?? 0);
    out.push({
      fold: f + 1,
      n: test.length,
      positives: yt.reduce((a, b) => a + b, 0),
      auc: rocAuc(ps, yt) ?? Number.NaN,
    });
  }
  const aucs = out.map((o) => o.auc);
  const mean = aucs.reduce((a, b) => a + b, 0) / k;
  const sd = Math.sqrt(aucs.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
  const method = opts.calibration ?? 'none';
  let calibrated: TChurnCrossValidation['calibrated'] = null;
  if (method !== 'none') {
    const cal = new Float64Array(rows.length);
    for (let f = 0; f < k; f++) {
      const trainP: number[] = [];
      const trainY: number[] = [];
      for (let r = 0; r < rows.length; r++) {
        if (folds[r] !== f) {
          trainP.push(oof[r] ?? 0);
          trainY.push(y[r] ?? 0);
        }
      }
      const c = fitCalibrator(method, trainP, trainY);
      for (let r = 0; r < rows.length; r++)
        if (folds[r] === f) cal[r] = applyCalibrator(c, oof[r] ?? 0);
    }
    calibrated = { method, ...report(cal, y, bins) };
  }
  return {
    k,
    folds: out,
    auc: mean,
    aucSd: sd,
    pooledAuc: rocAuc(oof, y) ?? Number.NaN,
    outOfFold: oof,
    uncalibrated: report(oof, y, bins),
    calibrated,
  };
}

/** Drivers of churn risk from a fitted model, strongest evidence (|z|) first. */
export function churnDrivers(model: TChurnModel): TChurnDriver[] {
  const z975 = normalQuantile(0.975);
  const out = model.design.columns.map((c, j): TChurnDriver => {
    const b = model.coefficients[j] ?? 0;
    const s = model.se[j + 1] ?? Number.NaN;
    const coefficient = b / c.sd;
    const se = s / c.sd;
    const z = b / s;
    return {
      feature: c.feature,
      level: c.level,
      reference: c.level === null ? null : (model.design.levels[c.feature]?.[0] ?? null),
      coefficientPerSd: b,
      sePerSd: s,
      z,
      p: twoSidedNormalP(z),
      coefficient,
      se,
      oddsRatio: Math.exp(coefficient),
      oddsRatioCi95: [Math.exp(coefficient - z975 * se), Math.exp(coefficient + z975 * se)],
      raisesRisk: b > 0,
    };
  });
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
}

/** Fits on all usable rows, cross-validates, calibrates out of fold and lists the drivers. */
export function analyzeChurn(data: TChurnData, opts: TChurnOptions = {}): TChurnAnalysis {
  const rows = churnRows(data, opts.missing);
  const usable = data.records.filter((_, i) => data.target[i] === 0 || data.target[i] === 1).length;
  if (rows.length === 0) throw new ChurnFitError('no complete rows to fit');
  const prep = prepare(data);
  const base = fitOn(data, prep, rows, opts.l2 ?? 1).model;
  const cv = crossValidateChurn(data, opts, rows, prep, [base.intercept, ...base.coefficients]);
  const y = Float64Array.from(rows, (i) => data.target[i] ?? 0);
  const model: TChurnModel = {
    ...base,
    calibrator: fitCalibrator(opts.calibration ?? 'none', cv.outOfFold, y),
  };
  return {
    n: rows.length,
    dropped: usable - rows.length,
    positives: base.positives,
    rows,
    cv,
    model,
    drivers: churnDrivers(model),
  };
}
