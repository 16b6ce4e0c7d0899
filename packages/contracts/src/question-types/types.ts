// The shape of a question type's zod-free record (`<type>/index.ts`) and what the generic code
// hands it. Types only.

import type { TFieldError } from '../survey-logic/check';
import type { TLang, TQuestionType } from '../survey-logic/constants';
import type { TAnswers, TAnswerValue, TQuestion } from '../surveys';

/** The question shape of one type. */
export type QOf<K extends TQuestionType> = Extract<TQuestion, { type: K }>;

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

/**
 * What a type's `define` gets from the server's definition check (surveys/definition.ts): the
 * field path of the question and how to refuse (SURVEY_DEFINITION_INVALID naming the field).
 */
export interface TDefineContext {
  /** 'pages.<p>.questions.<q>' */
  field: string;
  fail(field: string, reason: string): never;
  /** refuses the first repeated key, naming `${field}.${index}` */
  uniq(keys: string[], field: string): void;
}

export interface TQuestionTypeDef<Q extends TQuestion = TQuestion> {
  /** Definition rules beyond the zod shape (unique item keys, consistent bounds), if any. */
  define?(q: Q, c: TDefineContext): void;
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
