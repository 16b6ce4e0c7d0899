// The respondent page's checks of one question or page before moving on: the message-friendly
// subset of what the server enforces on submit (the server re-checks everything, with the same
// predicates from ./values and ./display). Each type's own check is its `check` in the
// question-type registry (./question-types).
import type { TAnswers, TAnswerValue, TPage, TQuestion } from '../surveys';
import { visible } from './display';
import { questionType } from './question-types';
import { isEmptyAnswer } from './values';

export { constantSumState, sumOf } from './values';

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

/** Client-side check of one visible question (null = fine); per type in the registry. */
export function validateQuestion(
  q: TQuestion,
  v: TAnswerValue | undefined,
  answers: TAnswers = {},
): TFieldError | null {
  if (v === undefined || isEmptyAnswer(v)) return q.required ? { code: 'required' } : null;
  // a type this copy does not know (an older page, a newer definition) is not checked here
  return questionType(q)?.check(q, v, answers) ?? null;
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
