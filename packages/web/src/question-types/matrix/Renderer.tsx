import type { QOf } from '@fidelia/contracts/survey-logic';
import { Scale, type TRenderProps } from '../respond-kit';

/** One row of worded columns per matrix row. */
export function MatrixRenderer(p: TRenderProps<QOf<'matrix'>>) {
  const { q, tx, r } = p;
  const items = p.order(q.rows, q.randomize);
  const cols = q.columns.map((c) => ({ value: c.value, label: tx(c.label) }));
  return (
    <div className="fr-battery">
      {items.map((it) => (
        <Scale
          key={it.key}
          name={`${p.name}-${it.key}`}
          legend={
            <>
              <span className="fr-inum">{''}</span> {tx(it.text)}
            </>
          }
          values={cols}
          current={r[it.key]}
          onPick={(v) => p.setItem(it.key, v)}
          cls="fr-words"
          invalid={p.error?.item === it.key}
        />
      ))}
    </div>
  );
}
