// The sub-keys a question stores its answers under and the semantic tag of each stored value.
// The long answers table, exports, display conditions on items and analytics all key on these.
import type { TQuestion } from '../surveys';

/** Sub-keys a question stores answers under (item column of the long table; '' = the value). */
export function questionItems(q: TQuestion): string[] {
  switch (q.type) {
    case 'servqual':
    case 'constant_sum':
      return q.items.map((i) => i.key);
    case 'matrix':
      return q.rows.map((i) => i.key);
    case 'kano':
      return ['functional', 'dysfunctional'];
    case 'value':
      return ['price', ...q.benefits.map((b) => b.key), 'wtp'];
    case 'contact':
      return q.fields;
    default:
      return [''];
  }
}

/** The semantic tag of one stored value (question + item). */
export function tagFor(q: TQuestion, item: string): string | null {
  switch (q.type) {
    case 'servqual':
    case 'constant_sum':
      return q.items.find((i) => i.key === item)?.tag ?? null;
    case 'matrix':
      return q.rows.find((i) => i.key === item)?.tag ?? (q.tag ? `${q.tag}:${item}` : null);
    case 'kano':
      return `kano:${q.attribute}:${item}`;
    case 'value':
      if (item === 'price') return 'value:price';
      if (item === 'wtp') return 'value:wtp';
      return q.benefits.find((b) => b.key === item)?.tag ?? `value:benefit:${item}`;
    default:
      return q.tag ?? null;
  }
}
