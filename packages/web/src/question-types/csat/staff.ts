import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { ends, int, L, oneLine, point, type TStaffType } from '../staff-kit';

export const csat: TStaffType<QOf<'csat'>> = {
  defaults: (base) => ({
    ...base,
    type: 'csat',
    lowLabel: L('Muy insatisfecho', 'Very dissatisfied'),
    highLabel: L('Muy satisfecho', 'Very satisfied'),
  }),
  entry: (q, lang, k) => k.one({ ...int(1, 5), ...ends(lang, q.lowLabel, q.highLabel) }),
  detail: (q, v, lang) =>
    oneLine('', point(v, 1, 5, lang, lt(q.lowLabel, lang), lt(q.highLabel, lang))),
};
