import type { QOf } from '@fidelia/contracts/survey-logic';
import { fmt } from '../../respond/strings';
import { Scale, type TRenderProps } from '../respond-kit';

/** The functional and dysfunctional questions, each with the five standard answers. */
export function KanoRenderer(p: TRenderProps<QOf<'kano'>>) {
  const { q, r, tx, lang } = p;
  const answers = [1, 2, 3, 4, 5].map((v) => ({
    value: v,
    label: fmt(lang, `kano${v}` as 'kano1'),
  }));
  return (
    <div className="fr-battery">
      {(['functional', 'dysfunctional'] as const).map((part) => (
        <Scale
          key={part}
          name={`${p.name}-${part}`}
          legend={tx(q[part]) || fmt(lang, part)}
          values={answers}
          current={r[part]}
          onPick={(v) => p.setItem(part, v)}
          cls="fr-list"
          invalid={p.error?.item === part}
        />
      ))}
    </div>
  );
}
