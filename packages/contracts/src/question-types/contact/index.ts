import { EMAIL_PATTERN, present } from '../../survey-logic/values';
import { col, own, recordOf, same, strOf, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const contact: TQuestionTypeDef<QOf<'contact'>> = {
  rows: (q, v, c) => {
    const rec = recordOf(c, v, q.fields, c.field);
    return Object.entries(rec).map(([k, x]) => {
      const s = strOf(c, x, 320, `${c.field}.${k}`);
      if (k === 'email' && !EMAIL_PATTERN.test(s)) c.invalid(`${c.field}.email`, 'email expected');
      return c.row(k, null, s);
    });
  },
  check: (_q, v) => {
    const rec = v as Record<string, unknown>;
    return present(rec.email) && !EMAIL_PATTERN.test(String(rec.email))
      ? { code: 'email', item: 'email' }
      : null;
  },
  items: (q) => q.fields,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) => q.fields.map((f) => col(f, `${txt(q.title, lang)}: ${f}`, 'text', 'text')),
};
