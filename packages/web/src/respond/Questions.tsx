// A question on the respondent page: its title, help and error around the inputs of its type
// (one renderer per type in question-types/<type>/Renderer.tsx, listed in question-types/respond.ts).
import type { TAnswers, TAnswerValue, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import {
  lt,
  pipe,
  type TFieldError,
  type TLang,
  type TPrefill,
} from '@fidelia/contracts/survey-logic';
import { type ReactNode, useId } from 'react';
import { RENDERERS } from '../question-types/respond';
import { rec, type TRenderProps } from '../question-types/respond-kit';
import { seededShuffle } from './logic';
import { errorText, fmt } from './strings';

export interface TQProps {
  q: TQuestion;
  value: TAnswerValue | undefined;
  answers: TAnswers;
  set: (key: string, v: TAnswerValue | undefined) => void;
  lang: TLang;
  def: TSurveyDefinition;
  prefill: TPrefill;
  error?: TFieldError;
  seed: string;
  /** number shown before the title */
  n: number;
}

/** Title (piped), help and error of a question; children are the inputs. */
export function QuestionView(p: TQProps) {
  const id = useId();
  const { q, lang } = p;
  const tx = (t: Parameters<typeof lt>[0]) => pipe(lt(t, lang), p.def, p.answers, p.prefill, lang);
  const errId = `${id}-err`;
  const helpId = `${id}-help`;
  const describedBy =
    [q.help ? helpId : '', p.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={`fr-q${p.error ? ' fr-bad' : ''}`}
      id={`q-${q.key}`}
      data-key={q.key}
      aria-describedby={describedBy}
    >
      <legend className="fr-title">
        <span className="fr-num">{p.n}.</span> {tx(q.title)}
        {q.required ? (
          <span className="fr-req" title={fmt(lang, 'required')}>
            {' '}
            *<span className="fr-sr">{fmt(lang, 'required')}</span>
          </span>
        ) : null}
      </legend>
      {q.help ? (
        <p className="fr-help" id={helpId}>
          {tx(q.help)}
        </p>
      ) : null}
      <Body {...p} name={id} tx={tx} describedBy={describedBy} />
      {p.error ? (
        <p className="fr-err" id={errId} role="alert">
          {errorText(lang, p.error)}
        </p>
      ) : null}
    </fieldset>
  );
}

function Body(
  p: TQProps & { name: string; tx: (t: Parameters<typeof lt>[0]) => string; describedBy?: string },
) {
  const { q, lang, value, set, tx, name } = p;
  const r = rec(value);
  const setItem = (item: string, v: number | string | null) => {
    const next = { ...r, [item]: v };
    if (v === null || v === '') delete next[item];
    set(q.key, Object.keys(next).length ? next : undefined);
  };
  const order = <T extends { key: string }>(items: readonly T[], randomize: boolean) =>
    randomize ? seededShuffle(items, p.seed + q.key) : items;
  // each type's renderer: question-types/<type>/Renderer.tsx, listed in question-types/respond.ts
  const Render = RENDERERS[q.type] as ((p: TRenderProps) => ReactNode) | undefined;
  if (!Render) return null;
  return (
    <Render
      q={q}
      value={value}
      r={r}
      answers={p.answers}
      set={set}
      setItem={setItem}
      order={order}
      lang={lang}
      name={name}
      tx={tx}
      describedBy={p.describedBy}
      error={p.error}
      seed={p.seed}
    />
  );
}
