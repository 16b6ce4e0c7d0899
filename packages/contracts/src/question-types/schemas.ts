// The zod schemas of the question types: one line per type folder (`<type>/schema.ts`), in the
// order of the discriminated union surveys.ts builds from QUESTION_SCHEMAS. Not imported by
// survey-logic (zod stays out of the respondent bundle).
import type { TQuestionType } from '../survey-logic/constants';
import { ZConstantSumQuestionSchema } from './constant_sum/schema';
import { ZContactQuestionSchema } from './contact/schema';
import { ZCsatQuestionSchema } from './csat/schema';
import { ZDateQuestionSchema } from './date/schema';
import { ZKanoQuestionSchema } from './kano/schema';
import { ZMatrixQuestionSchema } from './matrix/schema';
import { ZMultipleQuestionSchema } from './multiple/schema';
import { ZNumberQuestionSchema } from './number/schema';
import { ZRatingQuestionSchema } from './rating/schema';
import { ZScaleQuestionSchema } from './scale/schema';
import { ZServqualQuestionSchema } from './servqual/schema';
import { ZSingleQuestionSchema } from './single/schema';
import { ZTextQuestionSchema } from './text/schema';
import { ZValueQuestionSchema } from './value/schema';

export { ZServqualItemSchema } from './servqual/schema';
export {
  ZConstantSumQuestionSchema,
  ZContactQuestionSchema,
  ZCsatQuestionSchema,
  ZDateQuestionSchema,
  ZKanoQuestionSchema,
  ZMatrixQuestionSchema,
  ZMultipleQuestionSchema,
  ZNumberQuestionSchema,
  ZRatingQuestionSchema,
  ZScaleQuestionSchema,
  ZServqualQuestionSchema,
  ZSingleQuestionSchema,
  ZTextQuestionSchema,
  ZValueQuestionSchema,
};

export const QUESTION_SCHEMAS = [
  ZRatingQuestionSchema,
  ZCsatQuestionSchema,
  ZScaleQuestionSchema,
  ZServqualQuestionSchema,
  ZConstantSumQuestionSchema,
  ZKanoQuestionSchema,
  ZValueQuestionSchema,
  ZSingleQuestionSchema,
  ZMultipleQuestionSchema,
  ZMatrixQuestionSchema,
  ZTextQuestionSchema,
  ZNumberQuestionSchema,
  ZContactQuestionSchema,
  ZDateQuestionSchema,
] as const;

/** The schema of each type, by type (for the registry test and callers that pick one). */
export const QUESTION_SCHEMA_BY_TYPE = Object.fromEntries(
  QUESTION_SCHEMAS.map((s) => [s.shape.type.value, s]),
) as {
  [K in TQuestionType]: Extract<
    (typeof QUESTION_SCHEMAS)[number],
    { shape: { type: { value: K } } }
  >;
};

// A type in QUESTION_TYPES without a schema above does not compile.
type Missing = Exclude<TQuestionType, (typeof QUESTION_SCHEMAS)[number]['shape']['type']['value']>;
const everyTypeHasASchema: [Missing] extends [never] ? true : Missing = true;
void everyTypeHasASchema;
