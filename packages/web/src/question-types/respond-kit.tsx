// What a question type's respondent renderer (`<type>/Renderer.tsx`) gets and the widgets they
// share. Plain React + native inputs (radio/checkbox/number/date): keyboard and screen readers
// work as the platform does; every group is a fieldset/legend. Part of the respondent bundle: no
// Mantine, no zod.
import type { TAnswers, TAnswerValue, TQuestion } from '@fidelia/contracts';
import type { lt, TFieldError, TLang } from '@fidelia/contracts/survey-logic';
import type { ReactNode } from 'react';

export type TRec = Record<string, number | string | null>;
export const rec = (v: TAnswerValue | undefined): TRec =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as TRec) : {};
export const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

export interface TRenderProps<Q extends TQuestion = TQuestion> {
  q: Q;
  value: TAnswerValue | undefined;
  /** the value as a record (batteries, pairs, contact); {} otherwise */
  r: TRec;
  answers: TAnswers;
  set: (key: string, v: TAnswerValue | undefined) => void;
  /** sets one item of a record answer (null/'' removes it; an empty record unsets the answer) */
  setItem: (item: string, v: number | string | null) => void;
  /** the items in the respondent's order (seeded shuffle when the question randomizes) */
  order: <T extends { key: string }>(items: readonly T[], randomize: boolean) => readonly T[];
  lang: TLang;
  /** base name/id for the inputs */
  name: string;
  /** localised, piped text */
  tx: (t: Parameters<typeof lt>[0]) => string;
  describedBy?: string | undefined;
  error?: TFieldError | undefined;
  seed: string;
}

/** A row of radio buttons drawn as big tappable boxes. */
export function Scale(props: {
  name: string;
  values: { value: number; label: string; sub?: string }[];
  current: unknown;
  onPick: (v: number) => void;
  legend: ReactNode;
  low?: string;
  high?: string;
  cls?: string;
  invalid?: boolean;
  describedBy?: string;
  /** single-value question: the question's own fieldset/legend already names the group */
  bare?: boolean;
}) {
  const Wrap = props.bare ? 'div' : 'fieldset';
  return (
    <Wrap className="fr-sub" aria-invalid={props.invalid || undefined}>
      {props.bare ? null : <legend className="fr-sublegend">{props.legend}</legend>}
      <div className={`fr-scale ${props.cls ?? ''}`} data-n={props.values.length}>
        {props.values.map((o) => (
          <label key={o.value} className={`fr-opt${props.current === o.value ? ' on' : ''}`}>
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.current === o.value}
              onChange={() => props.onPick(o.value)}
            />
            <span>{o.label}</span>
            {o.sub ? <small>{o.sub}</small> : null}
          </label>
        ))}
      </div>
      {props.low || props.high ? (
        <div className="fr-ends" aria-hidden="true">
          <span>{props.low}</span>
          <span>{props.high}</span>
        </div>
      ) : null}
    </Wrap>
  );
}

/** One-value point scale a..b (rating, csat, scale). */
export function PointScale(
  p: TRenderProps<TQuestion & { lowLabel?: unknown; highLabel?: unknown }> & {
    a: number;
    b: number;
    cls?: string;
  },
) {
  return (
    <Scale
      name={p.name}
      bare
      legend={null}
      values={range(p.a, p.b).map((v) => ({ value: v, label: String(v) }))}
      current={p.value}
      onPick={(v) => p.set(p.q.key, v)}
      low={p.tx(p.q.lowLabel as Parameters<typeof lt>[0])}
      high={p.tx(p.q.highLabel as Parameters<typeof lt>[0])}
      cls={p.cls ?? ''}
    />
  );
}
