// The one place numbers, percentages and dates become text in the staff app. Every screen formats
// through here so Spanish reads "1,7 %", "3,33 / 5" and "01/12/2026" and English "1.7%", "3.33 / 5"
// and "12/01/2026". Intl formatters are costly to build, so each (language, options) pair is
// built once and reused.
import { useTranslation } from 'react-i18next';

export type TFmtLang = 'es' | 'en';

/** i18next may report "es-ES", "en-GB" or nothing yet: the app has exactly two languages. */
export function fmtLang(lng: string | undefined | null): TFmtLang {
  return lng?.startsWith('en') ? 'en' : 'es';
}

const numberCache = new Map<string, Intl.NumberFormat>();
const dateCache = new Map<string, Intl.DateTimeFormat>();

function numberFormat(lang: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = numberCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(fmtLang(lang), opts);
    numberCache.set(key, f);
  }
  return f;
}

function dateFormat(lang: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = dateCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(fmtLang(lang), opts);
    dateCache.set(key, f);
  }
  return f;
}

const DASH = '—';
const ok = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

/** A number with at most `digits` decimals (grouping per locale). */
export function num(v: number | null | undefined, lang: string, digits = 1): string {
  return ok(v) ? numberFormat(lang, { maximumFractionDigits: digits }).format(v) : DASH;
}

/** A number with exactly `digits` decimals ("3,33"). */
export function fixed(v: number | null | undefined, lang: string, digits: number): string {
  return ok(v)
    ? numberFormat(lang, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(v)
    : DASH;
}

export function int(v: number | null | undefined, lang: string): string {
  return num(v, lang, 0);
}

/** A share given as a fraction (0.017 -> "1,7 %" in es, "1.7%" in en). */
export function pct(v: number | null | undefined, lang: string, digits = 0): string {
  return ok(v)
    ? numberFormat(lang, {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(v)
    : DASH;
}

export function money(
  v: number | null | undefined,
  lang: string,
  currency = 'EUR',
  digits = 0,
): string {
  return ok(v)
    ? numberFormat(lang, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(v)
    : DASH;
}

/** A mean on a scale: "3,33 / 5". */
export function score(v: number | null | undefined, max: number, lang: string, digits = 2): string {
  return ok(v) ? `${fixed(v, lang, digits)} / ${int(max, lang)}` : DASH;
}

type TWhen = string | number | Date | null | undefined;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-12-01" is a calendar day, not UTC midnight: read it as that day wherever the user is. */
function toDate(v: TWhen): { d: Date; dayOnly: boolean } | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' && DAY_ONLY.test(v)) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    return { d: new Date(Date.UTC(y, m - 1, d, 12)), dayOnly: true };
  }
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : { d, dayOnly: false };
}

/** A day: "01/12/2026" (es), "12/01/2026" (en). */
export function date(v: TWhen, lang: string): string {
  const x = toDate(v);
  if (!x) return DASH;
  return dateFormat(lang, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(x.dayOnly ? { timeZone: 'UTC' } : {}),
  }).format(x.d);
}

/** A day and time: "01/12/2026, 14:05" (es), "12/01/2026, 2:05 PM" (en). */
export function dateTime(v: TWhen, lang: string): string {
  const x = toDate(v);
  if (!x) return DASH;
  if (x.dayOnly) return date(v, lang);
  return dateFormat(lang, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(x.d);
}

export function time(v: TWhen, lang: string): string {
  const x = toDate(v);
  return x ? dateFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(x.d) : DASH;
}

/** A day spelled out for headings: "1 dic 2026" / "Dec 1, 2026". */
export function dateLong(v: TWhen, lang: string): string {
  const x = toDate(v);
  if (!x) return DASH;
  return dateFormat(lang, {
    dateStyle: 'medium',
    ...(x.dayOnly ? { timeZone: 'UTC' } : {}),
  }).format(x.d);
}

/** Month and year of a period ("dic 2026"), for cohort labels. */
export function month(v: TWhen, lang: string): string {
  const x = toDate(v);
  if (!x) return DASH;
  return dateFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(x.d);
}

/** The formatters bound to the UI language; re-renders when the language changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = fmtLang(i18n.resolvedLanguage ?? i18n.language);
  return {
    lang,
    num: (v: number | null | undefined, digits?: number) => num(v, lang, digits),
    fixed: (v: number | null | undefined, digits: number) => fixed(v, lang, digits),
    int: (v: number | null | undefined) => int(v, lang),
    pct: (v: number | null | undefined, digits?: number) => pct(v, lang, digits),
    money: (v: number | null | undefined, currency?: string, digits?: number) =>
      money(v, lang, currency, digits),
    score: (v: number | null | undefined, max: number, digits?: number) =>
      score(v, max, lang, digits),
    date: (v: TWhen) => date(v, lang),
    dateTime: (v: TWhen) => dateTime(v, lang),
    dateLong: (v: TWhen) => dateLong(v, lang),
    time: (v: TWhen) => time(v, lang),
    month: (v: TWhen) => month(v, lang),
  };
}
