import { constantSumState, present } from '../../survey-logic/values';
import { batteryRows, col, intIn, intOf, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const constant_sum: TQuestionTypeDef<QOf<'constant_sum'>> = {
  define: (q, c) =>
    c.uniq(
      q.items.map((i) => i.key),
      `${c.field}.items`,
    ),
  rows: (q, v, c) => {
    const out = batteryRows(
      c,
      v,
      q.items.map((i) => i.key),
      q.required,
      (x, fi) => intOf(c, x, 0, q.total, fi),
    );
    if (out.length > 0) {
      const sum = out.reduce((s, r) => s + (r.num ?? 0), 0);
      if ((c.complete && sum !== q.total) || sum > q.total) return c.sum(sum, q.total);
    }
    return out;
  },
  check: (q, v) => {
    const rec = v as Record<string, unknown>;
    for (const i of q.items) {
      const x = rec[i.key];
      if (present(x) && !intIn(x, 0, q.total))
        return { code: 'range', item: i.key, n: 0, m: q.total };
    }
    const s = constantSumState(rec, q.total);
    // an untouched optional allocation is fine; a started one must add up
    return s.complete ? null : { code: 'sum', n: s.sum, m: q.total };
  },
  items: (q) => q.items.map((i) => i.key),
  withDefaultTags: (q) => ({
    ...q,
    items: q.items.map((i) => ({ ...i, tag: i.tag ?? `importance:${i.key}` })),
  }),
  tag: (q, item) => q.items.find((i) => i.key === item)?.tag ?? null,
  columns: (q, lang) =>
    q.items.map((i) => col(i.key, `${txt(q.title, lang)}: ${txt(i.text, lang)}`, 'num', 'int')),
};
