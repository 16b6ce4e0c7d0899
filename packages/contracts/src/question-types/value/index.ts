import { isNum, isRecord, present } from '../../survey-logic/values';
import { col, ends, intOf, recordOf, txt } from '../kit';
import type { QOf, TAnswerRow, TQuestionTypeDef } from '../types';

export const value: TQuestionTypeDef<QOf<'value'>> = {
  define: (q, c) =>
    c.uniq(['price', 'wtp', ...q.benefits.map((b) => b.key)], `${c.field}.benefits`),
  rows: (q, v, c) => {
    const f = c.field;
    if (!isRecord(v)) return c.invalid(f, 'object expected');
    for (const k of Object.keys(v))
      if (!['price', 'benefits', 'wtp'].includes(k)) c.invalid(`${f}.${k}`, 'unknown item');
    const out: TAnswerRow[] = [];
    if (present(v.price))
      out.push(c.row('price', intOf(c, v.price, 1, q.points, `${f}.price`), null));
    if (present(v.benefits)) {
      const rec = recordOf(
        c,
        v.benefits,
        q.benefits.map((b) => b.key),
        `${f}.benefits`,
      );
      for (const [k, x] of Object.entries(rec))
        out.push(c.row(k, intOf(c, x, 1, q.points, `${f}.benefits.${k}`), null));
    }
    if (present(v.wtp)) {
      if (!isNum(v.wtp) || v.wtp < 0 || v.wtp > q.wtpMax)
        return c.invalid(`${f}.wtp`, `amount 0..${q.wtpMax} expected`);
      out.push(c.row('wtp', v.wtp, null));
    }
    if (c.complete && q.required && !out.some((r) => r.item === 'price'))
      return c.required(`${f}.price`);
    return out;
  },
  check: (q, v) => {
    const rec = v as Record<string, unknown>;
    if (q.required && !present(rec.price)) return { code: 'incomplete', item: 'price' };
    const w = rec.wtp;
    if (present(w) && (!isNum(w) || w < 0 || w > q.wtpMax))
      return { code: 'range', item: 'wtp', n: 0, m: q.wtpMax };
    return null;
  },
  items: (q) => ['price', ...q.benefits.map((b) => b.key), 'wtp'],
  withDefaultTags: (q) => ({
    ...q,
    tag: q.tag ?? 'value',
    benefits: q.benefits.map((b) => ({ ...b, tag: b.tag ?? `value:benefit:${b.key}` })),
  }),
  tag: (q, item) => {
    if (item === 'price') return 'value:price';
    if (item === 'wtp') return 'value:wtp';
    return q.benefits.find((b) => b.key === item)?.tag ?? `value:benefit:${item}`;
  },
  columns: (q, lang) => [
    col(
      'price',
      txt(q.priceText, lang),
      'num',
      'int',
      ends(1, q.points, undefined, undefined, lang),
    ),
    ...q.benefits.map((b) => col(b.key, txt(b.text, lang), 'num', 'int')),
    col('wtp', `${txt(q.wtpText, lang)} (${q.currency})`, 'num', 'num'),
  ],
};
