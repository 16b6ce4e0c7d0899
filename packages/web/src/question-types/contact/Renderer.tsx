import type { QOf } from '@fidelia/contracts/survey-logic';
import { fmt } from '../../respond/strings';
import type { TRenderProps } from '../respond-kit';

const auto = { name: 'name', email: 'email', phone: 'tel' } as const;
const types = { name: 'text', email: 'email', phone: 'tel' } as const;

/** One labelled box per asked detail, with the browser's autocomplete. */
export function ContactRenderer(p: TRenderProps<QOf<'contact'>>) {
  const { q, r, lang } = p;
  return (
    <div className="fr-battery">
      {q.fields.map((f) => (
        <label key={f} className="fr-field">
          <span>{fmt(lang, f)}</span>
          <input
            className="fr-input"
            type={types[f]}
            autoComplete={auto[f]}
            maxLength={320}
            aria-invalid={p.error?.item === f || undefined}
            value={String(r[f] ?? '')}
            onChange={(e) => p.setItem(f, e.currentTarget.value)}
          />
        </label>
      ))}
    </div>
  );
}
