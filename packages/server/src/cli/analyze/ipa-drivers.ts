// `fidelia analyze ipa` and `fidelia analyze drivers` (in memory: these surveys are small
// next to SERVQUAL panels, and the regression needs all rows anyway).
import { driverAnalysis, ipa, type TIpa } from '@fidelia/stats';
import { CliError } from '../errors';
import { cellNumber, dataRows, openInput, requireColumn, type TInput } from './input';
import { ci, type TReport } from './output';

export interface TRangeOptions {
  min: number;
  max: number;
}

async function readColumns(
  input: TInput,
  cols: readonly number[],
  range: TRangeOptions,
): Promise<(number | null)[][]> {
  const out: (number | null)[][] = cols.map(() => []);
  for await (const row of dataRows(input)) {
    cols.forEach((c, j) => {
      out[j]?.push(cellNumber(input, row, c, range));
    });
  }
  if ((out[0]?.length ?? 0) === 0) throw new CliError(`${input.name}: no data rows`);
  return out;
}

export async function analyzeIpa(
  path: string,
  opts: TRangeOptions & { overall: string },
): Promise<TReport> {
  const input = await openInput(path);
  const names: string[] = [];
  const perf: number[] = [];
  const imp: number[] = [];
  input.file.header.forEach((h, i) => {
    const m = /^(.+):performance$/i.exec(h);
    if (!m) return;
    names.push(m[1] as string);
    perf.push(i);
    const ic = input.columns.get(`${m[1]}:importance`.toLowerCase());
    if (ic !== undefined) imp.push(ic);
  });
  if (names.length === 0)
    throw new CliError(`${input.name}: row 1: no <attribute>:performance columns`);
  const stated = imp.length > 0;
  if (stated && imp.length !== names.length) {
    throw new CliError(
      `${input.name}: row 1: every <attribute>:performance needs an <attribute>:importance (or none, with an ${opts.overall} column)`,
    );
  }
  const overallCol = stated ? -1 : requireColumn(input, opts.overall);
  const cols = stated ? [...perf, ...imp] : [...perf, overallCol];
  const data = await readColumns(input, cols, opts);
  const k = names.length;
  const performance = data.slice(0, k);
  const r: TIpa = stated
    ? ipa(names, performance, { stated: data.slice(k) })
    : ipa(names, performance, { overall: data[k] ?? [] });
  if (r.attributes.length === 0)
    throw new CliError(`${input.name}: not enough valid values to compute importance`);
  return {
    json: { method: stated ? 'stated' : 'derived', ...r },
    tables: [
      {
        name: `IPA (${stated ? 'stated' : 'derived'} importance)`,
        columns: ['attribute', 'importance', 'performance', 'quadrant'],
        rows: r.attributes.map((a) => [a.attribute, a.importance, a.performance, a.quadrant]),
      },
      {
        name: 'IPA crosshair',
        columns: ['axis', 'cut'],
        rows: [
          ['importance', r.importanceCut],
          ['performance', r.performanceCut],
        ],
      },
    ],
  };
}

export async function analyzeDrivers(
  path: string,
  opts: TRangeOptions & { outcome: string; bootstrap: number; seed: number },
): Promise<TReport> {
  if (!Number.isInteger(opts.bootstrap) || opts.bootstrap < 0)
    throw new CliError('--bootstrap must be a non-negative integer');
  const input = await openInput(path);
  const y = requireColumn(input, opts.outcome);
  const id = input.columns.get('respondent_id');
  const attrCols = input.file.header.map((_, i) => i).filter((i) => i !== y && i !== id);
  if (attrCols.length === 0)
    throw new CliError(`${input.name}: row 1: no attribute columns besides ${opts.outcome}`);
  const names = attrCols.map((i) => input.file.header[i] as string);
  const data = await readColumns(input, [...attrCols, y], opts);
  const k = names.length;
  const n = data[0]?.length ?? 0;
  const x = Array.from({ length: n }, (_, i) => data.slice(0, k).map((c) => c[i] ?? null));
  const r = driverAnalysis(names, x, data[k] ?? [], { bootstrap: opts.bootstrap, seed: opts.seed });
  if (!r)
    throw new CliError(`${input.name}: need at least ${k + 2} complete rows for ${k} attributes`);
  return {
    json: { outcome: opts.outcome, bootstrap: opts.bootstrap, seed: opts.seed, ...r },
    tables: [
      {
        name: `Drivers of ${opts.outcome} (n = ${r.n}, R² = ${r.rSquared.toFixed(3)})`,
        columns: ['attribute', 'r', 'beta', 'rel. weight', 'share', 'ci95 low', 'ci95 high'],
        rows: r.drivers.map((d) => [
          d.attribute,
          d.correlation,
          d.beta,
          d.relativeWeight,
          d.share,
          ...ci(d.ci95),
        ]),
      },
    ],
  };
}
