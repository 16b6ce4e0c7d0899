// Every fixed timeline entry type a server module emits has its own title on the customer page,
// in both languages (otherwise the entry shows the generic «Actividad»).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import es from './i18n/es.json';

const modules = join(__dirname, '../../../../server/src/modules');

function emittedTypes(): string[] {
  const out = new Set<string>();
  for (const mod of readdirSync(modules, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)) {
    for (const f of readdirSync(join(modules, mod))) {
      if (!/^timeline.*\.ts$/.test(f) || f.includes('.test.')) continue;
      const src = readFileSync(join(modules, mod, f), 'utf8');
      for (const m of src.matchAll(/type: '([a-z_.]+)'/g)) out.add(m[1] as string);
    }
  }
  return [...out].sort();
}

describe('customer timeline titles', () => {
  it('finds the panels entries among the emitted types', () => {
    expect(emittedTypes()).toEqual(
      expect.arrayContaining(['panels.session', 'panels.insight', 'panels.incentive']),
    );
  });
  it.each([
    ['es', es],
    ['en', en],
  ])('%s has a title for every emitted type', (_lang, dict) => {
    const events = dict.c360.event as Record<string, string>;
    const missing = emittedTypes().filter((t) => !events[t.replaceAll('.', '_')]);
    expect(missing).toEqual([]);
  });
});
