import { col, own, same, single, strOf, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const text: TQuestionTypeDef<QOf<'text'>> = {
  rows: (q, v, c) => [c.row('', null, strOf(c, v, q.maxLength, c.field))],
  check: (q, v) => (String(v).length > q.maxLength ? { code: 'too_long', n: q.maxLength } : null),
  items: () => single,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) => [col('', txt(q.title, lang), 'text', 'text')],
};
