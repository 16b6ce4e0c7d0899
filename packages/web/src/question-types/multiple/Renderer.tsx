import type { QOf } from '@fidelia/contracts/survey-logic';
import { seededShuffle } from '../../respond/logic';
import { fmt } from '../../respond/strings';
import type { TRenderProps } from '../respond-kit';

/** Checkbox list (with "choose up to n" when capped). */
export function MultipleRenderer(p: TRenderProps<QOf<'multiple'>>) {
  const { q, value, set, tx, lang } = p;
  const cur = Array.isArray(value) ? (value as string[]) : [];
  const opts = q.randomize ? seededShuffle(q.options, p.seed + q.key) : q.options;
  return (
    <div className="fr-choices">
      {q.maxSelected ? (
        <p className="fr-help">{fmt(lang, 'chooseUpTo', { n: q.maxSelected })}</p>
      ) : null}
      {opts.map((o) => {
        const on = cur.includes(o.value);
        return (
          <label key={o.value} className={`fr-choice fr-check${on ? ' on' : ''}`}>
            <input
              type="checkbox"
              checked={on}
              onChange={() => {
                const next = on ? cur.filter((x) => x !== o.value) : [...cur, o.value];
                set(q.key, next.length ? next : undefined);
              }}
            />
            <span>{tx(o.label)}</span>
          </label>
        );
      })}
    </div>
  );
}
