import type { QOf } from '@fidelia/contracts/survey-logic';
import { seededShuffle } from '../../respond/logic';
import { fmt } from '../../respond/strings';
import type { TRenderProps } from '../respond-kit';

/** Radio list, with "other" and its text box when the question allows it. */
export function SingleRenderer(p: TRenderProps<QOf<'single'>>) {
  const { q, value, set, tx, lang, name } = p;
  const opts = q.randomize ? seededShuffle(q.options, p.seed + q.key) : q.options;
  const otherKey = `${q.key}__other`;
  return (
    <div className="fr-choices">
      {opts.map((o) => (
        <label key={o.value} className={`fr-choice${value === o.value ? ' on' : ''}`}>
          <input
            type="radio"
            name={name}
            checked={value === o.value}
            onChange={() => set(q.key, o.value)}
          />
          <span>{tx(o.label)}</span>
        </label>
      ))}
      {q.allowOther ? (
        <>
          <label className={`fr-choice${value === 'other' ? ' on' : ''}`}>
            <input
              type="radio"
              name={name}
              checked={value === 'other'}
              onChange={() => set(q.key, 'other')}
            />
            <span>{fmt(lang, 'other')}</span>
          </label>
          {value === 'other' ? (
            <input
              className="fr-input"
              aria-label={fmt(lang, 'otherText')}
              placeholder={fmt(lang, 'otherText')}
              maxLength={500}
              value={String(p.answers[otherKey] ?? '')}
              onChange={(e) => set(otherKey, e.currentTarget.value || undefined)}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
