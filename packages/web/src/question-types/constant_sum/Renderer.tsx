import { constantSumState, type QOf } from '@fidelia/contracts/survey-logic';
import { fmt } from '../../respond/strings';
import type { TRenderProps } from '../respond-kit';

/** Number boxes per item and the running total. */
export function ConstantSumRenderer(p: TRenderProps<QOf<'constant_sum'>>) {
  const { q, r, tx, lang } = p;
  const s = constantSumState(r, q.total);
  return (
    <div className="fr-csum">
      {p.order(q.items, q.randomize).map((it) => (
        <label key={it.key} className="fr-csrow">
          <span>{tx(it.text)}</span>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={q.total}
            step={1}
            value={typeof r[it.key] === 'number' ? String(r[it.key]) : ''}
            onChange={(e) => {
              const raw = e.currentTarget.value;
              p.setItem(it.key, raw === '' ? null : Math.max(0, Math.round(Number(raw))));
            }}
          />
        </label>
      ))}
      <p className={`fr-total${s.over ? ' over' : s.complete ? ' ok' : ''}`} aria-live="polite">
        <strong>
          {fmt(lang, 'total')}: {s.sum} / {q.total}
        </strong>{' '}
        —{' '}
        {s.over
          ? fmt(lang, 'over', { n: -s.remaining })
          : fmt(lang, 'remaining', { n: s.remaining })}
      </p>
    </div>
  );
}
