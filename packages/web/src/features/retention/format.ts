// Number formatting for the retention pages (locale-aware, no library).
export function money(v: number | null | undefined, lang: string, currency = 'EUR'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(v);
}

export function pct(v: number | null | undefined, lang: string, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(v);
}

export function num(v: number | null | undefined, lang: string, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
}
