import type { QOf } from '@fidelia/contracts/survey-logic';
import { date as formatDate } from '../../lib/format';
import { oneLine, type TStaffType } from '../staff-kit';

export const date: TStaffType<QOf<'date'>> = {
  defaults: (base) => ({ ...base, type: 'date' }),
  entry: (_q, _lang, k) => k.one({ kind: 'date' }),
  detail: (_q, v, lang) => oneLine('', typeof v === 'string' && v ? formatDate(v, lang) : ''),
};
