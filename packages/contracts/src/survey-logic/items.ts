// The sub-keys a question stores its answers under and the semantic tag of each stored value
// (the long answers table, exports, display conditions on items and analytics key on these),
// from the question-type registry.
import type { TQuestion } from '../surveys';
import { questionType } from './question-types';

/** Sub-keys a question stores answers under (item column of the long table; '' = the value). */
export function questionItems(q: TQuestion): string[] {
  return questionType(q).items(q);
}

/** The semantic tag of one stored value (question + item). */
export function tagFor(q: TQuestion, item: string): string | null {
  return questionType(q).tag(q, item);
}

/** The question with the default tags analytics rely on, where the author left them out. */
export function withDefaultTags(q: TQuestion): TQuestion {
  return questionType(q).withDefaultTags(q);
}
