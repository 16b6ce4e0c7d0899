import type { TAnswerValue } from '@fidelia/contracts';
import type { QOf } from '@fidelia/contracts/survey-logic';
import { fmt } from '../../respond/strings';
import { range, rec, Scale, type TRenderProps } from '../respond-kit';

/** Value for the price, the benefits (same scale) and the amount the respondent would pay. */
export function ValueRenderer(p: TRenderProps<QOf<'value'>>) {
  const { q, r, tx, lang, name } = p;
  const pts = range(1, q.points).map((v) => ({ value: v, label: String(v) }));
  const benefits = rec((r.benefits ?? undefined) as TAnswerValue | undefined);
  const money = (() => {
    try {
      return new Intl.NumberFormat(lang, { style: 'currency', currency: q.currency })
        .formatToParts(0)
        .find((x) => x.type === 'currency')?.value;
    } catch {
      return q.currency;
    }
  })();
  const put = (patch: Record<string, unknown>) => {
    const next = { ...r, ...patch } as Record<string, unknown>;
    for (const k of Object.keys(next))
      if (next[k] === null || next[k] === undefined) delete next[k];
    p.set(q.key, Object.keys(next).length ? (next as TAnswerValue) : undefined);
  };
  return (
    <div className="fr-battery">
      <Scale
        name={`${name}-price`}
        legend={tx(q.priceText) || fmt(lang, 'price')}
        values={pts}
        current={r.price}
        onPick={(v) => put({ price: v })}
        cls="fr-seven"
        invalid={p.error?.item === 'price'}
      />
      {q.benefits.map((b) => (
        <Scale
          key={b.key}
          name={`${name}-b-${b.key}`}
          legend={tx(b.text)}
          values={pts}
          current={benefits[b.key]}
          onPick={(v) => put({ benefits: { ...benefits, [b.key]: v } })}
          cls="fr-seven"
        />
      ))}
      <label className="fr-field">
        <span>{tx(q.wtpText) || fmt(lang, 'wtp')}</span>
        <span className="fr-money">
          <span aria-hidden="true">{money}</span>
          <input
            type="number"
            inputMode="decimal"
            min={0}
            max={q.wtpMax}
            step="0.01"
            aria-label={fmt(lang, 'amount', { c: q.currency })}
            value={typeof r.wtp === 'number' ? String(r.wtp) : ''}
            onChange={(e) => {
              const raw = e.currentTarget.value;
              put({ wtp: raw === '' ? null : Number(raw) });
            }}
          />
        </span>
      </label>
    </div>
  );
}
