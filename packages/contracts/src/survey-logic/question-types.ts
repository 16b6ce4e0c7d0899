// The question-type registry: one record per type with what the server, exports and imports need
// to know about it — the sub-keys its answers are stored under, the semantic tags analytics read
// (defaults filled at validation, the tag of each stored value) and its export columns (name,
// label, value labels, how an import reads the cell back). The mapped type makes a type listed in
// QUESTION_TYPES without a record a compile error.
import type { TQuestion } from '../surveys';
import { KANO_ANSWER_LABELS, type TLang, type TQuestionType } from './constants';

type QOf<K extends TQuestionType> = Extract<TQuestion, { type: K }>;
type L = { es?: string | undefined; en?: string | undefined } | undefined;

/** One export column of a question (wide layout); `item` '' = the question's own value. */
export interface TTypeColumn {
  item: string;
  label: string;
  /** how the export writes it (SPSS value labels for num/choice/flag) */
  kind: 'num' | 'text' | 'choice' | 'flag';
  values: [number, string][];
  /** how an import reads the cell back */
  cell: 'int' | 'num' | 'text' | 'choice' | 'flag';
}

export interface TQuestionTypeDef<Q extends TQuestion = TQuestion> {
  /** Sub-keys the answers are stored under (item column of the long table; '' = the value). */
  items(q: Q): string[];
  /** The question with the tags analytics rely on filled where the author left them out. */
  withDefaultTags(q: Q): Q;
  /** The semantic tag of one stored value. */
  tag(q: Q, item: string): string | null;
  /** Export columns, labelled in `lang`, in export order. */
  columns(q: Q, lang: TLang): TTypeColumn[];
}

// Exports label with `??` (an empty wording stays empty), unlike the respondent page's lt().
const txt = (t: L, lang: TLang) => (lang === 'en' ? (t?.en ?? t?.es) : (t?.es ?? t?.en)) ?? '';
const ends = (min: number, max: number, lo: L, hi: L, lang: TLang): [number, string][] =>
  [[min, txt(lo, lang)] as [number, string], [max, txt(hi, lang)] as [number, string]].filter(
    ([, l]) => l,
  );
const col = (
  item: string,
  label: string,
  kind: TTypeColumn['kind'],
  cell: TTypeColumn['cell'],
  values: [number, string][] = [],
): TTypeColumn => ({ item, label, kind, values, cell });

const single = [''];
const own = <Q extends TQuestion>(q: Q) => q.tag ?? null;
const same = <Q extends TQuestion>(q: Q) => q;

export const QUESTION_TYPE_DEFS: { [K in TQuestionType]: TQuestionTypeDef<QOf<K>> } = {
  rating: {
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [
      col('', txt(q.title, lang), 'num', 'int', ends(q.min, q.max, q.lowLabel, q.highLabel, lang)),
    ],
  },
  csat: {
    items: () => single,
    withDefaultTags: (q) => ({ ...q, tag: q.tag ?? 'csat' }),
    tag: own,
    columns: (q, lang) => [
      col('', txt(q.title, lang), 'num', 'int', ends(1, 5, q.lowLabel, q.highLabel, lang)),
    ],
  },
  scale: {
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [
      col('', txt(q.title, lang), 'num', 'int', ends(1, q.points, q.lowLabel, q.highLabel, lang)),
    ],
  },
  servqual: {
    items: (q) => q.items.map((i) => i.key),
    withDefaultTags: (q) => ({
      ...q,
      items: q.items.map((i) => ({ ...i, tag: i.tag ?? `servqual:${q.part}:${i.n}` })),
    }),
    tag: (q, item) => q.items.find((i) => i.key === item)?.tag ?? null,
    columns: (q, lang) =>
      q.items.map((i) =>
        col(
          i.key,
          `${q.part}${i.n} ${txt(i.text, lang)}`,
          'num',
          'int',
          ends(1, q.points, q.lowLabel, q.highLabel, lang),
        ),
      ),
  },
  constant_sum: {
    items: (q) => q.items.map((i) => i.key),
    withDefaultTags: (q) => ({
      ...q,
      items: q.items.map((i) => ({ ...i, tag: i.tag ?? `importance:${i.key}` })),
    }),
    tag: (q, item) => q.items.find((i) => i.key === item)?.tag ?? null,
    columns: (q, lang) =>
      q.items.map((i) => col(i.key, `${txt(q.title, lang)}: ${txt(i.text, lang)}`, 'num', 'int')),
  },
  kano: {
    items: () => ['functional', 'dysfunctional'],
    withDefaultTags: (q) => ({ ...q, tag: q.tag ?? `kano:${q.attribute}` }),
    tag: (q, item) => `kano:${q.attribute}:${item}`,
    columns: (q, lang) => {
      const title = txt(q.title, lang);
      const v = Object.entries(KANO_ANSWER_LABELS).map(
        ([k, l]) => [Number(k), l[lang]] as [number, string],
      );
      return [
        col(
          'functional',
          `${title} (${lang === 'en' ? 'functional' : 'funcional'})`,
          'num',
          'int',
          v,
        ),
        col(
          'dysfunctional',
          `${title} (${lang === 'en' ? 'dysfunctional' : 'disfuncional'})`,
          'num',
          'int',
          v,
        ),
      ];
    },
  },
  value: {
    items: (q) => ['price', ...q.benefits.map((b) => b.key), 'wtp'],
    withDefaultTags: (q) => ({
      ...q,
      tag: q.tag ?? 'value',
      benefits: q.benefits.map((b) => ({ ...b, tag: b.tag ?? `value:benefit:${b.key}` })),
    }),
    tag: (q, item) => {
      if (item === 'price') return 'value:price';
      if (item === 'wtp') return 'value:wtp';
      return q.benefits.find((b) => b.key === item)?.tag ?? `value:benefit:${item}`;
    },
    columns: (q, lang) => [
      col(
        'price',
        txt(q.priceText, lang),
        'num',
        'int',
        ends(1, q.points, undefined, undefined, lang),
      ),
      ...q.benefits.map((b) => col(b.key, txt(b.text, lang), 'num', 'int')),
      col('wtp', `${txt(q.wtpText, lang)} (${q.currency})`, 'num', 'num'),
    ],
  },
  single: {
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => {
      const title = txt(q.title, lang);
      const out = [
        col(
          '',
          title,
          'choice',
          'choice',
          q.options.map((o, i) => [o.code ?? i + 1, txt(o.label, lang)]),
        ),
      ];
      if (q.allowOther) out.push(col('other', `${title} (otro)`, 'text', 'text'));
      return out;
    },
  },
  multiple: {
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) =>
      q.options.map((o) =>
        col(o.value, `${txt(q.title, lang)}: ${txt(o.label, lang)}`, 'flag', 'flag', [
          [0, 'No'],
          [1, lang === 'en' ? 'Yes' : 'Sí'],
        ]),
      ),
  },
  matrix: {
    items: (q) => q.rows.map((r) => r.key),
    withDefaultTags: same,
    tag: (q, item) =>
      q.rows.find((i) => i.key === item)?.tag ?? (q.tag ? `${q.tag}:${item}` : null),
    columns: (q, lang) =>
      q.rows.map((r) =>
        col(
          r.key,
          `${txt(q.title, lang)}: ${txt(r.text, lang)}`,
          'num',
          'int',
          q.columns.map((c) => [c.value, txt(c.label, lang)]),
        ),
      ),
  },
  text: {
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [col('', txt(q.title, lang), 'text', 'text')],
  },
  number: {
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [col('', txt(q.title, lang), 'num', 'num')],
  },
  contact: {
    items: (q) => q.fields,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) =>
      q.fields.map((f) => col(f, `${txt(q.title, lang)}: ${f}`, 'text', 'text')),
  },
  date: {
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [col('', txt(q.title, lang), 'text', 'text')],
  },
};

/** The record of a question's type (one cast here instead of a switch at every caller). */
export function questionType(q: TQuestion): TQuestionTypeDef {
  return QUESTION_TYPE_DEFS[q.type] as unknown as TQuestionTypeDef;
}

/** Wide-layout column name of one stored value: `key`, or `key.item`. */
export const columnName = (key: string, item: string): string => (item ? `${key}.${item}` : key);
