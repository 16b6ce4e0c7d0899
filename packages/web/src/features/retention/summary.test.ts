import type { TModelRun } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { modelSummary } from './summary';

const run = (over: Partial<TModelRun>): TModelRun => ({
  id: 'r',
  version: 1,
  status: 'done',
  calibrationEnd: '1997-09-30',
  discountRate: 0.1,
  horizonWeeks: 52,
  customers: 2357,
  bgnbd: null,
  gammaGamma: null,
  churn: null,
  diagnostics: {},
  warnings: [],
  error: null,
  createdAt: '',
  finishedAt: null,
  ...over,
});

describe('modelSummary', () => {
  it('turns the newest finished fit into customer counts', () => {
    const s = modelSummary([
      run({ version: 1, diagnostics: { customers: 10, meanPAlive: 0.9, expected365dTotal: 1 } }),
      run({
        version: 2,
        diagnostics: {
          customers: 2357,
          meanPAlive: 0.5,
          repeatBuyers: 1000,
          expected365dTotal: 2357 * 1.5,
          clvTotal: 12000,
        },
      }),
      run({ version: 3, status: 'running' }),
    ]);
    expect(s).toMatchObject({
      customers: 2357,
      active: 1179,
      activeShare: 0.5,
      repeatBuyers: 1000,
      next12PerCustomer: 1.5,
      clvTotal: 12000,
    });
  });
  it('is null without a finished fit with diagnostics', () => {
    expect(modelSummary([])).toBeNull();
    expect(modelSummary([run({ status: 'failed' })])).toBeNull();
  });
});
