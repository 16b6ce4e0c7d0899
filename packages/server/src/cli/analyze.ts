// `fidelia analyze <method> --input FILE`: service-quality analyses of survey files.
// Formats of every analyze command (servqual, kano, nps, gap1, gap-causes, audit) are in docs/cli-analyze.md.
import type { Command } from 'commander';
import { registerContractCommands } from './analyze/contract-commands';
import { analyzeDrivers, analyzeIpa } from './analyze/ipa-drivers';
import { analyzeKano } from './analyze/kano';
import { analyzeCsat, analyzeNps } from './analyze/nps';
import { emit, type TReport } from './analyze/output';
import { analyzeServqual } from './analyze/servqual';
import { analyzeTrend, type TTrendOptions } from './analyze/trend';
import { CliError } from './errors';

interface TCommon {
  input: string;
  json?: boolean;
  out?: string;
}

function num(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n))
      throw new CliError(`${flag}: "${v}" is not a number`);
    return n;
  };
}

function common(cmd: Command, description: string): Command {
  return cmd
    .description(description)
    .requiredOption('--input <file>', 'CSV (comma/semicolon/tab, UTF-8 or Windows-1252) or .xlsx')
    .option('--json', 'print one JSON document on stdout')
    .option('--out <report.xlsx>', 'also write a workbook with one sheet per table');
}

export function registerAnalyze(program: Command): void {
  const analyze = program
    .command('analyze')
    .description('Service-quality analyses of survey files');
  const run = async (opts: TCommon, f: () => Promise<TReport>) => emit(await f(), opts);

  common(analyze.command('servqual'), 'SERVQUAL gaps P − E by item and dimension').action(
    (o: TCommon) => run(o, () => analyzeServqual(o.input)),
  );
  common(analyze.command('kano'), 'Kano categories with Better/Worse').action((o: TCommon) =>
    run(o, () => analyzeKano(o.input)),
  );
  common(analyze.command('nps'), 'Net Promoter Score with 95 % interval')
    .option('--group <column>', 'also per value of this column')
    .option('--column <name>', 'score column', 'score')
    .action((o: TCommon & { group?: string; column: string }) =>
      run(o, () => analyzeNps(o.input, o)),
    );
  common(analyze.command('csat'), 'CSAT (top-box share) with Wilson interval')
    .option('--group <column>', 'also per value of this column')
    .option('--column <name>', 'score column', 'score')
    .option('--scale <n>', 'highest scale point (1..n)', num('--scale'), 5)
    .option('--top <k>', 'top-k boxes count as satisfied', num('--top'), 2)
    .action((o: TCommon & { group?: string; column: string; scale: number; top: number }) =>
      run(o, () => analyzeCsat(o.input, o)),
    );
  common(analyze.command('ipa'), 'Importance–performance quadrants (stated or derived importance)')
    .option('--overall <column>', 'overall satisfaction column for derived importance', 'overall')
    .option('--min <x>', 'lowest valid value', num('--min'), 0)
    .option('--max <x>', 'highest valid value', num('--max'), 10)
    .action((o: TCommon & { overall: string; min: number; max: number }) =>
      run(o, () => analyzeIpa(o.input, o)),
    );
  common(analyze.command('drivers'), 'Key drivers: standardised betas and relative weights')
    .option('--outcome <column>', 'overall satisfaction / NPS column', 'overall')
    .option(
      '--bootstrap <n>',
      'bootstrap resamples for intervals (0 = none)',
      num('--bootstrap'),
      1000,
    )
    .option('--seed <n>', 'bootstrap seed', num('--seed'), 1)
    .option('--min <x>', 'lowest valid value', num('--min'), 0)
    .option('--max <x>', 'highest valid value', num('--max'), 10)
    .action(
      (
        o: TCommon & { outcome: string; bootstrap: number; seed: number; min: number; max: number },
      ) => run(o, () => analyzeDrivers(o.input, o)),
    );
  common(analyze.command('trend'), 'A score by period: change significance and control limits')
    .requiredOption('--period <column>', 'period column (sorted as text: use 2026-01, 2026-Q1, …)')
    .option('--column <name>', 'score column', 'score')
    .option('--measure <m>', 'mean (Welch t, x̄-chart) or top-box (z-test, p-chart)', 'mean')
    .option('--min <x>', 'lowest valid value', num('--min'), 0)
    .option('--max <x>', 'highest valid value', num('--max'), 10)
    .option('--top <k>', 'top-box: the top k scale points count', num('--top'), 2)
    .action((o: TCommon & TTrendOptions) => run(o, () => analyzeTrend(o.input, o)));
  registerContractCommands(analyze); // gap1, gap-causes, audit
}
