import { isInt } from '../../survey-logic/values';
import { allItems, batteryRows, col, same, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const matrix: TQuestionTypeDef<QOf<'matrix'>> = {
  define: (q, c) => {
    c.uniq(
      q.rows.map((r) => r.key),
      `${c.field}.rows`,
    );
    if (new Set(q.columns.map((x) => x.value)).size !== q.columns.length)
      c.fail(`${c.field}.columns`, 'duplicate column value');
  },
  rows: (q, v, c) => {
    const cols = q.columns.map((col) => col.value);
    return batteryRows(
      c,
      v,
      q.rows.map((r) => r.key),
      q.required,
      (x, fi) => {
        if (!isInt(x) || !cols.includes(x)) return c.invalid(fi, 'not one of the columns');
        return x;
      },
    );
  },
  check: (q, v) =>
    allItems(
      q.required,
      q.rows.map((r) => r.key),
      v,
    ),
  items: (q) => q.rows.map((r) => r.key),
  withDefaultTags: same,
  tag: (q, item) => q.rows.find((i) => i.key === item)?.tag ?? (q.tag ? `${q.tag}:${item}` : null),
  columns: (q, lang) =>
    q.rows.map((r) =>
      col(
        r.key,
        `${txt(q.title, lang)}: ${txt(r.text, lang)}`,
        'num',
        'int',
        q.columns.map((c) => [c.value, txt(c.label, lang)]),
      ),
    ),
};
