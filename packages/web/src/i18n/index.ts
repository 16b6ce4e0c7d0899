import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { initReactI18next } from 'react-i18next';
import { FEATURE_NAMESPACES, loadNamespace, SHELL_NS } from './resources';

export const LANGUAGES = ['es', 'en'] as const;
export type TLang = (typeof LANGUAGES)[number];

// The cookie lets the server localise its error messages to the language shown in the UI.
function syncDocument(lng: string): void {
  const lang: TLang = lng.startsWith('en') ? 'en' : 'es';
  document.documentElement.lang = lang;
  // biome-ignore lint/suspicious/noDocumentCookie: plain non-HttpOnly preference cookie read by the server
  document.cookie = `fidelia_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
}

i18n.on('languageChanged', syncDocument);

// Translations come from lazy chunks (see resources.ts). react-i18next suspends every
// useTranslation() until the shell's tree is in; a feature page waits for its namespaces
// (featurePage below); changeLanguage() resolves only once every namespace loaded so far is in
// for the new language. So no screen ever shows a raw key.
const lazyTrees = {
  type: 'backend' as const,
  callbackApi: false,
  init() {},
  read(lng: string, ns: string) {
    return loadNamespace(lng.startsWith('en') ? 'en' : 'es', ns);
  },
};

void i18n
  .use(lazyTrees)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    ns: [SHELL_NS],
    defaultNS: SHELL_NS,
    // Code keeps calling t('analytics.title') in the default namespace: a key the shell's tree
    // lacks is looked up in the feature namespaces (top-level keys are unique across files).
    fallbackNS: FEATURE_NAMESPACES,
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'es',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'fidelia_lang',
      caches: ['localStorage'],
    },
  });

/**
 * Which feature namespaces the pages of each feature folder use: its own plus those of the other
 * features whose parts it shows (i18n.test.ts checks this against the keys in the code).
 */
export const PAGE_NAMESPACES = {
  admin: ['admin', 'customers', 'complaints', 'retention'],
  analytics: ['analytics', 'surveys'],
  complaints: ['complaints', 'customers'],
  customers: ['customers', 'retention', 'complaints'],
  retention: ['retention'],
  surveys: ['surveys'],
  standards: ['standards'],
  performance: ['performance'],
  strategy: ['strategy'],
  panels: ['panels'],
  fieldwork: ['fieldwork'],
  diagnostic: ['diagnostic'],
} satisfies Record<string, string[]>;

/** React.lazy for a feature page that renders only once the feature's translations are in. */
// biome-ignore lint/suspicious/noExplicitAny: the same bound React.lazy itself puts on components
export function featurePage<T extends ComponentType<any>>(
  feature: keyof typeof PAGE_NAMESPACES,
  load: () => Promise<{ default: T }>,
): LazyExoticComponent<T> {
  return lazy(async () => {
    const [page] = await Promise.all([load(), i18n.loadNamespaces(PAGE_NAMESPACES[feature])]);
    return page;
  });
}

export function currentLang(): TLang {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'es';
}

export default i18n;
