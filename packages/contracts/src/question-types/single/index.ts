import { present } from '../../survey-logic/values';
import { col, MAX_SHORT_TEXT, single as one, own, same, strOf, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const single: TQuestionTypeDef<QOf<'single'>> = {
  define: (q, c) => {
    c.uniq(
      q.options.map((o) => o.value),
      `${c.field}.options`,
    );
    if (q.allowOther && q.options.some((o) => o.value === 'other'))
      c.fail(`${c.field}.options`, "'other' is reserved when allowOther is set");
  },
  rows: (q, v, c) => {
    const f = c.field;
    const s = strOf(c, v, 200, f);
    if (q.allowOther && s === 'other') {
      const other = c.answers[`${q.key}__other`];
      const out = [c.row('', null, 'other')];
      if (present(other))
        out.push(c.row('other', null, strOf(c, other, MAX_SHORT_TEXT, `${f}__other`)));
      return out;
    }
    const i = q.options.findIndex((o) => o.value === s);
    if (i < 0) return c.invalid(f, 'not one of the options');
    return [c.row('', q.options[i]?.code ?? i + 1, s)];
  },
  check: (q, v, answers) =>
    q.allowOther && v === 'other' && q.required && !present(answers[`${q.key}__other`])
      ? { code: 'required', item: 'other' }
      : null,
  items: () => one,
  withDefaultTags: same,
  tag: own,
  columns: (q, lang) => {
    const title = txt(q.title, lang);
    const out = [
      col(
        '',
        title,
        'choice',
        'choice',
        q.options.map((o, i) => [o.code ?? i + 1, txt(o.label, lang)]),
      ),
    ];
    if (q.allowOther) out.push(col('other', `${title} (otro)`, 'text', 'text'));
    return out;
  },
};
