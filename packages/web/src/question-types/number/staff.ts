import type { QOf } from '@fidelia/contracts/survey-logic';
import { num } from '../../lib/format';
import { n, oneLine, type TStaffType } from '../staff-kit';

export const number: TStaffType<QOf<'number'>> = {
  defaults: (base) => ({ ...base, type: 'number', min: 0, max: 1000000000, integer: false }),
  entry: (q, _lang, k) => k.one({ kind: 'number', min: q.min, max: q.max }),
  detail: (_q, v, lang) => oneLine('', n(v) === null ? '' : num(n(v), lang, 4)),
};
