import type { QOf } from '@fidelia/contracts/survey-logic';
import type { TRenderProps } from '../respond-kit';

export function DateRenderer(p: TRenderProps<QOf<'date'>>) {
  const { q, value, set, tx } = p;
  return (
    <input
      className="fr-input fr-short"
      type="date"
      min={q.min}
      max={q.max}
      aria-label={tx(q.title)}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => set(q.key, e.currentTarget.value || undefined)}
    />
  );
}
