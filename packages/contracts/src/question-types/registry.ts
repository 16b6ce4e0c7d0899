// The zod-free registry of question types: one line per type folder. The mapped type makes a type
// listed in QUESTION_TYPES (survey-logic/constants.ts) without a record here a compile error, and
// registry.test.ts checks every folder has all its parts. Imported by survey-logic (respondent
// bundle): no zod here, the schemas have their own registry (./schemas.ts).
import type { TQuestionType } from '../survey-logic/constants';
import { constant_sum } from './constant_sum';
import { contact } from './contact';
import { csat } from './csat';
import { date } from './date';
import { kano } from './kano';
import { matrix } from './matrix';
import { multiple } from './multiple';
import { number } from './number';
import { rating } from './rating';
import { scale } from './scale';
import { servqual } from './servqual';
import { single } from './single';
import { text } from './text';
import type { QOf, TQuestionTypeDef } from './types';
import { value } from './value';

export const QUESTION_TYPE_DEFS: { [K in TQuestionType]: TQuestionTypeDef<QOf<K>> } = {
  rating,
  csat,
  scale,
  servqual,
  constant_sum,
  kano,
  value,
  single,
  multiple,
  matrix,
  text,
  number,
  contact,
  date,
};
