// The respondent page's checks of one question or page before moving on: the message-friendly
// subset of what the server enforces on submit (the server re-checks everything, with the same
// predicates from ./values and ./display).
import type { TAnswers, TAnswerValue, TPage, TQuestion } from '../surveys';
import { visible } from './display';
import { questionItems } from './items';
import { EMAIL_PATTERN, isEmptyAnswer, isIsoDate, isNum, isRecord, present } from './values';

export function sumOf(v: unknown): number {
  if (!isRecord(v)) return 0;
  let s = 0;
  for (const x of Object.values(v)) if (isNum(x)) s += x;
  return s;
}

/** State of a constant-sum allocation: the remaining points and whether it can be submitted. */
export function constantSumState(v: unknown, total: number) {
  const sum = sumOf(v);
  return { sum, remaining: total - sum, over: sum > total, complete: sum === total };
}

export type TErrorCode =
  | 'required'
  | 'incomplete'
  | 'range'
  | 'integer'
  | 'sum'
  | 'email'
  | 'min_selected'
  | 'max_selected'
  | 'too_long'
  | 'date';

export interface TFieldError {
  code: TErrorCode;
  /** item / sub-field at fault (e.g. a SERVQUAL item key), when any */
  item?: string;
  /** numbers for the message: limit, sum, total */
  n?: number;
  m?: number;
}

const intIn = (x: unknown, min: number, max: number) =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

/** Client-side check of one visible question (null = fine). */
export function validateQuestion(
  q: TQuestion,
  v: TAnswerValue | undefined,
  answers: TAnswers = {},
): TFieldError | null {
  if (isEmptyAnswer(v)) return q.required ? { code: 'required' } : null;
  switch (q.type) {
    case 'rating':
      return intIn(v, q.min, q.max) ? null : { code: 'range', n: q.min, m: q.max };
    case 'csat':
      return intIn(v, 1, 5) ? null : { code: 'range', n: 1, m: 5 };
    case 'scale':
      return intIn(v, 1, q.points) ? null : { code: 'range', n: 1, m: q.points };
    case 'number':
      if (!isNum(v)) return { code: 'range', n: q.min, m: q.max };
      if (q.integer && !Number.isInteger(v)) return { code: 'integer' };
      return v < q.min || v > q.max ? { code: 'range', n: q.min, m: q.max } : null;
    case 'servqual':
    case 'matrix':
    case 'kano':
    case 'constant_sum': {
      const rec = v as Record<string, unknown>;
      const keys = questionItems(q);
      if (q.type === 'constant_sum') {
        for (const k of keys) {
          const x = rec[k];
          if (present(x) && !intIn(x, 0, q.total))
            return { code: 'range', item: k, n: 0, m: q.total };
        }
        const s = constantSumState(rec, q.total);
        // an untouched optional allocation is fine; a started one must add up
        return s.complete ? null : { code: 'sum', n: s.sum, m: q.total };
      }
      if (q.required) {
        const miss = keys.find((k) => !present(rec[k]));
        if (miss) return { code: 'incomplete', item: miss };
      }
      return null;
    }
    case 'value': {
      const rec = v as Record<string, unknown>;
      if (q.required && !present(rec.price)) return { code: 'incomplete', item: 'price' };
      const w = rec.wtp;
      if (present(w) && (!isNum(w) || w < 0 || w > q.wtpMax))
        return { code: 'range', item: 'wtp', n: 0, m: q.wtpMax };
      return null;
    }
    case 'single':
      if (q.allowOther && v === 'other' && q.required && !present(answers[`${q.key}__other`]))
        return { code: 'required', item: 'other' };
      return null;
    case 'multiple': {
      const n = Array.isArray(v) ? v.length : 0;
      if (q.maxSelected !== undefined && n > q.maxSelected)
        return { code: 'max_selected', n: q.maxSelected };
      if (q.minSelected !== undefined && n < q.minSelected)
        return { code: 'min_selected', n: q.minSelected };
      return null;
    }
    case 'text':
      return String(v).length > q.maxLength ? { code: 'too_long', n: q.maxLength } : null;
    case 'contact': {
      const rec = v as Record<string, unknown>;
      if (present(rec.email) && !EMAIL_PATTERN.test(String(rec.email)))
        return { code: 'email', item: 'email' };
      return null;
    }
    case 'date': {
      const s = String(v);
      if (!isIsoDate(s)) return { code: 'date' };
      if ((q.min && s < q.min) || (q.max && s > q.max)) return { code: 'date' };
      return null;
    }
  }
  return null;
}

/** Errors of the visible questions of one page, by question key. */
export function validatePage(page: TPage, answers: TAnswers): Record<string, TFieldError> {
  const out: Record<string, TFieldError> = {};
  if (!visible(page.displayIf, answers)) return out;
  for (const q of page.questions) {
    if (!visible(q.displayIf, answers)) continue;
    const e = validateQuestion(q, answers[q.key], answers);
    if (e) out[q.key] = e;
  }
  return out;
}
