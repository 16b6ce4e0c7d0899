import type { Command } from 'commander';

// Placeholder: this command group is filled in by its module.
export function registerClv(_program: Command): void {}
