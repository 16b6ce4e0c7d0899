import { col, ends, inRange, intOf, own, single, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const csat: TQuestionTypeDef<QOf<'csat'>> = {
  rows: (_q, v, c) => [c.row('', intOf(c, v, 1, 5, c.field), null)],
  check: (_q, v) => inRange(v, 1, 5),
  items: () => single,
  withDefaultTags: (q) => ({ ...q, tag: q.tag ?? 'csat' }),
  tag: own,
  columns: (q, lang) => [
    col('', txt(q.title, lang), 'num', 'int', ends(1, 5, q.lowLabel, q.highLabel, lang)),
  ],
};
