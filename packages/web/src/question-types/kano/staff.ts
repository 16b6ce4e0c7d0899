import type { QOf } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import { fmt } from '../../respond/strings';
import { int, L, n, type TStaffType } from '../staff-kit';

export const kano: TStaffType<QOf<'kano'>> = {
  defaults: (base) => ({
    ...base,
    type: 'kano',
    attribute: 'attr',
    functional: L(
      '¿Qué sentiría si el servicio tuviera esto?',
      'How would you feel if the service had this?',
    ),
    dysfunctional: L('¿Y si NO lo tuviera?', 'And if it did NOT have it?'),
  }),
  entry: (q, lang, k) =>
    (['functional', 'dysfunctional'] as const).map((part) => ({
      ...k.base,
      id: `${q.key}.${part}`,
      item: part,
      code: `${q.attribute}:${part === 'functional' ? 'F' : 'D'}`,
      text: lt(q[part], lang),
      scale: 'kano' as const,
      ...int(1, 5),
    })),
  detail: (q, _v, lang, r) =>
    (['functional', 'dysfunctional'] as const)
      .filter((part) => n(r[part]) !== null)
      .map((part) => ({
        label: lt(q[part], lang) || fmt(lang, part),
        value: fmt(lang, `kano${n(r[part])}` as 'kano1'),
      })),
};
