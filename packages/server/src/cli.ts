// The `fidelia` command line. Each command group lives in cli/<group>.ts and registers itself
// on the program; this file only wires them together and turns errors into exit codes.
//
// Groups are imported on demand: a command whose first word names one group (`fidelia clv fit
// …`) loads only that group's modules, so it does not parse and evaluate what the others pull
// in (the tabular reader's encodings, zod, the server) at every start. Anything else (`--help`,
// an unknown word, no arguments) loads every group, in the order below, as before.
import { Command, CommanderError, type Command as TCommand } from 'commander';
import { CliError } from './cli/errors';

type TRegister = (program: TCommand) => void;
interface TGroup {
  /** The top-level command words the group registers. */
  words: readonly string[];
  load: () => Promise<TRegister>;
}

const GROUPS: readonly TGroup[] = [
  {
    words: ['serve', 'migrate', 'user', 'backup', 'restore', 'standards'],
    load: async () => (await import('./cli/server-commands')).registerServerCommands,
  },
  { words: ['analyze'], load: async () => (await import('./cli/analyze')).registerAnalyze },
  { words: ['clv'], load: async () => (await import('./cli/clv')).registerClv },
  { words: ['churn'], load: async () => (await import('./cli/churn')).registerChurn },
  { words: ['analytics'], load: async () => (await import('./cli/analytics')).registerAnalytics },
];

/** The program with the groups that `argv` can reach (all of them when argv is omitted). */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('fidelia')
    .description('Fidelia — customer experience and service quality')
    .showHelpAfterError()
    .exitOverride();
  const first = argv?.[0];
  const only = GROUPS.filter((g) => first !== undefined && g.words.includes(first));
  for (const g of only.length === 1 ? only : GROUPS) (await g.load())(program);
  return program;
}

/** Runs the CLI and returns the process exit code (never throws, never prints a stack). */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(`fidelia: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`fidelia: unexpected error: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}
