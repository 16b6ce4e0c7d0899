import { describe, expect, it } from 'vitest';
import { loadTranslationTree, mergeTrees, type TTree } from './resources';

// The same lazy loader the app uses, so the test sees exactly what a screen gets.
const es = await loadTranslationTree('es');
const en = await loadTranslationTree('en');

function keys(tree: TTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

// Source files as text (Vite's glob works under Vitest too), to find every literal t('key').
const sources = import.meta.glob('../**/*.tsx', { query: '?raw', import: 'default', eager: true });
const tsSources = import.meta.glob(['../**/*.ts', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('translations', () => {
  it('es and en have exactly the same keys', () => {
    expect(keys(es as TTree).sort()).toEqual(keys(en as TTree).sort());
  });

  it('every literal key used in the code exists in both languages', () => {
    // i18next plurals: t('x', { count }) resolves x_one / x_other (es and en use those two).
    const all = keys(en as TTree);
    const known = new Set([...all, ...all.map((k) => k.replace(/_(one|other)$/, ''))]);
    const used = new Set<string>();
    for (const text of Object.values({ ...sources, ...tsSources })) {
      for (const m of String(text).matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('every file of a language is merged, and a clash between features is refused', () => {
    expect(Object.keys(es)).toEqual(expect.arrayContaining(['common', 'analytics', 'surveys']));
    expect(() =>
      mergeTrees([
        ['../features/a/i18n/es.json', { x: 'a' }],
        ['../features/b/i18n/es.json', { x: 'b' }],
      ]),
    ).toThrow(/clash: x in ..\/features\/b/);
  });

  it('no empty translation', () => {
    for (const [name, tree] of [
      ['es', es],
      ['en', en],
    ] as const) {
      const flat = keys(tree as TTree);
      for (const k of flat) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as TTree)[p], tree);
        expect(v, `${name}:${k}`).not.toBe('');
      }
    }
  });
});
