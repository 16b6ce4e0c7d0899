import { describe, expect, it } from 'vitest';
import { PAGE_NAMESPACES } from './index';
import { loadNamespace, namespaceOf, SHELL_NS, type TTree } from './resources';

// Feature translations arrive only when a page of that feature opens (featurePage in index.ts),
// so a page that shows another feature's text must list that namespace in PAGE_NAMESPACES, or it
// would show raw keys. This follows static imports from each feature's files (lazy import()s are
// not followed: those pages are gated on their own) and collects every string literal that starts
// with a known top-level key, e.g. 'retention.tier.gold' or `surveys.kind.${k}`.

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const trees = import.meta.glob<TTree>(['./es.json', '../features/*/i18n/**/es.json'], {
  import: 'default',
  eager: true,
});

const owner = new Map<string, string>(); // top-level key -> namespace
for (const [path, tree] of Object.entries(trees)) {
  for (const k of Object.keys(tree)) owner.set(k, namespaceOf(path));
}

function resolve(from: string, spec: string): string | undefined {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  const base = parts.join('/');
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => c in sources);
}

/** Namespaces whose keys appear in the static-import closure of the given files. */
function needed(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  const out = new Set<string>();
  while (todo.length > 0) {
    const f = todo.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = sources[f] ?? '';
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
      const r = resolve(f, m[1] ?? '');
      if (r) todo.push(r);
    }
    for (const m of text.matchAll(/['"`]([a-zA-Z][a-zA-Z0-9_]*)\.[a-zA-Z$]/g)) {
      const ns = owner.get(m[1] ?? '');
      if (ns) out.add(ns);
    }
  }
  return out;
}

const filesOf = (dir: string) =>
  Object.keys(sources).filter(
    (p) => p.startsWith(`../${dir}/`) && !p.slice(dir.length + 4).includes('/'),
  );

describe('translation namespaces', () => {
  it('finds the keys it is looking for (control)', () => {
    expect(needed(filesOf('features/analytics'))).toContain('analytics');
    expect(needed(['../ui/PageLoader.tsx'])).toEqual(new Set([SHELL_NS]));
  });

  it.each(Object.entries(PAGE_NAMESPACES))('pages of %s load every namespace they use', (f, ns) => {
    const used = [...needed(filesOf(`features/${f}`))].filter((n) => n !== SHELL_NS);
    expect(used.filter((n) => !ns.includes(n))).toEqual([]);
  });

  it('the entry, the shell and the login pages need only the shell tree', () => {
    const roots = ['../main.tsx', '../App.tsx', '../ui/Shell.tsx', ...filesOf('features/auth')];
    expect([...needed(roots)]).toEqual([SHELL_NS]);
  });

  it('every feature with translations has its pages gated', async () => {
    for (const [path, text] of Object.entries(sources)) {
      if (path.endsWith('/routes.tsx')) expect(text, path).not.toMatch(/\blazy\(/);
    }
    const withFiles = [...new Set(Object.keys(trees).map(namespaceOf))].filter(
      (n) => n !== SHELL_NS,
    );
    expect(Object.keys(PAGE_NAMESPACES).sort()).toEqual(expect.arrayContaining(withFiles));
    expect(Object.keys(await loadNamespace('en', 'surveys'))).toEqual(
      expect.arrayContaining(['surveys', 'responseImport']),
    );
  });
});
