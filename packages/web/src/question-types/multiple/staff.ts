import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { choiceLine } from '../choice-detail';
import { DEFAULT_OPTIONS, type TStaffType } from '../staff-kit';

export const multiple: TStaffType<QOf<'multiple'>> = {
  defaults: (base) => ({ ...base, type: 'multiple', options: DEFAULT_OPTIONS, randomize: false }),
  entry: (q, lang, k) =>
    k.one({
      kind: 'multi',
      options: q.options.map((o, i) => ({ n: i + 1, value: o.value, label: lt(o.label, lang) })),
    }),
  detail: (q, v, lang) => choiceLine(q.options, v, lang),
};
