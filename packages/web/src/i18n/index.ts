import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { withFeatureResources } from './resources';

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

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: withFeatureResources(),
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
