// What one response says, in words: the survey's pages in order, each answered question under its
// title in the UI language, battery items under their item texts, scale points with their labels
// ("6 / 7", "1 / 5 · Nada probable"). Internal keys (sq_e, e1…e22, empathy) never reach the screen.
import type { TAnswerValue, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import { lt, type TLang } from '@fidelia/contracts/survey-logic';
import { date, money, num } from '../../lib/format';
import { fmt } from '../../respond/strings';

export interface TAnswerLine {
  label: string;
  value: string;
}
export interface TAnswerBlock {
  key: string;
  title: string;
  /** one line per item for batteries, matrices, Kano pairs, contact fields; else a single value */
  lines: TAnswerLine[];
}
export interface TPageBlock {
  key: string;
  /** empty when the page has no title */
  title: string;
  answers: TAnswerBlock[];
}

const CONTACT: Record<TLang, Record<'name' | 'email' | 'phone', string>> = {
  es: { name: 'Nombre', email: 'Correo electrónico', phone: 'Teléfono' },
  en: { name: 'Name', email: 'E-mail', phone: 'Phone' },
};

type TRec = Record<string, unknown>;
const isRec = (v: unknown): v is TRec => v !== null && typeof v === 'object' && !Array.isArray(v);
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "4 / 5", with the end label when the point is an end of the scale. */
function point(
  v: unknown,
  min: number,
  max: number,
  lang: TLang,
  low?: string,
  high?: string,
): string {
  const x = n(v);
  if (x === null) return v === null || v === undefined ? '' : String(v);
  const base = `${num(x, lang, 0)} / ${num(max, lang, 0)}`;
  if (x === min && low) return `${base} · ${low}`;
  if (x === max && high) return `${base} · ${high}`;
  return base;
}

function single(label: string, value: string): TAnswerLine[] {
  return value === '' ? [] : [{ label, value }];
}

/** The lines shown for one answered question (empty when nothing readable was answered). */
export function answerLines(q: TQuestion, v: TAnswerValue, lang: TLang): TAnswerLine[] {
  const tx = (t: Parameters<typeof lt>[0]) => lt(t, lang);
  const r: TRec = isRec(v) ? v : {};
  switch (q.type) {
    case 'rating':
      return single('', point(v, q.min, q.max, lang, tx(q.lowLabel), tx(q.highLabel)));
    case 'csat':
      return single('', point(v, 1, 5, lang, tx(q.lowLabel), tx(q.highLabel)));
    case 'scale':
      return single('', point(v, 1, q.points, lang, tx(q.lowLabel), tx(q.highLabel)));
    case 'servqual':
      return q.items
        .filter((it) => r[it.key] !== undefined && r[it.key] !== null)
        .map((it) => ({
          label: tx(it.text),
          value: point(r[it.key], 1, q.points, lang, tx(q.lowLabel), tx(q.highLabel)),
        }));
    case 'constant_sum':
      return q.items
        .filter((it) => n(r[it.key]) !== null)
        .map((it) => ({
          label: tx(it.text),
          value: `${num(n(r[it.key]), lang, 2)} / ${num(q.total, lang, 0)}`,
        }));
    case 'matrix':
      return q.rows
        .filter((row) => r[row.key] !== undefined && r[row.key] !== null)
        .map((row) => {
          const c = q.columns.find((col) => col.value === r[row.key]);
          return { label: tx(row.text), value: c ? tx(c.label) : String(r[row.key]) };
        });
    case 'kano':
      return (['functional', 'dysfunctional'] as const)
        .filter((part) => n(r[part]) !== null)
        .map((part) => ({
          label: tx(q[part]) || fmt(lang, part),
          value: fmt(lang, `kano${n(r[part])}` as 'kano1'),
        }));
    case 'value': {
      const benefits = isRec(r.benefits) ? r.benefits : {};
      const lines: TAnswerLine[] = [];
      if (n(r.price) !== null)
        lines.push({ label: tx(q.priceText), value: point(r.price, 1, q.points, lang) });
      for (const b of q.benefits)
        if (n(benefits[b.key]) !== null)
          lines.push({ label: tx(b.text), value: point(benefits[b.key], 1, q.points, lang) });
      if (n(r.wtp) !== null)
        lines.push({ label: tx(q.wtpText) || '—', value: money(n(r.wtp), lang, q.currency, 2) });
      return lines;
    }
    case 'contact':
      return (['name', 'email', 'phone'] as const)
        .filter((f) => typeof r[f] === 'string' && r[f] !== '')
        .map((f) => ({ label: CONTACT[lang][f], value: String(r[f]) }));
    case 'single':
    case 'multiple': {
      const label = (x: unknown) => {
        const o = q.options.find((op) => op.value === x);
        return o ? tx(o.label) : String(x);
      };
      const text = Array.isArray(v) ? v.map(label).join(', ') : v === null ? '' : label(v);
      return single('', text);
    }
    case 'date':
      return single('', typeof v === 'string' && v ? date(v, lang) : '');
    case 'number':
      return single('', n(v) === null ? '' : num(n(v), lang, 4));
    default:
      return single('', v === null || v === undefined ? '' : String(v));
  }
}

/** Answered questions grouped by the survey's pages, in the survey's order. */
export function responseDetail(
  def: TSurveyDefinition,
  answers: Record<string, TAnswerValue>,
  lang: TLang,
): TPageBlock[] {
  const pages: TPageBlock[] = [];
  for (const p of def.pages) {
    const blocks: TAnswerBlock[] = [];
    for (const q of p.questions) {
      const v = answers[q.key];
      if (v === undefined || v === null || v === '') continue;
      const lines = answerLines(q, v, lang);
      if (lines.length) blocks.push({ key: q.key, title: lt(q.title, lang), lines });
    }
    if (blocks.length) pages.push({ key: p.key, title: lt(p.title, lang), answers: blocks });
  }
  return pages;
}

/** Answers whose question is no longer in this version of the survey (count only: no keys shown). */
export function unknownAnswers(def: TSurveyDefinition, answers: Record<string, TAnswerValue>) {
  const known = new Set(def.pages.flatMap((p) => p.questions.map((q) => q.key)));
  return Object.keys(answers).filter((k) => !known.has(k)).length;
}
