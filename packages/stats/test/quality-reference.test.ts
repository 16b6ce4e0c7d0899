// Compares against values computed independently with numpy/scipy/pandas
// (fixtures/quality/make_reference.py, Debian python3).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quantileSorted, seededRandom } from '../src/core/random';
import { csat, driverAnalysis, nps, ServqualAccumulator } from '../src/index';
import { closeRel } from './close';

type N = number | null;
const ref = JSON.parse(
  readFileSync(new URL('./fixtures/quality/reference.json', import.meta.url), 'utf8'),
) as {
  servqual: {
    data: { E: N[][]; P: N[][]; W: (number[] | null)[] };
    expected: {
      n: number;
      items: {
        item: string;
        n: number;
        expectation: number;
        perception: number;
        gap: number;
        ci95: [number, number];
      }[];
      dimensions: {
        dimension: string;
        expectation: number;
        perception: number;
        gap: number;
        weight: number;
        alphaPerception: number;
        alphaCi95: [number, number];
      }[];
      overall: { gap: number; weightedGap: number };
    };
  };
  nps: { scores: N[]; n: number; nps: number; se: number; ci95: [number, number] };
  csat: { scores: number[]; csat: number; ci95: [number, number] };
  drivers: {
    X: number[][];
    y: number[];
    beta: number[];
    relativeWeights: number[];
    rSquared: number;
    rSquaredOls: number;
    correlation: number[];
  };
};

const ARITH = 1e-10;
const QUANT = 1e-8;

// Relative tolerances (floor 1): the reference values span several orders of magnitude.
const close = closeRel;

describe('SERVQUAL vs pandas/scipy', () => {
  const { data, expected } = ref.servqual;
  const acc = new ServqualAccumulator();
  data.E.forEach((e, i) => {
    acc.push(e, data.P[i] ?? [], data.W[i] ?? null);
  });
  const r = acc.result();
  it('item gaps (plain arithmetic) and t-intervals (quantile)', () => {
    expect(r.n).toBe(expected.n);
    expected.items.forEach((x, i) => {
      const got = r.items[i];
      expect(got?.n).toBe(x.n);
      close(got?.expectation, x.expectation, ARITH);
      close(got?.perception, x.perception, ARITH);
      close(got?.gap, x.gap, ARITH);
      close(got?.ci95?.[0], x.ci95[0], QUANT);
      close(got?.ci95?.[1], x.ci95[1], QUANT);
    });
  });
  it('dimensions, weights, alpha with Feldt interval, overall', () => {
    expected.dimensions.forEach((d, j) => {
      const got = r.dimensions[j];
      expect(got?.dimension).toBe(d.dimension);
      close(got?.expectation, d.expectation, ARITH);
      close(got?.perception, d.perception, ARITH);
      close(got?.gap, d.gap, ARITH);
      close(got?.weight, d.weight, ARITH);
      close(got?.alphaPerception, d.alphaPerception, ARITH);
      close(got?.alphaPerceptionCi95?.[0], d.alphaCi95[0], QUANT);
      close(got?.alphaPerceptionCi95?.[1], d.alphaCi95[1], QUANT);
    });
    close(r.overall.gap, expected.overall.gap, ARITH);
    close(r.overall.weightedGap, expected.overall.weightedGap, ARITH);
  });
});

describe('NPS / CSAT vs scipy', () => {
  it('NPS, SE and interval', () => {
    const r = nps(ref.nps.scores);
    expect(r.n).toBe(ref.nps.n);
    close(r.nps, ref.nps.nps, ARITH);
    close(r.se, ref.nps.se, ARITH);
    close(r.ci95?.[0], ref.nps.ci95[0], ARITH);
    close(r.ci95?.[1], ref.nps.ci95[1], ARITH);
  });
  it('CSAT top-2-box with Wilson interval', () => {
    const r = csat(ref.csat.scores);
    close(r.csat, ref.csat.csat, ARITH);
    close(r.ci95?.[0], ref.csat.ci95[0], QUANT);
    close(r.ci95?.[1], ref.csat.ci95[1], QUANT);
  });
});

describe('drivers vs numpy', () => {
  it('standardised betas and Johnson relative weights (sum = OLS R²)', () => {
    const d = ref.drivers;
    const r = driverAnalysis(['a', 'b', 'c', 'd'], d.X, d.y);
    expect(r).not.toBeNull();
    d.beta.forEach((b, j) => {
      close(r?.drivers[j]?.beta, b, 1e-9);
    });
    d.correlation.forEach((c, j) => {
      close(r?.drivers[j]?.correlation, c, 1e-10);
    });
    d.relativeWeights.forEach((w, j) => {
      close(r?.drivers[j]?.relativeWeight, w, 1e-9);
    });
    close(r?.rSquared, d.rSquared, 1e-9);
    close(r?.rSquared, d.rSquaredOls, 1e-9);
  });
  it('a constant outcome or a constant driver: no analysis (null), never NaN figures', () => {
    const d = ref.drivers;
    expect(
      driverAnalysis(
        ['a', 'b', 'c', 'd'],
        d.X,
        d.y.map(() => 3),
      ),
    ).toBeNull();
    const flat = d.X.map((row) => [row[0] ?? 0, 4, row[2] ?? 0, row[3] ?? 0]);
    expect(driverAnalysis(['a', 'b', 'c', 'd'], flat, d.y)).toBeNull();
  });

  it('bootstrap intervals equal an explicit resample-and-refit loop with the same draws', () => {
    const d = ref.drivers;
    const names = ['a', 'b', 'c', 'd'];
    const got = driverAnalysis(names, d.X, d.y, { bootstrap: 50, seed: 3 });
    const rnd = seededRandom(3);
    const n = d.y.length;
    const w: number[][] = names.map(() => []);
    for (let b = 0; b < 50; b++) {
      const idx = Array.from({ length: n }, () => Math.floor(rnd() * n));
      const fit = driverAnalysis(
        names,
        idx.map((i) => d.X[i] as number[]),
        idx.map((i) => d.y[i] as number),
      );
      fit?.drivers.forEach((x, j) => {
        if (Number.isFinite(x.relativeWeight)) w[j]?.push(x.relativeWeight);
      });
    }
    got?.drivers.forEach((x, j) => {
      const s = (w[j] ?? []).sort((p, q) => p - q);
      close(x.ci95?.[0], quantileSorted(s, 0.025), 1e-9);
      close(x.ci95?.[1], quantileSorted(s, 0.975), 1e-9);
    });
  });

  it('bootstrap intervals are reproducible with a seed and bracket the estimate', () => {
    const d = ref.drivers;
    const a = driverAnalysis(['a', 'b', 'c', 'd'], d.X, d.y, { bootstrap: 200, seed: 7 });
    const b = driverAnalysis(['a', 'b', 'c', 'd'], d.X, d.y, { bootstrap: 200, seed: 7 });
    expect(a).toEqual(b);
    for (const x of a?.drivers ?? []) {
      expect(x.ci95?.[0]).toBeLessThanOrEqual(x.relativeWeight);
      expect(x.ci95?.[1]).toBeGreaterThanOrEqual(x.relativeWeight);
    }
  });
});
