// What one response says, in words: the survey's pages in order, each answered question under its
// title in the UI language, battery items under their item texts, scale points with their labels
// ("6 / 7", "1 / 5 · Nada probable"). Internal keys (sq_e, e1…e22, empathy) never reach the screen.
import type { TAnswerValue, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import { lt, type TLang } from '@fidelia/contracts/survey-logic';
import { STAFF_TYPES } from '../../question-types/staff';
import { isRec, oneLine, type TStaffType } from '../../question-types/staff-kit';

export interface TAnswerLine {
  label: string;
  value: string;
}
export interface TAnswerBlock {
  key: string;
  title: string;
  /** one line per item for batteries, matrices, Kano pairs, contact fields; else a single value */
  lines: TAnswerLine[];
}
export interface TPageBlock {
  key: string;
  /** empty when the page has no title */
  title: string;
  answers: TAnswerBlock[];
}

/** The lines shown for one answered question (empty when nothing readable was answered); each
 *  type's `detail` in question-types/<type>/staff.ts. */
export function answerLines(q: TQuestion, v: TAnswerValue, lang: TLang): TAnswerLine[] {
  const type = STAFF_TYPES[q.type] as TStaffType | undefined;
  if (!type) return oneLine('', v === null || v === undefined ? '' : String(v));
  return type.detail(q, v, lang, isRec(v) ? v : {});
}

/** Answered questions grouped by the survey's pages, in the survey's order. */
export function responseDetail(
  def: TSurveyDefinition,
  answers: Record<string, TAnswerValue>,
  lang: TLang,
): TPageBlock[] {
  const pages: TPageBlock[] = [];
  for (const p of def.pages) {
    const blocks: TAnswerBlock[] = [];
    for (const q of p.questions) {
      const v = answers[q.key];
      if (v === undefined || v === null || v === '') continue;
      const lines = answerLines(q, v, lang);
      if (lines.length) blocks.push({ key: q.key, title: lt(q.title, lang), lines });
    }
    if (blocks.length) pages.push({ key: p.key, title: lt(p.title, lang), answers: blocks });
  }
  return pages;
}

/** Answers whose question is no longer in this version of the survey (count only: no keys shown). */
export function unknownAnswers(def: TSurveyDefinition, answers: Record<string, TAnswerValue>) {
  const known = new Set(def.pages.flatMap((p) => p.questions.map((q) => q.key)));
  return Object.keys(answers).filter((k) => !known.has(k)).length;
}
