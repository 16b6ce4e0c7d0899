import { col, ends, inRange, intOf, own, same, single, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const rating: TQuestionTypeDef<QOf<'rating'>> = {
  define: (q, c) => {
    if (q.min >= q.max) c.fail(`${c.field}.max`, 'max must exceed min');
  },
  rows: (q, v, c) => [c.row('', intOf(c, v, q.min, q.max, c.field), null)],
  check: (q, v) => inRange(v, q.min, q.max),
  items: () => single,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) => [
    col('', txt(q.title, lang), 'num', 'int', ends(q.min, q.max, q.lowLabel, q.highLabel, lang)),
  ],
};
