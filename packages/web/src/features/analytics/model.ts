// Pure view logic of the analytics screens (tested without a browser): labels from the survey
// definition, the order of the gap table, significance of a change, Kano names, CSV rows.
import type { TSurveyDefinition } from '@fidelia/contracts';
import { worstFirst } from '@fidelia/contracts/survey-logic';
import type { TInterval, TKanoAttribute, TKanoCategory, TServqual } from './api';

/** The gap table's order: the same function orders the PDF's (contracts/survey-logic). */
export { worstFirst };

type TLang = 'es' | 'en';
type TText = { es?: string; en?: string } | undefined;

const text = (t: TText, lang: TLang): string =>
  (t?.[lang] ?? '').trim() || (t?.[lang === 'es' ? 'en' : 'es'] ?? '').trim();

export interface TSurveyLabels {
  /** SERVQUAL item number -> wording of the perception item */
  items: Map<string, string>;
  /** Kano attribute key -> the question's title */
  kano: Map<string, string>;
  /** every semantic tag of the definition (question and item tags) */
  tags: Set<string>;
}

/** Reads item wordings and tags from a survey definition in the UI language. */
export function surveyLabels(def: TSurveyDefinition | undefined, lang: TLang): TSurveyLabels {
  const out: TSurveyLabels = { items: new Map(), kano: new Map(), tags: new Set() };
  for (const page of def?.pages ?? []) {
    for (const q of page.questions) {
      if (q.tag) out.tags.add(q.tag);
      if (q.type === 'kano') {
        out.kano.set(q.attribute, text(q.title, lang));
        out.tags.add(`kano:${q.attribute}:functional`);
      }
      const items = 'items' in q && Array.isArray(q.items) ? q.items : [];
      for (const it of items as Array<{ tag?: string; text: TText }>) {
        if (!it.tag) continue;
        out.tags.add(it.tag);
        const m = /^servqual:([EP]):(\d+)$/.exec(it.tag);
        // The perception wording names the company ("The company keeps its promises"); the
        // expectation wording is the fallback for a survey that only asks expectations.
        if (m && (m[1] === 'P' || !out.items.has(m[2] as string))) {
          out.items.set(m[2] as string, text(it.text, lang));
        }
      }
    }
  }
  return out;
}

export const hasServqual = (l: TSurveyLabels) =>
  [...l.tags].some((t) => t.startsWith('servqual:P:'));
export const hasNps = (l: TSurveyLabels) => l.tags.has('nps');
export const hasCsat = (l: TSurveyLabels) => l.tags.has('csat');
export const hasKano = (l: TSurveyLabels) => l.kano.size > 0;

/** An item's gap is marked when its 95 % interval excludes 0 (a real shortfall or surplus). */
export function excludesZero(ci: TInterval): boolean {
  return ci !== null && (ci[1] < 0 || ci[0] > 0);
}

const Z95 = 1.959963984540054;

/** Standard error behind a symmetric normal 95 % interval. */
export function seFromCi(ci: TInterval): number | null {
  return ci ? (ci[1] - ci[0]) / (2 * Z95) : null;
}

export interface TChange {
  delta: number;
  /** null when either period has no interval (the change can be shown, not judged) */
  significant: boolean | null;
  z: number | null;
}

/** Change between two independent estimates with 95 % intervals (two-sided z test at 5 %). */
export function change(
  current: { value: number | null; ci95: TInterval },
  previous: { value: number | null; ci95: TInterval },
): TChange | null {
  if (current.value === null || previous.value === null) return null;
  const delta = current.value - previous.value;
  const a = seFromCi(current.ci95);
  const b = seFromCi(previous.ci95);
  if (a === null || b === null) return { delta, significant: null, z: null };
  const se = Math.sqrt(a * a + b * b);
  if (se === 0) return { delta, significant: delta !== 0, z: null };
  const z = delta / se;
  return { delta, significant: Math.abs(z) > Z95, z };
}

/** Kano categories and the seed's service-attribute names (basic / expected / desired /
 *  unexpected); reverse and questionable have no attribute name. */
export const KANO_ORDER: TKanoCategory[] = ['M', 'O', 'A', 'I', 'R', 'Q'];

/** Worse is reported as a negative number; the scatter plots its size on a 0–1 axis. Points are
 *  numbered by the attribute's row in the table (its position in the report). */
export function kanoPoints(attrs: readonly TKanoAttribute[], names: Map<string, string>) {
  return attrs
    .map((a, i) => ({ a, no: i + 1 }))
    .filter(({ a }) => a.better !== null && a.worse !== null)
    .map(({ a, no }) => ({
      no,
      name: names.get(a.attribute) || a.attribute,
      better: a.better as number,
      worse: Math.abs(a.worse as number),
      category: a.category,
    }));
}

/** Rows of the gap report's CSV: one per item, in the table's order. */
export function servqualCsvRows(
  data: TServqual,
  labels: TSurveyLabels,
  dimensionName: (d: string) => string,
) {
  return worstFirst(data.items).map((it) => [
    it.item,
    dimensionName(it.dimension),
    labels.items.get(it.item) ?? '',
    it.n,
    it.expectation,
    it.perception,
    it.gap,
    it.ci95?.[0] ?? null,
    it.ci95?.[1] ?? null,
  ]);
}

/** Wordings of the internal-customer rating rows (`internal:<item>` tags), in the survey's order. */
export function internalItemLabels(
  def: TSurveyDefinition | undefined,
  lang: TLang,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const page of def?.pages ?? [])
    for (const q of page.questions) {
      const rows = 'rows' in q && Array.isArray(q.rows) ? q.rows : [];
      for (const r of rows as Array<{ tag?: string; text: TText }>)
        if (r.tag?.startsWith('internal:')) out.set(r.tag, text(r.text, lang));
    }
  return out;
}

/** Whether the survey asks the perceived-value question (the `value` type). */
export function hasValue(def: TSurveyDefinition | undefined): boolean {
  return (def?.pages ?? []).some((p) => p.questions.some((q) => q.type === 'value'));
}

/** Benefit key of the value question(s) -> its wording in the UI language. */
export function valueBenefitLabels(
  def: TSurveyDefinition | undefined,
  lang: TLang,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of def?.pages ?? [])
    for (const q of p.questions)
      if (q.type === 'value')
        for (const b of q.benefits) if (!out.has(b.key)) out.set(b.key, text(b.text, lang));
  return out;
}
