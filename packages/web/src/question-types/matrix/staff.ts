import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { DEFAULT_ITEMS, ends, int, L, type TStaffType } from '../staff-kit';

export const matrix: TStaffType<QOf<'matrix'>> = {
  defaults: (base) => ({
    ...base,
    type: 'matrix',
    rows: DEFAULT_ITEMS,
    randomize: false,
    columns: [
      { value: 1, label: L('Malo', 'Poor') },
      { value: 2, label: L('Regular', 'Fair') },
      { value: 3, label: L('Bueno', 'Good') },
    ],
  }),
  entry: (q, lang, k) => {
    const vals = q.columns.map((c) => c.value);
    const lo = q.columns.find((c) => c.value === Math.min(...vals));
    const hi = q.columns.find((c) => c.value === Math.max(...vals));
    return k.items(
      q.rows.map((r) => ({ key: r.key, text: `${lt(q.title, lang)} — ${lt(r.text, lang)}` })),
      { ...int(Math.min(...vals), Math.max(...vals)), ...ends(lang, lo?.label, hi?.label) },
    );
  },
  detail: (q, _v, lang, r) =>
    q.rows
      .filter((row) => r[row.key] !== undefined && r[row.key] !== null)
      .map((row) => {
        const c = q.columns.find((col) => col.value === r[row.key]);
        return { label: lt(row.text, lang), value: c ? lt(c.label, lang) : String(r[row.key]) };
      }),
};
