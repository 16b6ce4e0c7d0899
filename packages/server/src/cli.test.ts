// cli.ts loads only the group a command's first word names: its table of words must be exactly
// what each group registers, or a command would run without its group (or load the wrong one).
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './cli';
import { registerAnalytics } from './cli/analytics';
import { registerAnalyze } from './cli/analyze';
import { registerChurn } from './cli/churn';
import { registerClv } from './cli/clv';
import { registerServerCommands } from './cli/server-commands';

const names = (p: Command) => p.commands.map((c) => c.name());
const alone = (register: (p: Command) => void) => {
  const p = new Command('fidelia');
  register(p);
  return names(p);
};

describe('cli: command groups loaded on demand', () => {
  const groups = [
    registerServerCommands,
    registerAnalyze,
    registerClv,
    registerChurn,
    registerAnalytics,
  ];
  it('a group’s word loads exactly that group; anything else loads all of them, in order', async () => {
    const every = groups.flatMap(alone);
    expect(names(await buildProgram())).toEqual(every);
    expect(names(await buildProgram(['--help']))).toEqual(every);
    expect(names(await buildProgram(['no-such-command']))).toEqual(every);
    for (const g of groups) {
      for (const word of alone(g)) expect(names(await buildProgram([word, 'x']))).toEqual(alone(g));
    }
  });
});
