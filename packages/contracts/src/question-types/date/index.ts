import { isIsoDate } from '../../survey-logic/values';
import { col, own, same, single, strOf, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const date: TQuestionTypeDef<QOf<'date'>> = {
  define: (q, c) => {
    if (q.min && q.max && q.min > q.max) c.fail(`${c.field}.max`, 'max < min');
  },
  rows: (q, v, c) => {
    const f = c.field;
    const s = strOf(c, v, 10, f);
    if (!isIsoDate(s)) return c.invalid(f, 'date YYYY-MM-DD expected');
    if ((q.min && s < q.min) || (q.max && s > q.max)) return c.invalid(f, 'date out of range');
    return [c.row('', null, s)];
  },
  check: (q, v) => {
    const s = String(v);
    if (!isIsoDate(s)) return { code: 'date' };
    return (q.min && s < q.min) || (q.max && s > q.max) ? { code: 'date' } : null;
  },
  items: () => single,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) => [col('', txt(q.title, lang), 'text', 'text')],
};
