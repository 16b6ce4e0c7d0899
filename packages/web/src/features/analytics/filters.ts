// Report filters live in the URL (?survey=&from=&to=&unit=&channel=&segment=&lang=) so a copied link reproduces
// the view. Values that do not parse are dropped rather than sent: a hand-edited link then shows
// the unfiltered report instead of an error.
export const CHANNELS = [
  'web',
  'email',
  'qr',
  'kiosk',
  'phone',
  'postal',
  'in_person',
  'link',
  'embed',
] as const;

export const SEGMENTS = ['A', 'B', 'C', 'none'] as const;
export const LANGUAGES = ['es', 'en'] as const;

export interface TFilters {
  survey: string;
  from: string;
  to: string;
  unit: string;
  channel: string;
  /** the respondent customer's class (A/B/C, none) */
  segment: string;
  /** the language the respondent answered in */
  language: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validDay(s: string | null): string {
  if (!s || !DAY.test(s)) return '';
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : '';
}

export function parseFilters(params: URLSearchParams): TFilters {
  const survey = params.get('survey') ?? '';
  const unit = params.get('unit') ?? '';
  const channel = params.get('channel') ?? '';
  const segment = params.get('segment') ?? '';
  const language = params.get('lang') ?? '';
  let from = validDay(params.get('from'));
  let to = validDay(params.get('to'));
  // A reversed range is a slip, not a request for nothing.
  if (from && to && from > to) [from, to] = [to, from];
  return {
    survey: ID.test(survey) ? survey : '',
    from,
    to,
    unit: ID.test(unit) ? unit : '',
    channel: (CHANNELS as readonly string[]).includes(channel) ? channel : '',
    segment: (SEGMENTS as readonly string[]).includes(segment) ? segment : '',
    language: (LANGUAGES as readonly string[]).includes(language) ? language : '',
  };
}

/** Query string of the filters, empty values left out, in a stable order. */
export function filtersToSearch(f: Partial<TFilters>): string {
  const p = new URLSearchParams();
  for (const k of ['survey', 'from', 'to', 'unit', 'channel', 'segment'] as const) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  // `lang` in the link: the respondents' language, not the screen's
  if (f.language) p.set('lang', f.language);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const dayMs = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const at = (s: string) => Date.parse(`${s}T00:00:00Z`);

/** The last `days` days ending today (inclusive). */
export function lastDays(days: number, today: string): { from: string; to: string } {
  return { from: iso(at(today) - (days - 1) * dayMs), to: today };
}

/** The period of the same length just before [from, to] (both inclusive). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = Math.round((at(to) - at(from)) / dayMs) + 1;
  return { from: iso(at(from) - len * dayMs), to: iso(at(from) - dayMs) };
}

export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
