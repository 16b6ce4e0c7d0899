import { col, ends, inRange, intOf, own, same, single, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const scale: TQuestionTypeDef<QOf<'scale'>> = {
  rows: (q, v, c) => [c.row('', intOf(c, v, 1, q.points, c.field), null)],
  check: (q, v) => inRange(v, 1, q.points),
  items: () => single,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) => [
    col('', txt(q.title, lang), 'num', 'int', ends(1, q.points, q.lowLabel, q.highLabel, lang)),
  ],
};
