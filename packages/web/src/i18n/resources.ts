// Translation trees: the shell's own (es.json / en.json here) plus one pair per feature
// (features/<name>/i18n/{es,en}.json, or a sub-folder of i18n/ for a large feature), so features are translated beside their code and
// several features can be built at once without editing one shared file.
// The files are imported lazily, each its own small chunk: the entry bundle carries no
// translation, the shell's tree is fetched for the language on screen only, and a feature's
// tree only when one of its pages opens (its size budget is in bench/web-first-load.mjs).

export type TTree = { [k: string]: string | TTree };
export type TLangCode = 'es' | 'en';

/** i18next's namespace of the shell's own tree; each feature folder is a namespace of its own. */
export const SHELL_NS = 'translation';

const files = import.meta.glob<TTree>(['./*.json', '../features/*/i18n/**/*.json'], {
  import: 'default',
});

/** The namespace a translation file belongs to: its feature folder's name, or the shell's. */
export function namespaceOf(path: string): string {
  return /^\.\.\/features\/([^/]+)\//.exec(path)?.[1] ?? SHELL_NS;
}

/** Every feature namespace, sorted (the order in which t() looks a key up after the shell's). */
export const FEATURE_NAMESPACES: string[] = [...new Set(Object.keys(files).map(namespaceOf))]
  .filter((ns) => ns !== SHELL_NS)
  .sort();

/** Merges files of one language; a top-level key must not appear in two files. */
export function mergeTrees(entries: [path: string, tree: TTree][]): TTree {
  const tree: TTree = {};
  const sorted = [...entries].sort(([a], [b]) => a.localeCompare(b));
  for (const [path, content] of sorted) {
    for (const [k, v] of Object.entries(content)) {
      if (k in tree) throw new Error(`translation key clash: ${k} in ${path}`);
      tree[k] = v;
    }
  }
  return tree;
}

async function load(lang: TLangCode, keep: (path: string) => boolean): Promise<TTree> {
  const mine = Object.entries(files).filter(([p]) => p.endsWith(`/${lang}.json`) && keep(p));
  const loaded = await Promise.all(mine.map(async ([p, l]) => [p, await l()] as [string, TTree]));
  return mergeTrees(loaded);
}

/** One namespace's tree (the shell's, or all files of one feature) in one language. */
export function loadNamespace(lang: TLangCode, ns: string): Promise<TTree> {
  return load(lang, (p) => namespaceOf(p) === ns);
}

/** Every file of one language merged: what the key-parity and clash tests check. */
export function loadTranslationTree(lang: TLangCode): Promise<TTree> {
  return load(lang, () => true);
}
