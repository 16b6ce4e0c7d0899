import { isNum } from '../../survey-logic/values';
import { col, own, same, single, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const number: TQuestionTypeDef<QOf<'number'>> = {
  define: (q, c) => {
    if (q.min > q.max) c.fail(`${c.field}.max`, 'max < min');
  },
  rows: (q, v, c) => {
    const f = c.field;
    if (!isNum(v)) return c.invalid(f, 'number expected');
    if (q.integer && !Number.isInteger(v)) return c.invalid(f, 'integer expected');
    if (v < q.min || v > q.max) return c.invalid(f, `out of range ${q.min}..${q.max}`);
    return [c.row('', v, null)];
  },
  check: (q, v) => {
    if (!isNum(v)) return { code: 'range', n: q.min, m: q.max };
    if (q.integer && !Number.isInteger(v)) return { code: 'integer' };
    return v < q.min || v > q.max ? { code: 'range', n: q.min, m: q.max } : null;
  },
  items: () => single,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) => [col('', txt(q.title, lang), 'num', 'num')],
};
