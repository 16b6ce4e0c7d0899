import type { QOf } from '@fidelia/contracts/survey-logic';
import type { TRenderProps } from '../respond-kit';

export function NumberRenderer(p: TRenderProps<QOf<'number'>>) {
  const { q, value, set, tx } = p;
  return (
    <input
      className="fr-input fr-short"
      type="number"
      inputMode={q.integer ? 'numeric' : 'decimal'}
      min={q.min}
      max={q.max}
      step={q.integer ? 1 : 'any'}
      aria-label={tx(q.title)}
      value={typeof value === 'number' ? String(value) : ''}
      onChange={(e) => {
        const raw = e.currentTarget.value;
        set(q.key, raw === '' ? undefined : Number(raw));
      }}
    />
  );
}
