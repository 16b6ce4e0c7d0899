import { col, own, same, single, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const multiple: TQuestionTypeDef<QOf<'multiple'>> = {
  define: (q, c) => {
    c.uniq(
      q.options.map((o) => o.value),
      `${c.field}.options`,
    );
    if (q.minSelected !== undefined && q.maxSelected !== undefined && q.minSelected > q.maxSelected)
      c.fail(`${c.field}.maxSelected`, 'maxSelected < minSelected');
  },
  rows: (q, v, c) => {
    const f = c.field;
    if (!Array.isArray(v)) return c.invalid(f, 'list expected');
    if (new Set(v).size !== v.length) return c.invalid(f, 'repeated option');
    const rows = v.map((s) => {
      const i = q.options.findIndex((o) => o.value === s);
      if (i < 0) return c.invalid(f, `not one of the options: ${String(s)}`);
      return c.row(String(s), q.options[i]?.code ?? i + 1, String(s));
    });
    if (q.maxSelected !== undefined && rows.length > q.maxSelected)
      return c.invalid(f, `at most ${q.maxSelected}`);
    if (c.complete && q.minSelected !== undefined && rows.length < q.minSelected)
      return c.invalid(f, `at least ${q.minSelected}`);
    return rows;
  },
  check: (q, v) => {
    const n = Array.isArray(v) ? v.length : 0;
    if (q.maxSelected !== undefined && n > q.maxSelected)
      return { code: 'max_selected', n: q.maxSelected };
    if (q.minSelected !== undefined && n < q.minSelected)
      return { code: 'min_selected', n: q.minSelected };
    return null;
  },
  items: () => single,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) =>
    q.options.map((o) =>
      col(o.value, `${txt(q.title, lang)}: ${txt(o.label, lang)}`, 'flag', 'flag', [
        [0, 'No'],
        [1, lang === 'en' ? 'Yes' : 'Sí'],
      ]),
    ),
};
