import type { QOf } from '@fidelia/contracts/survey-logic';
import { fmt } from '../../respond/strings';
import type { TRenderProps } from '../respond-kit';

/** One line or a text area, with a character count near the limit. */
export function TextRenderer(p: TRenderProps<QOf<'text'>>) {
  const { q, value, set, tx, lang } = p;
  const s = typeof value === 'string' ? value : '';
  const common = {
    className: 'fr-input',
    'aria-label': tx(q.title),
    'aria-describedby': p.describedBy,
    maxLength: q.maxLength,
    value: s,
    onChange: (e: { currentTarget: { value: string } }) =>
      set(q.key, e.currentTarget.value === '' ? undefined : e.currentTarget.value),
  };
  return (
    <>
      {q.multiline ? <textarea rows={4} {...common} /> : <input {...common} />}
      {s.length > q.maxLength * 0.8 ? (
        <p className="fr-help">{fmt(lang, 'chars', { n: s.length, m: q.maxLength })}</p>
      ) : null}
    </>
  );
}
