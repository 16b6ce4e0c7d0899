import { KANO_ANSWER_LABELS } from '../../survey-logic/constants';
import { allItems, batteryRows, col, intOf, txt } from '../kit';
import type { QOf, TQuestionTypeDef } from '../types';

export const kano: TQuestionTypeDef<QOf<'kano'>> = {
  rows: (q, v, c) =>
    batteryRows(c, v, ['functional', 'dysfunctional'], q.required, (x, fi) =>
      intOf(c, x, 1, 5, fi),
    ),
  check: (q, v) => allItems(q.required, ['functional', 'dysfunctional'], v),
  items: () => ['functional', 'dysfunctional'],
  withDefaultTags: (q) => ({ ...q, tag: q.tag ?? `kano:${q.attribute}` }),
  tag: (q, item) => `kano:${q.attribute}:${item}`,
  columns: (q, lang) => {
    const title = txt(q.title, lang);
    const v = Object.entries(KANO_ANSWER_LABELS).map(
      ([k, l]) => [Number(k), l[lang]] as [number, string],
    );
    return [
      col(
        'functional',
        `${title} (${lang === 'en' ? 'functional' : 'funcional'})`,
        'num',
        'int',
        v,
      ),
      col(
        'dysfunctional',
        `${title} (${lang === 'en' ? 'dysfunctional' : 'disfuncional'})`,
        'num',
        'int',
        v,
      ),
    ];
  },
};
