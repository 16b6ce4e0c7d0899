// The question-type registry, as survey-logic exposes it. Each type lives in its own folder
// (`src/question-types/<type>/`: `index.ts` the zod-free record — definition rules, stored
// items, default tags, export columns, the respondent page's check, the server's check and long
// rows — and `schema.ts` its zod schema); `question-types/registry.ts` lists the records.
import { QUESTION_TYPE_DEFS } from '../question-types/registry';
import type { TQuestionTypeDef } from '../question-types/types';
import type { TQuestion } from '../surveys';

export { QUESTION_TYPE_DEFS } from '../question-types/registry';
export type {
  QOf,
  TAnswerRow,
  TDefineContext,
  TQuestionTypeDef,
  TRowsContext,
  TTypeColumn,
} from '../question-types/types';

/** The record of a question's type (one cast here instead of a switch at every caller). */
export function questionType(q: TQuestion): TQuestionTypeDef {
  return QUESTION_TYPE_DEFS[q.type] as unknown as TQuestionTypeDef;
}

/** Wide-layout column name of one stored value: `key`, or `key.item`. */
export const columnName = (key: string, item: string): string => (item ? `${key}.${item}` : key);
