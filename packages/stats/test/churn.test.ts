// Churn model (issue 7) against scikit-learn 1.2 / statsmodels 0.13 (Debian), computed by
// fixtures/churn/make_reference.py on ../shared/datasets/Telco-Customer-Churn.csv, plus
// hand-worked cases and properties.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeChurn,
  applyCalibrator,
  brierScore,
  buildChurnDesign,
  ChurnFitError,
  churnDrivers,
  crossValidateChurn,
  fitIsotonic,
  fitLogistic,
  fitPlatt,
  predictChurn,
  reliabilityTable,
  rocAuc,
  stratifiedFolds,
  type TChurnFeature,
} from '../src/index';
import { closeAbs } from './close';

const root = resolve(import.meta.dirname, '../../..');
const datasets = resolve(root, '../shared/datasets');
const ref = JSON.parse(
  readFileSync(resolve(root, 'packages/stats/test/fixtures/churn/reference.json'), 'utf8'),
) as {
  n: number;
  positives: number;
  columns: { feature: string; level: string | null }[];
  intercept: number;
  coefficients: number[];
  se: number[];
  logLik: number;
  means: number[];
  sds: number[];
  cv: {
    foldOf: number[];
    foldAuc: number[];
    meanAuc: number;
    pooledAuc: number;
    oofHead: number[];
    brier: number;
    logLoss: number;
    reliability: { probTrue: number[]; probPred: number[] };
  };
  isotonic: { grid: number[]; predicted: number[] };
  platt: { a: number; b: number };
  statsmodels: {
    columns: { feature: string; level: string | null }[];
    params: number[];
    bse: number[];
    llf: number;
  };
  ties: { scores: number[]; labels: number[]; auc: number };
};

const lines = readFileSync(resolve(datasets, 'Telco-Customer-Churn.csv'), 'utf8')
  .trim()
  .split(/\r?\n/);
const header = (lines[0] ?? '').split(',');
const records = lines
  .slice(1)
  .map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i] ?? '', v])));
const target = records.map((r) => (r.Churn === 'Yes' ? 1 : 0));
const NUMERIC = new Set(['tenure', 'MonthlyCharges', 'TotalCharges']);
const features: TChurnFeature[] = header
  .filter((h) => h !== 'customerID' && h !== 'Churn')
  .map((name) => ({ name, kind: NUMERIC.has(name) ? 'numeric' : 'categorical' }));

// Absolute tolerances: probabilities and coefficients of known scale.
const close = closeAbs;

describe('churn on Telco vs scikit-learn (l2 = 1, standardised, one-hot)', () => {
  const a = analyzeChurn({ features, records, target }, { calibration: 'isotonic' });

  it('drops the 11 blank TotalCharges rows and keeps 7,032', () => {
    expect(a.n).toBe(ref.n);
    expect(a.dropped).toBe(11);
    expect(a.positives).toBe(ref.positives);
  });

  it('has the same design columns, means and population sds', () => {
    expect(a.model.design.columns.map((c) => ({ feature: c.feature, level: c.level }))).toEqual(
      ref.columns,
    );
    a.model.design.columns.forEach((c, j) => {
      close(c.mean, ref.means[j] ?? 0, 1e-9 * Math.max(1, Math.abs(ref.means[j] ?? 0)));
      close(c.sd, ref.sds[j] ?? 0, 1e-9 * Math.max(1, ref.sds[j] ?? 0));
    });
  });

  // scikit-learn's newton-cholesky at tol 1e-12 vs our IRLS at step 1e-10: both at the optimum
  // of the same strictly convex objective, so 1e-6 absolute on coefficients and standard errors.
  it('coefficients, standard errors and log-likelihood match (1e-6)', () => {
    close(a.model.intercept, ref.intercept, 1e-6);
    a.model.coefficients.forEach((b, j) => {
      close(b, ref.coefficients[j] ?? 0, 1e-6);
    });
    a.model.se.forEach((s, j) => {
      close(s, ref.se[j] ?? 0, 1e-6);
    });
    close(a.model.logLik, ref.logLik, 1e-6);
  });

  it('buildChurnDesign (record API) gives the same design as the fitting path', () => {
    const d = buildChurnDesign(features, records, a.rows);
    expect(d.columns.map((c) => c.feature + c.level)).toEqual(
      a.model.design.columns.map((c) => c.feature + c.level),
    );
    d.columns.forEach((c, j) => {
      close(c.mean, a.model.design.columns[j]?.mean ?? 0, 1e-12);
      close(c.sd, a.model.design.columns[j]?.sd ?? 0, 1e-12);
    });
  });

  it('uses scikit-learn StratifiedKFold(5, shuffle=False) folds exactly', () => {
    const y = a.rows.map((i) => target[i] ?? 0);
    expect(Array.from(stratifiedFolds(y, 5))).toEqual(ref.cv.foldOf);
  });

  it('5-fold AUC ≥ 0.84 and equal to scikit-learn per fold (1e-6)', () => {
    expect(a.cv.auc).toBeGreaterThanOrEqual(0.84);
    a.cv.folds.forEach((f, k) => {
      close(f.auc, ref.cv.foldAuc[k] ?? 0, 1e-6);
    });
    close(a.cv.auc, ref.cv.meanAuc, 1e-6);
    close(a.cv.pooledAuc, ref.cv.pooledAuc, 1e-6);
    ref.cv.oofHead.forEach((p, i) => {
      close(a.cv.outOfFold[i], p, 1e-6);
    });
  });

  it('Brier score, log loss and reliability table match calibration_curve (1e-6)', () => {
    close(a.cv.uncalibrated.brier, ref.cv.brier, 1e-6);
    close(a.cv.uncalibrated.logLoss, ref.cv.logLoss, 1e-6);
    const bins = a.cv.uncalibrated.reliability.filter((b) => b.n > 0);
    expect(bins.length).toBe(ref.cv.reliability.probTrue.length);
    bins.forEach((b, k) => {
      close(b.observedRate, ref.cv.reliability.probTrue[k] ?? 0, 1e-6);
      close(b.meanPredicted, ref.cv.reliability.probPred[k] ?? 0, 1e-6);
    });
    // Well calibrated as it is: every populated bin within 0.1 of its observed rate.
    for (const b of bins)
      if (b.n >= 50)
        expect(Math.abs((b.meanPredicted ?? 0) - (b.observedRate ?? 0))).toBeLessThan(0.1);
  });

  it('isotonic and Platt recalibration match scikit-learn on the out-of-fold predictions', () => {
    const y = a.rows.map((i) => target[i] ?? 0);
    const iso = fitIsotonic(a.cv.outOfFold, y);
    ref.isotonic.grid.forEach((g, i) => {
      close(applyCalibrator(iso, g), ref.isotonic.predicted[i] ?? 0, 1e-9);
    });
    const platt = fitPlatt(a.cv.outOfFold, y);
    if (platt.kind !== 'platt') throw new Error('kind');
    close(platt.a, ref.platt.a, 1e-6);
    close(platt.b, ref.platt.b, 1e-6);
    // Cross-fitted recalibration must not make the Brier score materially worse.
    expect(a.cv.calibrated?.brier ?? 1).toBeLessThan(a.cv.uncalibrated.brier + 0.002);
  });

  it('drivers: contract length and tenure lower risk, fibre optic raises it', () => {
    const top = a.drivers.slice(0, 5).map((d) => d.feature);
    expect(top).toContain('tenure');
    expect(top).toContain('Contract');
    const twoYear = a.drivers.find((d) => d.feature === 'Contract' && d.level === 'Two year');
    expect(twoYear?.raisesRisk).toBe(false);
    expect(twoYear?.reference).toBe('Month-to-month');
    expect(twoYear?.oddsRatio ?? 1).toBeLessThan(1);
    const fibre = a.drivers.find((d) => d.level === 'Fiber optic');
    expect(fibre?.raisesRisk).toBe(true);
    const p = predictChurn(a.model, records[0] ?? {});
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });
});

describe('unpenalised logistic vs statsmodels Logit (raw coefficients and Wald SEs)', () => {
  it('matches params and bse to 1e-6 relative', () => {
    const small = ['tenure', 'MonthlyCharges', 'SeniorCitizen', 'Contract', 'PaymentMethod'];
    small.push('InternetService', 'PaperlessBilling');
    const num = new Set(['tenure', 'MonthlyCharges', 'SeniorCitizen']);
    const feats: TChurnFeature[] = small.map((name) => ({
      name,
      kind: num.has(name) ? 'numeric' : 'categorical',
    }));
    // Same 7,032 rows as the reference (blank TotalCharges dropped).
    const keep = records.filter((r) => (r.TotalCharges ?? '').trim() !== '');
    const a = analyzeChurn(
      { features: feats, records: keep, target: keep.map((r) => (r.Churn === 'Yes' ? 1 : 0)) },
      { l2: 0 },
    );
    const byCol = new Map(a.drivers.map((d) => [`${d.feature}|${d.level}`, d]));
    ref.statsmodels.columns.forEach((c, j) => {
      const d = byCol.get(`${c.feature}|${c.level}`);
      const p = ref.statsmodels.params[j + 1] ?? 0;
      const s = ref.statsmodels.bse[j + 1] ?? 0;
      close(d?.coefficient, p, 1e-6 * Math.max(1, Math.abs(p)));
      close(d?.se, s, 1e-6 * Math.max(1, s));
    });
    close(a.model.logLik, ref.statsmodels.llf, 1e-6);
  });
});

describe('building blocks', () => {
  it('AUC by hand: one inversion in 2×2 pairs, ties count half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(rocAuc([1, 2], [1, 1])).toBeNull();
    close(rocAuc(ref.ties.scores, ref.ties.labels), ref.ties.auc, 1e-12);
  });

  it('Brier and reliability by hand', () => {
    expect(brierScore([0.2, 0.9], [0, 1])).toBeCloseTo((0.04 + 0.01) / 2, 15);
    const t = reliabilityTable([0.1, 0.15, 0.95, 1], [0, 1, 1, 1], 10);
    expect(t[0]).toMatchObject({ n: 1, meanPredicted: 0.1, observedRate: 0 }); // edge → lower bin
    expect(t[1]?.n).toBe(1);
    expect(t[9]).toMatchObject({ n: 2, observedRate: 1 });
  });

  it('logistic regression by hand: intercept-only model is the log-odds of the rate', () => {
    const f = fitLogistic(new Float64Array(0), 4, 0, [1, 0, 0, 0]);
    close(f.coef[0], Math.log(1 / 3), 1e-12);
    close(f.se[0], Math.sqrt(1 / (4 * 0.25 * 0.75)), 1e-12);
  });

  it('too few rows of a class for the folds is a ChurnFitError (callers catch only that)', () => {
    const recs = Array.from({ length: 12 }, (_, i) => ({ x: i }));
    const y = recs.map((_, i) => (i < 3 ? 1 : 0));
    expect(() =>
      analyzeChurn({ features: [{ name: 'x', kind: 'numeric' }], records: recs, target: y }),
    ).toThrow(ChurnFitError);
  });

  it('complete separation without a penalty is an error, with one it converges', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    expect(() => fitLogistic(x, 4, 1, [0, 0, 1, 1])).toThrow(/separat/);
    expect(fitLogistic(x, 4, 1, [0, 0, 1, 1], { l2: 1 }).converged).toBe(true);
  });

  it('stratified folds: every fold has a near-equal share of each class (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 20, maxLength: 300 }),
        fc.integer(),
        (bs, seed) => {
          const y = bs.map((b) => (b ? 1 : 0));
          const pos = y.reduce((s: number, v) => s + v, 0);
          fc.pre(pos >= 5 && y.length - pos >= 5);
          for (const folds of [stratifiedFolds(y, 5), stratifiedFolds(y, 5, seed)]) {
            for (let f = 0; f < 5; f++) {
              const inF = y.filter((_, i) => folds[i] === f);
              const p = inF.reduce((s: number, v) => s + v, 0);
              expect(Math.abs(p - pos / 5)).toBeLessThanOrEqual(1);
              expect(Math.abs(inF.length - y.length / 5)).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
    );
  });

  it('isotonic fit is non-decreasing and within [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 100,
        }),
        (pts) => {
          const c = fitIsotonic(
            pts.map((p) => p[0]),
            pts.map((p) => (p[1] ? 1 : 0)),
          );
          let prev = -1;
          for (let g = 0; g <= 20; g++) {
            const v = applyCalibrator(c, g / 20);
            expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
            prev = v;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('AUC is invariant to monotone transforms and flips under negation (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.boolean()), {
          minLength: 2,
          maxLength: 80,
        }),
        (pts) => {
          const s = pts.map((p) => p[0]);
          const y = pts.map((p) => (p[1] ? 1 : 0));
          const a = rocAuc(s, y);
          fc.pre(a !== null);
          close(
            rocAuc(
              s.map((v) => Math.exp(v / 10)),
              y,
            ),
            a as number,
            1e-12,
          );
          close(
            rocAuc(
              s.map((v) => -v),
              y,
            ),
            1 - (a as number),
            1e-12,
          );
        },
      ),
    );
  });

  it('missing = impute keeps blank rows: a blank numeric acts as the training mean', () => {
    const sub = records.slice(0, 800);
    const feats = features.filter((f) => ['tenure', 'Contract', 'TotalCharges'].includes(f.name));
    const y = sub.map((r) => (r.Churn === 'Yes' ? 1 : 0));
    const a = analyzeChurn(
      { features: feats, records: sub, target: y },
      { missing: 'impute', seed: 3 },
    );
    expect(a.dropped).toBe(0);
    expect(a.n).toBe(800);
    const m = a.model.design.means.TotalCharges ?? 0;
    const rec = { tenure: 5, Contract: 'One year', TotalCharges: '' };
    close(predictChurn(a.model, rec), predictChurn(a.model, { ...rec, TotalCharges: m }), 1e-15);
    // An unseen level falls back to the reference level (all dummies 0).
    close(
      predictChurn(a.model, { ...rec, Contract: 'Ten year' }),
      predictChurn(a.model, { ...rec, Contract: 'Month-to-month' }),
      1e-15,
    );
  });

  it('permuting customers changes neither the model nor the drivers (seeded folds)', () => {
    const sub = records.slice(0, 600).filter((r) => (r.TotalCharges ?? '').trim() !== '');
    const feats = features.filter((f) => ['tenure', 'Contract', 'MonthlyCharges'].includes(f.name));
    const y = sub.map((r) => (r.Churn === 'Yes' ? 1 : 0));
    const a = analyzeChurn({ features: feats, records: sub, target: y });
    const perm = sub.map((_, i) => i).reverse();
    const b = analyzeChurn({
      features: feats,
      records: perm.map((i) => sub[i] ?? {}),
      target: perm.map((i) => y[i] ?? 0),
    });
    a.model.coefficients.forEach((c, j) => {
      close(b.model.coefficients[j], c, 1e-8);
    });
    expect(churnDrivers(b.model).map((d) => d.level)).toEqual(a.drivers.map((d) => d.level));
    expect(crossValidateChurn({ features: feats, records: sub, target: y }).k).toBe(5);
  });
});
