import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { ends, int, L, oneLine, point, type TStaffType } from '../staff-kit';

export const scale: TStaffType<QOf<'scale'>> = {
  defaults: (base) => ({
    ...base,
    type: 'scale',
    points: 5,
    lowLabel: L('Totalmente en desacuerdo', 'Strongly disagree'),
    highLabel: L('Totalmente de acuerdo', 'Strongly agree'),
  }),
  entry: (q, lang, k) => k.one({ ...int(1, q.points), ...ends(lang, q.lowLabel, q.highLabel) }),
  detail: (q, v, lang) =>
    oneLine('', point(v, 1, q.points, lang, lt(q.lowLabel, lang), lt(q.highLabel, lang))),
};
