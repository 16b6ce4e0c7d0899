// Display and skip logic: which pages and questions a respondent sees for the answers so far.
// The respondent page uses it to move between pages, the server to refuse answers to hidden
// questions, so both always agree.
import type {
  TAnswers,
  TCondition,
  TDisplayIf,
  TPage,
  TQuestion,
  TSurveyDefinition,
} from '../surveys';
import { isNum, isRecord, present } from './values';

function answerOf(answers: TAnswers, c: TCondition): unknown {
  const v = answers[c.q];
  if (c.item !== undefined) return isRecord(v) ? v[c.item] : undefined;
  return v;
}

export function holds(c: TCondition, answers: TAnswers): boolean {
  const v = answerOf(answers, c);
  const want = c.value;
  switch (c.op) {
    case 'answered':
      return present(v);
    case 'not_answered':
      return !present(v);
    case 'eq':
      return present(v) && v === want;
    case 'neq':
      return present(v) && v !== want;
    case 'gt':
      return isNum(v) && isNum(want) && v > want;
    case 'gte':
      return isNum(v) && isNum(want) && v >= want;
    case 'lt':
      return isNum(v) && isNum(want) && v < want;
    case 'lte':
      return isNum(v) && isNum(want) && v <= want;
    case 'in':
      return Array.isArray(want) && (want as unknown[]).includes(v);
    case 'includes':
      return Array.isArray(v) && (v as unknown[]).includes(want);
    default:
      return false;
  }
}

export function visible(d: TDisplayIf | undefined, answers: TAnswers): boolean {
  if (!d) return true;
  return d.mode === 'any'
    ? d.conditions.some((c) => holds(c, answers))
    : d.conditions.every((c) => holds(c, answers));
}

export function questionShown(page: TPage, q: TQuestion, answers: TAnswers): boolean {
  return visible(page.displayIf, answers) && visible(q.displayIf, answers);
}

/** Indexes of the pages shown for these answers. */
export function visiblePages(def: TSurveyDefinition, answers: TAnswers): number[] {
  const out: number[] = [];
  def.pages.forEach((p, i) => {
    if (visible(p.displayIf, answers) && p.questions.some((q) => visible(q.displayIf, answers)))
      out.push(i);
  });
  return out;
}

/**
 * Drops answers to questions hidden by display logic (the server rejects them), repeating until
 * nothing changes: hiding one question can hide another that depended on it.
 */
export function pruneHidden(def: TSurveyDefinition, answers: TAnswers): TAnswers {
  let cur: TAnswers = { ...answers };
  for (let round = 0; round < 50; round++) {
    let changed = false;
    const next: TAnswers = { ...cur };
    for (const p of def.pages)
      for (const q of p.questions) {
        if (!questionShown(p, q, cur)) {
          for (const k of [q.key, `${q.key}__other`])
            if (k in next) {
              delete next[k];
              changed = true;
            }
        }
      }
    // the free text of 'other' only travels with 'other'
    for (const p of def.pages)
      for (const q of p.questions)
        if (q.type === 'single' && next[q.key] !== 'other' && `${q.key}__other` in next) {
          delete next[`${q.key}__other`];
          changed = true;
        }
    cur = next;
    if (!changed) break;
  }
  return cur;
}
