// `fidelia churn fit|predict`: churn risk for contractual customers (docs/cli-churn.md).
import { readFileSync, writeFileSync } from 'node:fs';
import {
  analyzeChurn,
  ChurnFitError,
  predictChurn,
  type TChurnAnalysis,
  type TChurnModel,
} from '@fidelia/stats';
import type { Command } from 'commander';
import { emit, type TReport } from './analyze/output';
import { loadChurnFile, type TChurnLoadOptions } from './churn/load';
import { CliError } from './errors';

interface TFitOptions extends TChurnLoadOptions {
  input: string;
  l2: string;
  folds: string;
  seed?: string;
  calibration: string;
  missing: string;
  model?: string;
  json?: boolean;
  out?: string;
}

function positiveNumber(flag: string, v: string, integer = false, min = 0): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)))
    throw new CliError(`${flag}: "${v}" is not ${integer ? 'an integer' : 'a number'} ≥ ${min}`);
  return n;
}

/** The JSON document of `churn fit --json` (documented in docs/cli-churn.md). */
export function churnFitJson(a: TChurnAnalysis, positive: string | null) {
  const { cv, model } = a;
  return {
    n: a.n,
    dropped: a.dropped,
    positives: a.positives,
    churnRate: a.positives / a.n,
    positive,
    model: {
      kind: model.kind,
      l2: model.l2,
      intercept: model.intercept,
      logLik: model.logLik,
      calibration: model.calibrator.kind,
      features: model.design.features,
    },
    cv: {
      k: cv.k,
      folds: cv.folds,
      auc: cv.auc,
      aucSd: cv.aucSd,
      pooledAuc: cv.pooledAuc,
      brier: cv.uncalibrated.brier,
      logLoss: cv.uncalibrated.logLoss,
      reliability: cv.uncalibrated.reliability,
      calibrated: cv.calibrated,
    },
    drivers: a.drivers,
  };
}

function fitReport(a: TChurnAnalysis, positive: string | null): TReport {
  const json = churnFitJson(a, positive);
  const cal = a.cv.calibrated;
  return {
    json,
    tables: [
      {
        name: 'Summary',
        columns: ['measure', 'value'],
        rows: [
          ['customers', a.n],
          ['dropped (missing values)', a.dropped],
          [`churned (${positive ?? '1'})`, a.positives],
          [`AUC (${a.cv.k}-fold mean)`, a.cv.auc],
          ['AUC sd', a.cv.aucSd],
          ['AUC pooled out-of-fold', a.cv.pooledAuc],
          ['Brier score', a.cv.uncalibrated.brier],
          ...(cal ? [[`Brier score (${cal.method})`, cal.brier] as [string, number]] : []),
        ],
      },
      {
        name: 'Cross-validation',
        columns: ['fold', 'n', 'churned', 'AUC'],
        rows: a.cv.folds.map((f) => [f.fold, f.n, f.positives, f.auc]),
      },
      {
        name: cal ? `Reliability (${cal.method})` : 'Reliability',
        columns: ['bin', 'n', 'mean predicted', 'observed rate'],
        rows: (cal ?? a.cv.uncalibrated).reliability.map((b) => [
          `${b.lo.toFixed(1)}–${b.hi.toFixed(1)}`,
          b.n,
          b.meanPredicted,
          b.observedRate,
        ]),
      },
      {
        name: 'Drivers',
        columns: ['feature', 'level', 'vs', 'coef/sd', 'z', 'p', 'odds ratio', 'OR low', 'OR high'],
        rows: a.drivers.map((d) => [
          d.feature,
          d.level ?? '',
          d.reference ?? '',
          d.coefficientPerSd,
          d.z,
          d.p,
          d.oddsRatio,
          d.oddsRatioCi95[0],
          d.oddsRatioCi95[1],
        ]),
      },
    ],
  };
}

export function registerChurn(program: Command): void {
  const churn = program
    .command('churn')
    .description('Churn risk for contract customers (logistic regression, cross-validated)');
  churn
    .command('fit')
    .description('Fit, cross-validate (AUC), calibrate and list the drivers of churn')
    .requiredOption('--input <file>', 'CSV (comma/semicolon, UTF-8 or Windows-1252) or .xlsx')
    .requiredOption('--target <column>', 'churn column (Yes/No, 1/0, true/false, Sí/No)')
    .option('--positive <value>', 'target value meaning "churned" (default: Yes/1/true/Sí)')
    .option('--id <column>', 'customer id column (default: id, customer_id, customerID)')
    .option('--exclude <columns>', 'comma-separated columns to leave out')
    .option('--numeric <columns>', 'force these columns numeric')
    .option('--categorical <columns>', 'force these columns categorical')
    .option('--l2 <x>', 'L2 penalty on standardised coefficients (sklearn C = 1/l2)', '1')
    .option('--folds <k>', 'cross-validation folds', '5')
    .option('--seed <n>', 'shuffle folds with this seed (default: file order, as sklearn)')
    .option('--calibration <m>', 'none, platt or isotonic (fitted out of fold)', 'none')
    .option('--missing <m>', 'drop rows with blanks, or impute (mean / "(missing)")', 'drop')
    .option('--model <file.json>', 'write the fitted model for `churn predict`')
    .option('--json', 'print one JSON document on stdout')
    .option('--out <report.xlsx>', 'also write a workbook with one sheet per table')
    .action(async (o: TFitOptions) => {
      const l2 = positiveNumber('--l2', o.l2);
      const folds = positiveNumber('--folds', o.folds, true, 2);
      const seed = o.seed === undefined ? undefined : positiveNumber('--seed', o.seed, true);
      if (!['none', 'platt', 'isotonic'].includes(o.calibration))
        throw new CliError(`--calibration must be none, platt or isotonic (got ${o.calibration})`);
      if (!['drop', 'impute'].includes(o.missing))
        throw new CliError(`--missing must be drop or impute (got ${o.missing})`);
      const f = await loadChurnFile(o.input, o);
      const blank = f.target.filter((t) => t < 0).length;
      if (blank > 0)
        process.stderr.write(`fidelia: ${blank} row(s) with a blank ${o.target} left out\n`);
      let a: TChurnAnalysis;
      try {
        a = analyzeChurn(
          { features: f.features, records: f.records, target: f.target },
          {
            l2,
            folds,
            seed,
            calibration: o.calibration as 'none',
            missing: o.missing as 'drop',
          },
        );
      } catch (e) {
        if (e instanceof ChurnFitError || e instanceof RangeError)
          throw new CliError(`${f.name}: ${e.message}`);
        throw e;
      }
      if (a.dropped > 0)
        process.stderr.write(
          `fidelia: ${a.dropped} row(s) with blank attributes left out (--missing impute keeps them)\n`,
        );
      if (o.model) {
        try {
          writeFileSync(o.model, `${JSON.stringify(a.model)}\n`);
        } catch (e) {
          throw new CliError(`${o.model}: cannot write model (${(e as Error).message})`);
        }
      }
      await emit(fitReport(a, f.positive), o);
    });
  churn
    .command('predict')
    .description('Churn probability per customer from a model written by `churn fit --model`')
    .requiredOption('--model <file.json>', 'model from `churn fit --model`')
    .requiredOption('--input <file>', 'customers file with the same attribute columns')
    .option('--id <column>', 'customer id column')
    .option('--json', 'print one JSON document on stdout')
    .option('--out <report.xlsx>', 'also write a workbook')
    .action(
      async (o: { model: string; input: string; id?: string; json?: boolean; out?: string }) => {
        let model: TChurnModel;
        try {
          model = JSON.parse(readFileSync(o.model, 'utf8')) as TChurnModel;
        } catch (e) {
          throw new CliError(`${o.model}: cannot read model (${(e as Error).message})`);
        }
        if (model?.kind !== 'logistic-l2' || !Array.isArray(model.coefficients))
          throw new CliError(`${o.model}: not a model written by \`fidelia churn fit --model\``);
        const kinds = (k: 'numeric' | 'categorical') =>
          model.design.features
            .filter((x) => x.kind === k)
            .map((x) => x.name)
            .join(',');
        const f = await loadChurnFile(o.input, {
          id: o.id,
          numeric: kinds('numeric'),
          categorical: kinds('categorical'),
          keepEmpty: true,
        });
        const names = model.design.features.map((x) => x.name);
        const missing = names.filter((n) => !f.features.some((x) => x.name === n));
        if (missing.length > 0)
          throw new CliError(`${f.name}: row 1: missing column(s) ${missing.join(', ')}`);
        const customers = f.records.map((rec, i) => ({
          id: f.ids[i] ?? '',
          churnProbability: predictChurn(model, rec),
        }));
        await emit(
          {
            json: { customers },
            tables: [
              {
                name: 'Churn risk',
                columns: ['id', 'churn probability'],
                rows: customers.map((c) => [c.id, c.churnProbability]),
              },
            ],
          },
          o,
        );
      },
    );
}
