// What a question type's staff part (`<type>/staff.ts`, no React) provides and the helpers those
// share: the builder's defaults of a new question, the staff entry fields (one keyboard field
// per stored value, features/surveys/entry.ts) and the answer detail lines
// (features/surveys/answerDetail.ts).
import type { TAnswerValue, TQuestion } from '@fidelia/contracts';
import { lt, type QOf, type TLang, type TQuestionType } from '@fidelia/contracts/survey-logic';
import type { TAnswerLine } from '../features/surveys/answerDetail';
import type { TEntryField } from '../features/surveys/entry';
import { num } from '../lib/format';

export const L = (es: string, en: string) => ({ es, en });

/** The fields a new question keeps from the one it replaces (builder.ts `newQuestion`). */
export type TQuestionBase = Pick<
  TQuestion,
  'key' | 'title' | 'required' | 'tag' | 'help' | 'displayIf'
>;

export const DEFAULT_ITEMS = [
  { key: 'a', text: L('Elemento A', 'Item A') },
  { key: 'b', text: L('Elemento B', 'Item B') },
];
export const DEFAULT_OPTIONS = [
  { value: 'a', label: L('Opción A', 'Option A') },
  { value: 'b', label: L('Opción B', 'Option B') },
];

// ------------------------------------------------------------------------------ staff entry
type TFieldRest = Omit<TEntryField, 'id' | 'q' | 'item' | 'required' | 'page' | 'code' | 'text'>;

/** Builders of a question's entry fields (made per question by entry.ts). */
export interface TEntryKit {
  base: { q: string; required: boolean; page: number };
  /** the question's only field (id = key, labelled with its title) */
  one(f: TFieldRest): TEntryField[];
  /** one integer field per item (`key.item`) */
  items(
    list: { key: string; text: string; code?: string }[],
    r: { min: number; max: number; low?: string; high?: string },
  ): TEntryField[];
}

export const int = (min: number, max: number) => ({ kind: 'int' as const, min, max });
type TLocal = Partial<Record<TLang, string>> | undefined;
/** End labels of a scale question, left out when it has none. */
export const ends = (lang: TLang, lo: TLocal, hi: TLocal) => {
  const low = lo ? lt(lo, lang) : '';
  const high = hi ? lt(hi, lang) : '';
  return { ...(low ? { low } : {}), ...(high ? { high } : {}) };
};

// ---------------------------------------------------------------------------- answer detail
export type TRec = Record<string, unknown>;
export const isRec = (v: unknown): v is TRec =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
export const n = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** "4 / 5", with the end label when the point is an end of the scale. */
export function point(
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

/** One unlabelled line, none when the value is empty. */
export function oneLine(label: string, value: string): TAnswerLine[] {
  return value === '' ? [] : [{ label, value }];
}

// ------------------------------------------------------------------------------------- type
export interface TStaffType<Q extends TQuestion = TQuestion> {
  /** A new question of this type keeping the common fields of `base`. */
  defaults(base: TQuestionBase): Q;
  /** Its staff entry fields, in order. */
  entry(q: Q, lang: TLang, k: TEntryKit): TEntryField[];
  /** The lines the answer detail shows for a given answer (`r`: the answer as a record or {}). */
  detail(q: Q, v: TAnswerValue, lang: TLang, r: TRec): TAnswerLine[];
}

export type TStaffTypes = { [K in TQuestionType]: TStaffType<QOf<K>> };
