// Helpers the question types share (zod-free): export labels and columns, the server's value
// checks (integers in range, texts, records of known items, batteries) and the respondent
// page's range/completeness checks.

import type { TFieldError } from '../survey-logic/check';
import type { TLang } from '../survey-logic/constants';
import { isInt, isRecord, present } from '../survey-logic/values';
import type { TAnswerValue, TQuestion } from '../surveys';
import type { TAnswerRow, TRowsContext, TTypeColumn } from './types';

type L = { es?: string | undefined; en?: string | undefined } | undefined;

// Exports label with `??` (an empty wording stays empty), unlike the respondent page's lt().
export const txt = (t: L, lang: TLang) =>
  (lang === 'en' ? (t?.en ?? t?.es) : (t?.es ?? t?.en)) ?? '';
export const ends = (min: number, max: number, lo: L, hi: L, lang: TLang): [number, string][] =>
  [[min, txt(lo, lang)] as [number, string], [max, txt(hi, lang)] as [number, string]].filter(
    ([, l]) => l,
  );
export const col = (
  item: string,
  label: string,
  kind: TTypeColumn['kind'],
  cell: TTypeColumn['cell'],
  values: [number, string][] = [],
): TTypeColumn => ({ item, label, kind, values, cell });

/** The items of a one-value question. */
export const single = [''];
export const intIn = (x: unknown, min: number, max: number) =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
export const inRange = (v: unknown, min: number, max: number): TFieldError | null =>
  intIn(v, min, max) ? null : { code: 'range', n: min, m: max };
export const MAX_SHORT_TEXT = 500;

export function intOf(
  c: TRowsContext,
  v: unknown,
  min: number,
  max: number,
  field: string,
): number {
  if (!isInt(v)) c.invalid(field, 'integer expected');
  if (v < min || v > max) c.invalid(field, `out of range ${min}..${max}`);
  return v;
}

export function strOf(c: TRowsContext, v: unknown, max: number, field: string): string {
  if (typeof v !== 'string') c.invalid(field, 'text expected');
  if (v.length > max) c.invalid(field, `longer than ${max} characters`);
  return v;
}

/** Record answer (batteries, matrix, ...): only known items; returns the present items. */
export function recordOf(
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
export function batteryRows(
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
export const allItems = (
  required: boolean,
  keys: string[],
  v: TAnswerValue,
): TFieldError | null => {
  if (!required) return null;
  const rec = v as Record<string, unknown>;
  const miss = keys.find((k) => !present(rec[k]));
  return miss ? { code: 'incomplete', item: miss } : null;
};
/** The question's own tag (one-value questions). */
export const own = <Q extends TQuestion>(q: Q) => q.tag ?? null;
/** No default tags to fill. */
export const same = <Q extends TQuestion>(q: Q) => q;
