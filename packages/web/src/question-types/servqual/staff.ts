import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { ends, int, L, point, type TStaffType } from '../staff-kit';

export const servqual: TStaffType<QOf<'servqual'>> = {
  defaults: (base) => ({
    ...base,
    type: 'servqual',
    part: 'P',
    points: 7,
    randomize: false,
    lowLabel: L('Totalmente en desacuerdo', 'Strongly disagree'),
    highLabel: L('Totalmente de acuerdo', 'Strongly agree'),
    items: [
      {
        key: 'p1',
        n: 1,
        dimension: 'tangibles',
        tag: 'servqual:P:1',
        text: L('Equipos modernos', 'Up-to-date equipment'),
      },
    ],
  }),
  entry: (q, lang, k) =>
    k.items(
      q.items.map((i) => ({ key: i.key, text: lt(i.text, lang), code: `${q.part}${i.n}` })),
      { ...int(1, q.points), ...ends(lang, q.lowLabel, q.highLabel) },
    ),
  detail: (q, _v, lang, r) =>
    q.items
      .filter((it) => r[it.key] !== undefined && r[it.key] !== null)
      .map((it) => ({
        label: lt(it.text, lang),
        value: point(r[it.key], 1, q.points, lang, lt(q.lowLabel, lang), lt(q.highLabel, lang)),
      })),
};
