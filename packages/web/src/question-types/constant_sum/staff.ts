import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { num } from '../../lib/format';
import { DEFAULT_ITEMS, int, n, type TStaffType } from '../staff-kit';

export const constant_sum: TStaffType<QOf<'constant_sum'>> = {
  defaults: (base) => ({
    ...base,
    type: 'constant_sum',
    total: 100,
    randomize: false,
    items: DEFAULT_ITEMS,
  }),
  entry: (q, lang, k) =>
    k.items(
      q.items.map((i) => ({ key: i.key, text: lt(i.text, lang) })),
      int(0, q.total),
    ),
  detail: (q, _v, lang, r) =>
    q.items
      .filter((it) => n(r[it.key]) !== null)
      .map((it) => ({
        label: lt(it.text, lang),
        value: `${num(n(r[it.key]), lang, 2)} / ${num(q.total, lang, 0)}`,
      })),
};
