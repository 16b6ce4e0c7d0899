import type { Command } from 'commander';

// Placeholder: this command group is filled in by its module.
export function registerAnalyze(_program: Command): void {}
