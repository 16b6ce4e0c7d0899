// The `fidelia` command line. Each command group lives in cli/<group>.ts and registers itself
// on the program; this file only wires them together and turns errors into exit codes.
import { Command, CommanderError } from 'commander';
import { registerAnalytics } from './cli/analytics';
import { registerAnalyze } from './cli/analyze';
import { registerChurn } from './cli/churn';
import { registerClv } from './cli/clv';
import { CliError } from './cli/errors';
import { registerServerCommands } from './cli/server-commands';

export function buildProgram(): Command {
  const program = new Command('fidelia')
    .description('Fidelia — customer experience and service quality')
    .showHelpAfterError()
    .exitOverride();
  registerServerCommands(program);
  registerAnalyze(program);
  registerClv(program);
  registerChurn(program);
  registerAnalytics(program);
  return program;
}

/** Runs the CLI and returns the process exit code (never throws, never prints a stack). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
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
