// Translation trees: the shell's own (es.json / en.json here) plus one pair per feature
// (features/<name>/i18n/{es,en}.json, or a sub-folder of i18n/ for a large feature), so features are translated beside their code and
// several features can be built at once without editing one shared file.
// The files are imported lazily: each is its own small chunk and only the language on screen is
// fetched, so the entry bundle carries no translation at all (its size budget is in bench/).

export type TTree = { [k: string]: string | TTree };
export type TLangCode = 'es' | 'en';

const files = import.meta.glob<TTree>(['./*.json', '../features/*/i18n/**/*.json'], {
  import: 'default',
});

/** Merges one language's files; a feature's top-level keys must not clash with others. */
export function mergeTrees(entries: [path: string, tree: TTree][]): TTree {
  const tree: TTree = {};
  // The shell's own file first, then the features in path order, so a clash names the feature.
  const sorted = [...entries].sort(([a], [b]) => Number(b.startsWith('./')) - Number(a.startsWith('./')) || a.localeCompare(b));
  for (const [path, content] of sorted) {
    for (const [k, v] of Object.entries(content)) {
      if (k in tree) throw new Error(`translation key clash: ${k} in ${path}`);
      tree[k] = v;
    }
  }
  return tree;
}

/** The complete tree of one language, fetched on demand. */
export async function loadTranslationTree(lang: TLangCode): Promise<TTree> {
  const mine = Object.entries(files).filter(([path]) => path.endsWith(`/${lang}.json`));
  const loaded = await Promise.all(mine.map(async ([path, load]) => [path, await load()] as [string, TTree]));
  return mergeTrees(loaded);
}
