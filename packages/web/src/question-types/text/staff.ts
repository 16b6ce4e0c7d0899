import type { QOf } from '@fidelia/contracts/survey-logic';
import { oneLine, type TStaffType } from '../staff-kit';

export const text: TStaffType<QOf<'text'>> = {
  defaults: (base) => ({ ...base, type: 'text', multiline: true, maxLength: 2000 }),
  entry: (q, _lang, k) => k.one({ kind: 'text', max: q.maxLength }),
  detail: (_q, v) => oneLine('', v === null || v === undefined ? '' : String(v)),
};
