import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import type { TAnswerLine } from '../../features/surveys/answerDetail';
import { money } from '../../lib/format';
import { int, isRec, L, n, point, type TStaffType } from '../staff-kit';

export const value: TStaffType<QOf<'value'>> = {
  defaults: (base) => ({
    ...base,
    type: 'value',
    points: 7,
    currency: 'EUR',
    wtpMax: 1000000,
    priceText: L('Valor por el precio pagado', 'Value for the price paid'),
    benefits: [],
  }),
  entry: (q, lang, k) => [
    {
      ...k.base,
      id: `${q.key}.price`,
      item: 'price',
      code: 'price',
      text: lt(q.priceText, lang),
      ...int(1, q.points),
    },
    ...q.benefits.map((b) => ({
      ...k.base,
      id: `${q.key}.benefits.${b.key}`,
      item: b.key,
      group: 'benefits' as const,
      code: b.key,
      text: lt(b.text, lang),
      ...int(1, q.points),
      required: false,
    })),
    {
      ...k.base,
      id: `${q.key}.wtp`,
      item: 'wtp',
      code: 'wtp',
      text: lt(q.wtpText, lang) || q.currency,
      kind: 'number' as const,
      min: 0,
      max: q.wtpMax,
      required: false,
    },
  ],
  detail: (q, _v, lang, r) => {
    const tx = (t: Parameters<typeof lt>[0]) => lt(t, lang);
    const benefits = isRec(r.benefits) ? r.benefits : {};
    const lines: TAnswerLine[] = [];
    if (n(r.price) !== null)
      lines.push({ label: tx(q.priceText), value: point(r.price, 1, q.points, lang) });
    for (const b of q.benefits)
      if (n(benefits[b.key]) !== null)
        lines.push({ label: tx(b.text), value: point(benefits[b.key], 1, q.points, lang) });
    if (n(r.wtp) !== null)
      lines.push({ label: tx(q.wtpText) || '—', value: money(n(r.wtp), lang, q.currency, 2) });
    return lines;
  },
};
