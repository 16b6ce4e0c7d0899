import { allItems, batteryRows, col, ends, intOf, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const servqual: TQuestionTypeDef<QOf<'servqual'>> = {
  define: (q, c) =>
    c.uniq(
      q.items.map((i) => i.key),
      `${c.field}.items`,
    ),
  rows: (q, v, c) =>
    batteryRows(
      c,
      v,
      q.items.map((i) => i.key),
      q.required,
      (x, fi) => intOf(c, x, 1, q.points, fi),
    ),
  check: (q, v) =>
    allItems(
      q.required,
      q.items.map((i) => i.key),
      v,
    ),
  items: (q) => q.items.map((i) => i.key),
  withDefaultTags: (q) => ({
    ...q,
    items: q.items.map((i) => ({ ...i, tag: i.tag ?? `servqual:${q.part}:${i.n}` })),
  }),
  tag: (q, item) => q.items.find((i) => i.key === item)?.tag ?? null,
  columns: (q, lang) =>
    q.items.map((i) =>
      col(
        i.key,
        `${q.part}${i.n} ${txt(i.text, lang)}`,
        'num',
        'int',
        ends(1, q.points, q.lowLabel, q.highLabel, lang),
      ),
    ),
};
