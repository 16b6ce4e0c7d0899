// Text for the printable analytics reports (issue 11): HTML escaping and numbers/dates in the
// report's locale, the same rules as the web app's lib/format.ts (decimal comma and "30,5 %" in
// Spanish, "30.5%" in English, a dash for a missing value). Pure.

export type TReportLang = 'es' | 'en';

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const DASH = '—';
export const ok = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

/** "{name}" placeholders filled from `vars` (missing ones become ''). */
export const fill = (s: string, vars: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

type TText = { es?: string; en?: string } | undefined;
/** A bilingual text in `lang`, else in the other language. */
export const textIn = (t: TText, lang: TReportLang): string =>
  (t?.[lang] ?? '').trim() || (t?.[lang === 'es' ? 'en' : 'es'] ?? '').trim();

const QUARTER = { es: 'T{q} {y}', en: 'Q{q} {y}' } as const;

/** Number and date formatting in the report's locale (decimal comma in Spanish). */
export function formatter(lang: TReportLang) {
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (o: Intl.NumberFormatOptions) => {
    const k = JSON.stringify(o);
    let f = cache.get(k);
    if (!f) {
      f = new Intl.NumberFormat(lang, o);
      cache.set(k, f);
    }
    return f;
  };
  // Filter dates and periods are calendar days (UTC), so they are shown in UTC.
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthShort = new Intl.DateTimeFormat(lang, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const fixed = (v: number | null | undefined, digits: number) =>
    ok(v) ? nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v) : DASH;
  const num = (v: number | null | undefined, digits = 1) =>
    ok(v) ? nf({ maximumFractionDigits: digits }).format(v) : DASH;
  const pct = (v: number | null | undefined, digits = 1) =>
    ok(v)
      ? nf({
          style: 'percent',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }).format(v)
      : DASH;
  const dateOf = (v: string | Date) => {
    const s = typeof v === 'string' && v.length === 10 ? `${v}T00:00:00Z` : v;
    const t = s instanceof Date ? s.getTime() : Date.parse(s);
    return Number.isFinite(t) ? date.format(t) : String(v);
  };
  return {
    /** two decimals (gaps, coefficients) */
    g: (v: number | null | undefined) => fixed(v, 2),
    fixed,
    num,
    int: (v: number | null | undefined) => num(v, 0),
    pct,
    date: dateOf,
    /** A trend bucket: YYYY-MM as "enero de 2026", YYYY-Qn as "T1 2026", a day (a week's
     *  Monday) as a date. */
    period: (p: string) => {
      if (/^\d{4}-\d{2}$/.test(p)) {
        const s = month.format(Date.parse(`${p}-01T00:00:00Z`));
        return s.charAt(0).toLocaleUpperCase(lang) + s.slice(1);
      }
      const q = /^(\d{4})-Q(\d)$/.exec(p);
      if (q) return fill(QUARTER[lang], { q: q[2] as string, y: q[1] as string });
      return dateOf(p);
    },
    /** A trend bucket for a chart axis: months short ("ene 2026"), else as period(). */
    periodShort: (p: string) =>
      /^\d{4}-\d{2}$/.test(p) ? monthShort.format(Date.parse(`${p}-01T00:00:00Z`)) : null,
    /** a signed difference: "+1,5" / "-2,0" */
    signed: (v: number, digits = 1) => (v > 0 ? `+${fixed(v, digits)}` : fixed(v, digits)),
  };
}
export type TFormatter = ReturnType<typeof formatter>;
