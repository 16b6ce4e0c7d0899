// Registers `analyze gap1`, `analyze gap-causes` and `analyze audit` (public formats, see
// docs/cli-analyze.md). They take their own input flags (two files each for gap1/audit), so they
// do not share analyze.ts's `--input` helper.
import type { Command } from 'commander';
import { analyzeAudit } from './audit';
import { analyzeGapCauses } from './gap-causes';
import { analyzeGap1 } from './gap1';
import { emit, type TOutputOptions, type TReport } from './output';

function output(cmd: Command): Command {
  return cmd
    .option('--json', 'print one JSON document on stdout')
    .option('--out <report.xlsx>', 'also write a workbook with one sheet per table');
}

async function run(o: TOutputOptions, f: () => Promise<TReport>): Promise<void> {
  await emit(await f(), o);
}

const CSV = 'CSV (comma/semicolon/tab, UTF-8 or Windows-1252) or .xlsx';

export function registerContractCommands(analyze: Command): void {
  output(
    analyze
      .command('gap1')
      .description("Gap 1: managers' predictions of customers' expectations (M − E)")
      .requiredOption('--customers <file>', `${CSV}: the SERVQUAL layout (E1…E22 are used)`)
      .requiredOption('--managers <file>', `${CSV}: respondent_id,M1,…,M22 (1–7)`),
  ).action((o: TOutputOptions & { customers: string; managers: string }) =>
    run(o, () => analyzeGap1(o.customers, o.managers)),
  );
  output(
    analyze
      .command('gap-causes')
      .description('Organisational causes of gaps 1–4: factor scores, alpha, weakest factor')
      .requiredOption(
        '--input <file>',
        `${CSV}: respondent_id[,role],<factor>:<n>[:r]… (1–7; :r = reverse-worded)`,
      ),
  ).action((o: TOutputOptions & { input: string }) => run(o, () => analyzeGapCauses(o.input)));
  output(
    analyze
      .command('audit')
      .description('Audit and mystery-shopping visit scores against a checklist')
      .requiredOption('--checklist <file.json>', '{ "items": [{ key, section, type, … }] }')
      .requiredOption(
        '--visits <file>',
        `${CSV}: visit_id,unit,kind,<item key>… (yes/no/number/na; blank = not observed)`,
      ),
  ).action((o: TOutputOptions & { checklist: string; visits: string }) =>
    run(o, () => analyzeAudit(o.checklist, o.visits)),
  );
}
