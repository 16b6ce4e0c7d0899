// Staff data entry (phone, postal, in person) without React: the definition flattened into one
// keyboard field per stored value, typed text → answers (with the same ranges the server checks),
// when a typed value is complete (auto-advance), and server error fields → entry fields.
import type { TAnswers, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import { lt, pruneHidden, type TLang } from '@fidelia/contracts/survey-logic';
import { STAFF_TYPES } from '../../question-types/staff';
import type { TEntryKit, TStaffType } from '../../question-types/staff-kit';

export type TFieldKind = 'int' | 'number' | 'text' | 'choice' | 'multi' | 'date';

export interface TEntryField {
  /** question key, or `key.item` for batteries, pairs and sub-fields */
  id: string;
  q: string;
  item: string | null;
  /** sub-record of value questions (benefits) */
  group?: 'benefits';
  kind: TFieldKind;
  /** short label (SERVQUAL: E1, P5; Kano: functional) and the question/item wording */
  code: string;
  text: string;
  min?: number;
  max?: number;
  /** single/multiple: options typed by number 1..n */
  options?: { n: number; value: string; label: string }[];
  required: boolean;
  page: number;
  /** Kano items: the five standard answers (1 like … 5 dislike) are shown as the hint */
  scale?: 'kano';
  /** the scale's end labels (1 = low … max = high), in the UI language, when the question has them */
  low?: string;
  high?: string;
  /** contact questions: which detail the field takes */
  sub?: 'name' | 'email' | 'phone';
}

/** One field per stored value, in survey order. */
export function entryFields(def: TSurveyDefinition, lang: TLang): TEntryField[] {
  const out: TEntryField[] = [];
  def.pages.forEach((p, page) => {
    for (const q of p.questions) out.push(...fieldsOf(q, lang, page));
  });
  return out;
}

/** The fields of one question, from its type (question-types/<type>/staff.ts `entry`). */
function fieldsOf(q: TQuestion, lang: TLang, page: number): TEntryField[] {
  const base = { q: q.key, required: q.required, page };
  const kit: TEntryKit = {
    base,
    one: (f) => [{ ...base, id: q.key, item: null, code: q.key, text: lt(q.title, lang), ...f }],
    items: (list, r) =>
      list.map((i) => ({
        ...base,
        id: `${q.key}.${i.key}`,
        item: i.key,
        code: i.code ?? i.key,
        text: i.text,
        kind: 'int' as const,
        ...r,
      })),
  };
  const type = STAFF_TYPES[q.type] as TStaffType | undefined;
  return type ? type.entry(q, lang, kit) : [];
}

export type TFieldError = 'range' | 'number' | 'option' | 'date';

function parseField(f: TEntryField, raw: string): { value?: unknown; error?: TFieldError } {
  const s = raw.trim();
  if (s === '') return {};
  switch (f.kind) {
    case 'int':
    case 'number': {
      const n = Number(s.replace(',', '.'));
      if (!Number.isFinite(n)) return { error: 'number' };
      if (f.kind === 'int' && !Number.isInteger(n)) return { error: 'number' };
      if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max))
        return { error: 'range' };
      return { value: n };
    }
    case 'choice': {
      const o = f.options?.find((x) => String(x.n) === s || x.value === s);
      return o ? { value: o.value } : { error: 'option' };
    }
    case 'multi': {
      const parts = s.split(/[\s,;]+/).filter(Boolean);
      const vals: string[] = [];
      for (const p of parts) {
        const o = f.options?.find((x) => String(x.n) === p || x.value === p);
        if (!o) return { error: 'option' };
        if (!vals.includes(o.value)) vals.push(o.value);
      }
      return { value: vals };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? { value: s } : { error: 'date' };
    default:
      return { value: s.slice(0, f.max ?? 2000) };
  }
}

/** The error of one typed value, if any. */
export function checkField(f: TEntryField, raw: string): TFieldError | undefined {
  return parseField(f, raw).error;
}

/** Typed values → answers; per-field errors for values out of range. Hidden questions (display
 *  logic on what was typed) are dropped, as the server would refuse them. */
export function buildAnswers(
  def: TSurveyDefinition,
  fields: TEntryField[],
  values: Record<string, string>,
): { answers: TAnswers; errors: Record<string, TFieldError> } {
  const answers: Record<string, unknown> = {};
  const errors: Record<string, TFieldError> = {};
  for (const f of fields) {
    const r = parseField(f, values[f.id] ?? '');
    if (r.error) errors[f.id] = r.error;
    if (r.value === undefined) continue;
    if (f.item === null) answers[f.q] = r.value;
    else {
      const rec = (answers[f.q] ?? {}) as Record<string, unknown>;
      if (f.group) rec[f.group] = { ...((rec[f.group] as object) ?? {}), [f.item]: r.value };
      else rec[f.item] = r.value;
      answers[f.q] = rec;
    }
  }
  return { answers: pruneHidden(def, answers as TAnswers), errors };
}

/** A typed value that cannot grow into another valid one: move to the next field. */
export function isComplete(f: TEntryField, raw: string): boolean {
  if (f.kind !== 'int' && f.kind !== 'choice') return false;
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return false;
  const max = f.kind === 'choice' ? (f.options?.length ?? 0) : (f.max ?? 0);
  const n = Number(s);
  if (f.kind === 'int' && f.min !== undefined && n < f.min && n * 10 > max) return false;
  return n * 10 > max || (n === 0 && s.length === 1 && (f.min ?? 0) === 0);
}

/** details.field of a server error (answers.<key>[.<item>]) → the entry field to fix. */
export function fieldOfError(fields: TEntryField[], field: string | undefined): string | null {
  if (!field?.startsWith('answers.')) return null;
  const path = field.slice('answers.'.length).replace(/__other$/, '');
  const exact = fields.find((f) => f.id === path);
  if (exact) return exact.id;
  return fields.find((f) => f.q === path.split('.')[0])?.id ?? null;
}

/** Client-generated response id (idempotent retries). */
export { uuid } from '../../api/uuid';
