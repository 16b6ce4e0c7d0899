// Translation trees: the shell's own (es.json / en.json here) plus one pair per feature
// (features/<name>/i18n/{es,en}.json, or a sub-folder of i18n/ for a large feature), so features are translated beside their code and
// several features can be built at once without editing one shared file.
import en from './en.json';
import es from './es.json';

export type TTree = { [k: string]: string | TTree };

const featureFiles = import.meta.glob<TTree>('../features/*/i18n/**/*.json', {
  eager: true,
  import: 'default',
});

/** The complete tree of one language; a feature's top-level keys must not clash with others. */
export function translationTree(lang: 'es' | 'en'): TTree {
  const tree: TTree = { ...((lang === 'es' ? es : en) as TTree) };
  for (const [path, content] of Object.entries(featureFiles)) {
    if (!path.endsWith(`/${lang}.json`)) continue;
    for (const [k, v] of Object.entries(content)) {
      if (k in tree) throw new Error(`translation key clash: ${k} in ${path}`);
      tree[k] = v;
    }
  }
  return tree;
}

export function withFeatureResources() {
  return {
    es: { translation: translationTree('es') },
    en: { translation: translationTree('en') },
  };
}
