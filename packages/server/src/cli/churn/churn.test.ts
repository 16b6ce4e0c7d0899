import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli';

const root = resolve(import.meta.dirname, '../../../../..');
const datasets = resolve(root, '../shared/datasets');
const ref = JSON.parse(
  readFileSync(resolve(root, 'packages/stats/test/fixtures/churn/reference.json'), 'utf8'),
) as { cv: { foldAuc: number[]; meanAuc: number; brier: number } };
let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());
const dir = () => mkdtempSync(join(tmpdir(), 'churn-'));
const tmp = (name: string, text: string | Buffer) => {
  const f = join(dir(), name);
  writeFileSync(f, text);
  return f;
};

describe('fidelia churn', () => {
  it('fit on Telco: 5-fold AUC ≥ 0.84, equal to scikit-learn (1e-6), model file round-trips', async () => {
    const model = join(dir(), 'model.json');
    const telco = resolve(datasets, 'Telco-Customer-Churn.csv');
    const code = await main([
      'churn',
      'fit',
      '--input',
      telco,
      '--target',
      'Churn',
      '--model',
      model,
      '--json',
    ]);
    expect(err).toContain('11 row(s) with blank attributes left out');
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.n).toBe(7032);
    expect(j.positive).toBe('Yes');
    expect(j.cv.auc).toBeGreaterThanOrEqual(0.84);
    expect(Math.abs(j.cv.auc - ref.cv.meanAuc)).toBeLessThan(1e-6);
    expect(Math.abs(j.cv.brier - ref.cv.brier)).toBeLessThan(1e-6);
    expect(j.cv.reliability).toHaveLength(10);
    expect(j.drivers[0].feature).toBe('tenure');
    expect(j.model.features.find((f: { name: string }) => f.name === 'customerID')).toBeUndefined();
    out = '';
    expect(await main(['churn', 'predict', '--model', model, '--input', telco, '--json'])).toBe(0);
    const p = JSON.parse(out).customers;
    expect(p).toHaveLength(7043);
    expect(p[0].id).toBe('7590-VHVEG');
    for (const c of p) expect(c.churnProbability).toBeGreaterThan(0);
  });

  const small = (sep: string, dec: string) => {
    const rows = [`id${sep}tenure${sep}plan${sep}monthly${sep}churn`];
    for (let i = 0; i < 60; i++) {
      const churn = (i * 7) % 10 < 4 ? 'Sí' : 'No';
      const monthly = `${20 + (i % 13)}${dec}5`;
      rows.push(
        `${i}${sep}${(i * 37) % 50}${sep}${i % 3 === 0 ? 'Básico' : 'Plus'}${sep}${monthly}${sep}${churn}`,
      );
    }
    return rows.join('\r\n');
  };

  it('reads semicolon + decimal comma Windows-1252 files with Spanish Sí/No', async () => {
    const f = tmp('es.csv', iconv.encode(small(';', ','), 'win1252'));
    const code = await main([
      'churn',
      'fit',
      '--input',
      f,
      '--target',
      'churn',
      '--json',
      '--calibration',
      'platt',
    ]);
    expect(err).toMatch(/Windows-1252/);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.positive).toBe('Sí');
    expect(j.model.features).toEqual([
      { name: 'tenure', kind: 'numeric' },
      { name: 'plan', kind: 'categorical' },
      { name: 'monthly', kind: 'numeric' },
    ]);
    expect(j.drivers.find((d: { level: string }) => d.level === 'Plus').reference).toBe('Básico');
    expect(j.cv.calibrated.method).toBe('platt');
  });

  it('bad input: unknown target, third class, bad flags — row and column named, no stack', async () => {
    const f = tmp('a.csv', small(',', '.'));
    expect(await main(['churn', 'fit', '--input', f, '--target', 'Churned'])).toBe(1);
    expect(err).toMatch(/a\.csv: row 1: missing column "Churned"/);
    err = '';
    const g = tmp('b.csv', `${small(',', '.')}\r\n99,3,Plus,20.5,Maybe`);
    expect(await main(['churn', 'fit', '--input', g, '--target', 'churn'])).toBe(1);
    expect(err).toMatch(/b\.csv: row 62, column churn: "Maybe"/);
    err = '';
    expect(await main(['churn', 'fit', '--input', f, '--target', 'churn', '--folds', '1'])).toBe(1);
    expect(err).toMatch(/--folds/);
    err = '';
    const h = tmp('c.csv', 'id,x,churn\n1,1,Yes\n2,2,Yes\n');
    expect(await main(['churn', 'fit', '--input', h, '--target', 'churn'])).toBe(1);
    expect(err).toMatch(/c\.csv: .*(one class|each class)/);
    err = '';
    expect(await main(['churn', 'fit', '--input', tmp('d.csv', ''), '--target', 'churn'])).toBe(1);
    expect(err).toMatch(/d\.csv/);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
