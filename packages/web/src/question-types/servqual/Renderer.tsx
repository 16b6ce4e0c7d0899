import type { QOf } from '@fidelia/contracts/survey-logic';
import { range, Scale, type TRenderProps } from '../respond-kit';

/** The battery: one 7-point row per item, end labels on the first and last row. */
export function ServqualRenderer(p: TRenderProps<QOf<'servqual'>>) {
  const { q, tx, r } = p;
  const items = p.order(q.items, q.randomize);
  const cols = range(1, q.points).map((v) => ({ value: v, label: String(v) }));
  const low = tx(q.lowLabel);
  const high = tx(q.highLabel);
  return (
    <div className="fr-battery">
      {items.map((it, i) => (
        <Scale
          key={it.key}
          name={`${p.name}-${it.key}`}
          legend={
            <>
              <span className="fr-inum">{`${i + 1}.`}</span> {tx(it.text)}
            </>
          }
          values={cols}
          current={r[it.key]}
          onPick={(v) => p.setItem(it.key, v)}
          low={i === 0 || i === items.length - 1 ? low : ''}
          high={i === 0 || i === items.length - 1 ? high : ''}
          cls="fr-seven"
          invalid={p.error?.item === it.key}
        />
      ))}
    </div>
  );
}
