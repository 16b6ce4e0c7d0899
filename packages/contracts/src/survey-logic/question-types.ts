// The question-type registry: one record per type with what the server, exports and imports need
// to know about it — the sub-keys its answers are stored under, the semantic tags analytics read
// (defaults filled at validation, the tag of each stored value) and its export columns (name,
// label, value labels, how an import reads the cell back). The mapped type makes a type listed in
// QUESTION_TYPES without a record a compile error.
import type { TAnswers, TAnswerValue, TQuestion } from '../surveys';
import type { TFieldError } from './check';
import { KANO_ANSWER_LABELS, type TLang, type TQuestionType } from './constants';
import {
  constantSumState,
  EMAIL_PATTERN,
  isInt,
  isIsoDate,
  isNum,
  isRecord,
  present,
} from './values';

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

/** One stored value of an answer (a row of the long answers table). */
export interface TAnswerRow {
  questionKey: string;
  item: string;
  tag: string | null;
  num: number | null;
  txt: string | null;
}

/**
 * What a type's `rows` gets from the server's submission check (surveys/answers.ts): where the
 * answer is, whether the submission is complete, how to make a row and how to refuse (each
 * throws the server's error with the field at fault).
 */
export interface TRowsContext {
  /** 'answers.<key>' */
  field: string;
  answers: TAnswers;
  complete: boolean;
  row(item: string, num: number | null, txt: string | null): TAnswerRow;
  invalid(field: string, reason: string): never;
  required(field: string): never;
  sum(sum: number, total: number): never;
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
  /**
   * The respondent page's check of a given (non-empty) answer, null = fine (check.ts
   * `validateQuestion` handles the unanswered case for every type).
   */
  check(q: Q, v: TAnswerValue, answers: TAnswers): TFieldError | null;
  /**
   * The server's check of a given (non-empty, shown) answer and its long rows: types, ranges,
   * options, unknown items, required items of a complete submission, the constant sum.
   */
  rows(q: Q, v: TAnswerValue, c: TRowsContext): TAnswerRow[];
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
const intIn = (x: unknown, min: number, max: number) =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
const inRange = (v: unknown, min: number, max: number): TFieldError | null =>
  intIn(v, min, max) ? null : { code: 'range', n: min, m: max };
const MAX_SHORT_TEXT = 500;

function intOf(c: TRowsContext, v: unknown, min: number, max: number, field: string): number {
  if (!isInt(v)) c.invalid(field, 'integer expected');
  if (v < min || v > max) c.invalid(field, `out of range ${min}..${max}`);
  return v;
}

function strOf(c: TRowsContext, v: unknown, max: number, field: string): string {
  if (typeof v !== 'string') c.invalid(field, 'text expected');
  if (v.length > max) c.invalid(field, `longer than ${max} characters`);
  return v;
}

/** Record answer (batteries, matrix, ...): only known items; returns the present items. */
function recordOf(
  c: TRowsContext,
  v: unknown,
  items: string[],
  field: string,
): Record<string, unknown> {
  if (!isRecord(v)) c.invalid(field, 'object expected');
  for (const k of Object.keys(v))
    if (!items.includes(k)) c.invalid(`${field}.${k}`, 'unknown item');
  return Object.fromEntries(Object.entries(v).filter(([, x]) => present(x)));
}

/** A battery (items as a record): known items only, all of them when required and complete. */
function batteryRows(
  c: TRowsContext,
  v: unknown,
  items: string[],
  required: boolean,
  num: (x: unknown, field: string) => number,
): TAnswerRow[] {
  const rec = recordOf(c, v, items, c.field);
  if (c.complete && required) {
    const miss = items.find((k) => !(k in rec));
    if (miss) c.required(`${c.field}.${miss}`);
  }
  return Object.entries(rec).map(([k, x]) => c.row(k, num(x, `${c.field}.${k}`), null));
}

/** A required battery/pair must have every item answered. */
const allItems = (required: boolean, keys: string[], v: TAnswerValue): TFieldError | null => {
  if (!required) return null;
  const rec = v as Record<string, unknown>;
  const miss = keys.find((k) => !present(rec[k]));
  return miss ? { code: 'incomplete', item: miss } : null;
};
const own = <Q extends TQuestion>(q: Q) => q.tag ?? null;
const same = <Q extends TQuestion>(q: Q) => q;

export const QUESTION_TYPE_DEFS: { [K in TQuestionType]: TQuestionTypeDef<QOf<K>> } = {
  rating: {
    rows: (q, v, c) => [c.row('', intOf(c, v, q.min, q.max, c.field), null)],
    check: (q, v) => inRange(v, q.min, q.max),
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [
      col('', txt(q.title, lang), 'num', 'int', ends(q.min, q.max, q.lowLabel, q.highLabel, lang)),
    ],
  },
  csat: {
    rows: (_q, v, c) => [c.row('', intOf(c, v, 1, 5, c.field), null)],
    check: (_q, v) => inRange(v, 1, 5),
    items: () => single,
    withDefaultTags: (q) => ({ ...q, tag: q.tag ?? 'csat' }),
    tag: own,
    columns: (q, lang) => [
      col('', txt(q.title, lang), 'num', 'int', ends(1, 5, q.lowLabel, q.highLabel, lang)),
    ],
  },
  scale: {
    rows: (q, v, c) => [c.row('', intOf(c, v, 1, q.points, c.field), null)],
    check: (q, v) => inRange(v, 1, q.points),
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [
      col('', txt(q.title, lang), 'num', 'int', ends(1, q.points, q.lowLabel, q.highLabel, lang)),
    ],
  },
  servqual: {
    rows: (q, v, c) =>
      batteryRows(
        c,
        v,
        q.items.map((i) => i.key),
        q.required,
        (x, fi) => intOf(c, x, 1, q.points, fi),
      ),
    check: (q, v) =>
      allItems(
        q.required,
        q.items.map((i) => i.key),
        v,
      ),
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
    rows: (q, v, c) => {
      const out = batteryRows(
        c,
        v,
        q.items.map((i) => i.key),
        q.required,
        (x, fi) => intOf(c, x, 0, q.total, fi),
      );
      if (out.length > 0) {
        const sum = out.reduce((s, r) => s + (r.num ?? 0), 0);
        if ((c.complete && sum !== q.total) || sum > q.total) return c.sum(sum, q.total);
      }
      return out;
    },
    check: (q, v) => {
      const rec = v as Record<string, unknown>;
      for (const i of q.items) {
        const x = rec[i.key];
        if (present(x) && !intIn(x, 0, q.total))
          return { code: 'range', item: i.key, n: 0, m: q.total };
      }
      const s = constantSumState(rec, q.total);
      // an untouched optional allocation is fine; a started one must add up
      return s.complete ? null : { code: 'sum', n: s.sum, m: q.total };
    },
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
    rows: (q, v, c) =>
      batteryRows(c, v, ['functional', 'dysfunctional'], q.required, (x, fi) =>
        intOf(c, x, 1, 5, fi),
      ),
    check: (q, v) => allItems(q.required, ['functional', 'dysfunctional'], v),
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
    rows: (q, v, c) => {
      const f = c.field;
      if (!isRecord(v)) return c.invalid(f, 'object expected');
      for (const k of Object.keys(v))
        if (!['price', 'benefits', 'wtp'].includes(k)) c.invalid(`${f}.${k}`, 'unknown item');
      const out: TAnswerRow[] = [];
      if (present(v.price))
        out.push(c.row('price', intOf(c, v.price, 1, q.points, `${f}.price`), null));
      if (present(v.benefits)) {
        const rec = recordOf(
          c,
          v.benefits,
          q.benefits.map((b) => b.key),
          `${f}.benefits`,
        );
        for (const [k, x] of Object.entries(rec))
          out.push(c.row(k, intOf(c, x, 1, q.points, `${f}.benefits.${k}`), null));
      }
      if (present(v.wtp)) {
        if (!isNum(v.wtp) || v.wtp < 0 || v.wtp > q.wtpMax)
          return c.invalid(`${f}.wtp`, `amount 0..${q.wtpMax} expected`);
        out.push(c.row('wtp', v.wtp, null));
      }
      if (c.complete && q.required && !out.some((r) => r.item === 'price'))
        return c.required(`${f}.price`);
      return out;
    },
    check: (q, v) => {
      const rec = v as Record<string, unknown>;
      if (q.required && !present(rec.price)) return { code: 'incomplete', item: 'price' };
      const w = rec.wtp;
      if (present(w) && (!isNum(w) || w < 0 || w > q.wtpMax))
        return { code: 'range', item: 'wtp', n: 0, m: q.wtpMax };
      return null;
    },
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
    rows: (q, v, c) => {
      const f = c.field;
      const s = strOf(c, v, 200, f);
      if (q.allowOther && s === 'other') {
        const other = c.answers[`${q.key}__other`];
        const out = [c.row('', null, 'other')];
        if (present(other))
          out.push(c.row('other', null, strOf(c, other, MAX_SHORT_TEXT, `${f}__other`)));
        return out;
      }
      const i = q.options.findIndex((o) => o.value === s);
      if (i < 0) return c.invalid(f, 'not one of the options');
      return [c.row('', q.options[i]?.code ?? i + 1, s)];
    },
    check: (q, v, answers) =>
      q.allowOther && v === 'other' && q.required && !present(answers[`${q.key}__other`])
        ? { code: 'required', item: 'other' }
        : null,
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
    rows: (q, v, c) => {
      const f = c.field;
      if (!Array.isArray(v)) return c.invalid(f, 'list expected');
      if (new Set(v).size !== v.length) return c.invalid(f, 'repeated option');
      const rows = v.map((s) => {
        const i = q.options.findIndex((o) => o.value === s);
        if (i < 0) return c.invalid(f, `not one of the options: ${String(s)}`);
        return c.row(String(s), q.options[i]?.code ?? i + 1, String(s));
      });
      if (q.maxSelected !== undefined && rows.length > q.maxSelected)
        return c.invalid(f, `at most ${q.maxSelected}`);
      if (c.complete && q.minSelected !== undefined && rows.length < q.minSelected)
        return c.invalid(f, `at least ${q.minSelected}`);
      return rows;
    },
    check: (q, v) => {
      const n = Array.isArray(v) ? v.length : 0;
      if (q.maxSelected !== undefined && n > q.maxSelected)
        return { code: 'max_selected', n: q.maxSelected };
      if (q.minSelected !== undefined && n < q.minSelected)
        return { code: 'min_selected', n: q.minSelected };
      return null;
    },
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
    rows: (q, v, c) => {
      const cols = q.columns.map((col) => col.value);
      return batteryRows(
        c,
        v,
        q.rows.map((r) => r.key),
        q.required,
        (x, fi) => {
          if (!isInt(x) || !cols.includes(x)) return c.invalid(fi, 'not one of the columns');
          return x;
        },
      );
    },
    check: (q, v) =>
      allItems(
        q.required,
        q.rows.map((r) => r.key),
        v,
      ),
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
    rows: (q, v, c) => [c.row('', null, strOf(c, v, q.maxLength, c.field))],
    check: (q, v) => (String(v).length > q.maxLength ? { code: 'too_long', n: q.maxLength } : null),
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [col('', txt(q.title, lang), 'text', 'text')],
  },
  number: {
    rows: (q, v, c) => {
      const f = c.field;
      if (!isNum(v)) return c.invalid(f, 'number expected');
      if (q.integer && !Number.isInteger(v)) return c.invalid(f, 'integer expected');
      if (v < q.min || v > q.max) return c.invalid(f, `out of range ${q.min}..${q.max}`);
      return [c.row('', v, null)];
    },
    check: (q, v) => {
      if (!isNum(v)) return { code: 'range', n: q.min, m: q.max };
      if (q.integer && !Number.isInteger(v)) return { code: 'integer' };
      return v < q.min || v > q.max ? { code: 'range', n: q.min, m: q.max } : null;
    },
    items: () => single,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) => [col('', txt(q.title, lang), 'num', 'num')],
  },
  contact: {
    rows: (q, v, c) => {
      const rec = recordOf(c, v, q.fields, c.field);
      return Object.entries(rec).map(([k, x]) => {
        const s = strOf(c, x, 320, `${c.field}.${k}`);
        if (k === 'email' && !EMAIL_PATTERN.test(s))
          c.invalid(`${c.field}.email`, 'email expected');
        return c.row(k, null, s);
      });
    },
    check: (_q, v) => {
      const rec = v as Record<string, unknown>;
      return present(rec.email) && !EMAIL_PATTERN.test(String(rec.email))
        ? { code: 'email', item: 'email' }
        : null;
    },
    items: (q) => q.fields,
    withDefaultTags: same,
    tag: own,
    columns: (q, lang) =>
      q.fields.map((f) => col(f, `${txt(q.title, lang)}: ${f}`, 'text', 'text')),
  },
  date: {
    rows: (q, v, c) => {
      const f = c.field;
      const s = strOf(c, v, 10, f);
      if (!isIsoDate(s)) return c.invalid(f, 'date YYYY-MM-DD expected');
      if ((q.min && s < q.min) || (q.max && s > q.max)) return c.invalid(f, 'date out of range');
      return [c.row('', null, s)];
    },
    check: (q, v) => {
      const s = String(v);
      if (!isIsoDate(s)) return { code: 'date' };
      return (q.min && s < q.min) || (q.max && s > q.max) ? { code: 'date' } : null;
    },
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
