// Drill-down links: a chart element (a SERVQUAL item or dimension, a league unit, an NPS bucket,
// a by-unit row, a trend point, the comments) opens /analytics/responses with the report's
// filters and the selection in the URL, so the link reproduces the list. Values that do not
// parse are dropped (as the filters do): the server then lists the metric's responses.
import { filtersToSearch, type TFilters } from './filters';

export const DRILL_METRICS = ['servqual', 'nps', 'csat', 'text'] as const;
export const DRILL_BUCKETS = [
  'promoter',
  'passive',
  'detractor',
  'satisfied',
  'neutral',
  'dissatisfied',
] as const;
export const DRILL_DIMENSIONS = [
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const;
export const DRILL_REPORTS = ['servqual', 'nps', 'comments'] as const;

export interface TDrill {
  metric: (typeof DRILL_METRICS)[number];
  item?: number;
  dimension?: (typeof DRILL_DIMENSIONS)[number];
  bucket?: (typeof DRILL_BUCKETS)[number];
  atUnit?: string;
  periodKey?: string;
  periodKind?: 'week' | 'month' | 'quarter';
  question?: string;
  /** the report the link came from (its tab stays lit, "back" returns to it) */
  report?: (typeof DRILL_REPORTS)[number];
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERIOD = /^\d{4}-(\d{2}|Q[1-4]|\d{2}-\d{2})$/;
const KEY = /^[A-Za-z0-9_]{1,63}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

export function parseDrill(p: URLSearchParams): TDrill {
  const metric = oneOf(DRILL_METRICS, p.get('metric')) ?? 'servqual';
  const item = Number(p.get('item'));
  const kind = oneOf(['week', 'month', 'quarter'] as const, p.get('periodKind'));
  const key = p.get('periodKey') ?? '';
  const out: TDrill = { metric };
  const report = oneOf(DRILL_REPORTS, p.get('report'));
  if (report) out.report = report;
  if (metric === 'servqual') {
    if (Number.isInteger(item) && item >= 1 && item <= 22) out.item = item;
    const d = oneOf(DRILL_DIMENSIONS, p.get('dimension'));
    if (d && !out.item) out.dimension = d;
  }
  if (metric === 'nps' || metric === 'csat') {
    const b = oneOf(DRILL_BUCKETS, p.get('bucket'));
    const ok = metric === 'nps' ? DRILL_BUCKETS.slice(0, 3) : DRILL_BUCKETS.slice(3);
    if (b && (ok as readonly string[]).includes(b)) out.bucket = b;
  }
  const unit = p.get('atUnit') ?? '';
  if (ID.test(unit)) out.atUnit = unit;
  if (kind && PERIOD.test(key)) {
    out.periodKind = kind;
    out.periodKey = key;
  }
  const q = p.get('question') ?? '';
  if (metric === 'text' && KEY.test(q)) out.question = q;
  return out;
}

/** The query string the API takes for a selection (filters apart). */
export function drillQuery(d: TDrill): Record<string, string | number | undefined> {
  return {
    metric: d.metric,
    item: d.item,
    dimension: d.dimension,
    bucket: d.bucket,
    atUnit: d.atUnit,
    periodKey: d.periodKey,
    periodKind: d.periodKind,
    question: d.question,
  };
}

/** Link to the responses behind a chart element, with every current filter. */
export function drillLink(f: TFilters, d: TDrill): string {
  const s = filtersToSearch(f);
  const p = new URLSearchParams(s.slice(1));
  const all: Record<string, string | number | undefined> = { ...drillQuery(d), report: d.report };
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '') p.set(k, String(v));
  return `/analytics/responses?${p.toString()}`;
}
