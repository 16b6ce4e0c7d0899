// `@fidelia/contracts/survey-logic`: survey constants and the display/skip logic, piping and
// answer checks shared by the server and the respondent page. Imports no zod (types only from
// ../surveys, erased at build), so the respondent bundle stays small; zod-free.test.ts enforces it.
export * from './check';
export * from './constants';
export * from './display';
export * from './items';
export * from './question-types';
export * from './report-order';
export * from './text';
export * from './values';
