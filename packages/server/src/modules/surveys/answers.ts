// Validates submitted answers against a published definition (types, ranges, options, unknown
// keys, display logic, required, constant sum, text length) and turns them into long-format rows.
// The per-type rules are each type's `rows` in the question-type registry
// (@fidelia/contracts/survey-logic question-types.ts); this file walks the definition.
// Pure; every error names the field at fault (details.field = 'answers.<key>[.<item>]').
// Display logic and the value predicates come from @fidelia/contracts/survey-logic, the code the
// respondent page runs, so what the page hides is what this refuses.
import type { TAnswers, TAnswerValue, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import {
  isEmptyAnswer,
  present,
  questionShown,
  questionType,
  type TAnswerRow,
  tagFor,
} from '@fidelia/contracts/survey-logic';
import { AppError, registerErrors } from '../../lib/errors';

registerErrors({
  SURVEY_ANSWER_UNKNOWN: {
    status: 400,
    es: 'La respuesta contiene una pregunta que no existe en la encuesta.',
    en: 'The response answers a question that is not in the survey.',
  },
  SURVEY_ANSWER_INVALID: {
    status: 400,
    es: 'Una respuesta no es válida para su pregunta.',
    en: 'An answer is not valid for its question.',
  },
  SURVEY_ANSWER_REQUIRED: {
    status: 400,
    es: 'Falta responder una pregunta obligatoria.',
    en: 'A required question is unanswered.',
  },
  SURVEY_ANSWER_HIDDEN: {
    status: 400,
    es: 'Se respondió una pregunta que no debía mostrarse.',
    en: 'A hidden question was answered.',
  },
  SURVEY_CONSTANT_SUM: {
    status: 400,
    es: 'Los puntos repartidos deben sumar el total indicado.',
    en: 'The allocated points must add up to the total.',
  },
});

/** One stored value (a row of survey_answers). */
export type TLongRow = TAnswerRow;

function invalid(field: string, reason: string): never {
  throw new AppError('SURVEY_ANSWER_INVALID', { field, reason });
}

/** Validates one question's answer and returns its long rows (per type: the registry's `rows`). */
function rowsFor(q: TQuestion, v: TAnswerValue, answers: TAnswers, complete: boolean): TLongRow[] {
  const field = `answers.${q.key}`;
  return questionType(q).rows(q, v, {
    field,
    answers,
    complete,
    row: (item, num, txt) => ({ questionKey: q.key, item, tag: tagFor(q, item), num, txt }),
    invalid,
    required: (f) => {
      throw new AppError('SURVEY_ANSWER_REQUIRED', { field: f });
    },
    sum: (sum, total) => {
      throw new AppError('SURVEY_CONSTANT_SUM', { field, sum, total });
    },
  });
}

/**
 * Checks every answer of a submission against the definition. Partial submissions check values
 * but not required-ness. Returns the long-format rows to store.
 */
export function evaluateAnswers(
  def: TSurveyDefinition,
  answers: TAnswers,
  status: 'partial' | 'complete',
): TLongRow[] {
  const complete = status === 'complete';
  const known = new Map<string, TQuestion>();
  for (const p of def.pages) for (const q of p.questions) known.set(q.key, q);
  for (const k of Object.keys(answers)) {
    if (known.has(k)) continue;
    const base = k.endsWith('__other') ? known.get(k.slice(0, -7)) : undefined;
    if (base?.type === 'single' && base.allowOther) continue;
    throw new AppError('SURVEY_ANSWER_UNKNOWN', { field: `answers.${k}` });
  }
  const rows: TLongRow[] = [];
  for (const p of def.pages) {
    for (const q of p.questions) {
      const v = answers[q.key];
      // the very rule the respondent page pages with (survey-logic/display.ts)
      if (!questionShown(p, q, answers)) {
        if (present(v)) throw new AppError('SURVEY_ANSWER_HIDDEN', { field: `answers.${q.key}` });
        continue;
      }
      if (isEmptyAnswer(v)) {
        if (complete && q.required)
          throw new AppError('SURVEY_ANSWER_REQUIRED', { field: `answers.${q.key}` });
        continue;
      }
      rows.push(...rowsFor(q, v as TAnswerValue, answers, complete));
    }
  }
  return rows;
}
