import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { loadTranslationTree } from './resources';

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
// useTranslation() until the language's tree is in, and changeLanguage() resolves only once the
// new language is loaded, so no screen ever shows a raw key.
const lazyTrees = {
  type: 'backend' as const,
  callbackApi: false,
  init() {},
  read(lng: string) {
    return loadTranslationTree(lng.startsWith('en') ? 'en' : 'es');
  },
};

void i18n
  .use(lazyTrees)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    ns: ['translation'],
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

export function currentLang(): TLang {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'es';
}

export default i18n;
