import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { ends, int, L, oneLine, point, type TStaffType } from '../staff-kit';

export const rating: TStaffType<QOf<'rating'>> = {
  defaults: (base) => ({
    ...base,
    type: 'rating',
    min: 0,
    max: 10,
    lowLabel: L('Nada probable', 'Not at all likely'),
    highLabel: L('Muy probable', 'Extremely likely'),
  }),
  entry: (q, lang, k) => k.one({ ...int(q.min, q.max), ...ends(lang, q.lowLabel, q.highLabel) }),
  detail: (q, v, lang) =>
    oneLine('', point(v, q.min, q.max, lang, lt(q.lowLabel, lang), lt(q.highLabel, lang))),
};
