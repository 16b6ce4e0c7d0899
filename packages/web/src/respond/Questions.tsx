// One component per question type. Plain React + native inputs (radio/checkbox/number/date):
// keyboard and screen readers work as the platform does; every group is a fieldset/legend.
import type { TAnswers, TAnswerValue, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import {
  constantSumState,
  lt,
  pipe,
  type TFieldError,
  type TLang,
  type TPrefill,
} from '@fidelia/contracts/survey-logic';
import { type ReactNode, useId } from 'react';
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

type TRec = Record<string, number | string | null>;
const rec = (v: TAnswerValue | undefined): TRec =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as TRec) : {};
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** A row of radio buttons drawn as big tappable boxes. */
function Scale(props: {
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
  switch (q.type) {
    case 'rating':
    case 'csat':
    case 'scale': {
      const [a, b] = q.type === 'rating' ? [q.min, q.max] : [1, q.type === 'csat' ? 5 : q.points];
      return (
        <Scale
          name={name}
          bare
          legend={null}
          values={range(a, b).map((v) => ({ value: v, label: String(v) }))}
          current={value}
          onPick={(v) => set(q.key, v)}
          low={tx(q.lowLabel)}
          high={tx(q.highLabel)}
          cls={q.type === 'rating' && b - a >= 10 ? 'fr-eleven' : ''}
        />
      );
    }
    case 'servqual':
    case 'matrix': {
      const items =
        q.type === 'servqual' ? order(q.items, q.randomize) : order(q.rows, q.randomize);
      const cols =
        q.type === 'servqual'
          ? range(1, q.points).map((v) => ({ value: v, label: String(v) }))
          : q.columns.map((c) => ({ value: c.value, label: tx(c.label) }));
      const low = q.type === 'servqual' ? tx(q.lowLabel) : '';
      const high = q.type === 'servqual' ? tx(q.highLabel) : '';
      return (
        <div className="fr-battery">
          {items.map((it, i) => (
            <Scale
              key={it.key}
              name={`${name}-${it.key}`}
              legend={
                <>
                  <span className="fr-inum">{q.type === 'servqual' ? `${i + 1}.` : ''}</span>{' '}
                  {tx(it.text)}
                </>
              }
              values={cols}
              current={r[it.key]}
              onPick={(v) => setItem(it.key, v)}
              low={i === 0 || i === items.length - 1 ? low : ''}
              high={i === 0 || i === items.length - 1 ? high : ''}
              cls={q.type === 'matrix' ? 'fr-words' : 'fr-seven'}
              invalid={p.error?.item === it.key}
            />
          ))}
        </div>
      );
    }
    case 'constant_sum': {
      const s = constantSumState(r, q.total);
      return (
        <div className="fr-csum">
          {order(q.items, q.randomize).map((it) => (
            <label key={it.key} className="fr-csrow">
              <span>{tx(it.text)}</span>
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={q.total}
                step={1}
                value={typeof r[it.key] === 'number' ? String(r[it.key]) : ''}
                onChange={(e) => {
                  const raw = e.currentTarget.value;
                  setItem(it.key, raw === '' ? null : Math.max(0, Math.round(Number(raw))));
                }}
              />
            </label>
          ))}
          <p className={`fr-total${s.over ? ' over' : s.complete ? ' ok' : ''}`} aria-live="polite">
            <strong>
              {fmt(lang, 'total')}: {s.sum} / {q.total}
            </strong>{' '}
            —{' '}
            {s.over
              ? fmt(lang, 'over', { n: -s.remaining })
              : fmt(lang, 'remaining', { n: s.remaining })}
          </p>
        </div>
      );
    }
    case 'kano': {
      const answers = [1, 2, 3, 4, 5].map((v) => ({
        value: v,
        label: fmt(lang, `kano${v}` as 'kano1'),
      }));
      return (
        <div className="fr-battery">
          {(['functional', 'dysfunctional'] as const).map((part) => (
            <Scale
              key={part}
              name={`${name}-${part}`}
              legend={tx(q[part]) || fmt(lang, part)}
              values={answers}
              current={r[part]}
              onPick={(v) => setItem(part, v)}
              cls="fr-list"
              invalid={p.error?.item === part}
            />
          ))}
        </div>
      );
    }
    case 'value': {
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
        set(q.key, Object.keys(next).length ? (next as TAnswerValue) : undefined);
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
    case 'single': {
      const opts = q.randomize ? seededShuffle(q.options, p.seed + q.key) : q.options;
      const otherKey = `${q.key}__other`;
      return (
        <div className="fr-choices">
          {opts.map((o) => (
            <label key={o.value} className={`fr-choice${value === o.value ? ' on' : ''}`}>
              <input
                type="radio"
                name={name}
                checked={value === o.value}
                onChange={() => set(q.key, o.value)}
              />
              <span>{tx(o.label)}</span>
            </label>
          ))}
          {q.allowOther ? (
            <>
              <label className={`fr-choice${value === 'other' ? ' on' : ''}`}>
                <input
                  type="radio"
                  name={name}
                  checked={value === 'other'}
                  onChange={() => set(q.key, 'other')}
                />
                <span>{fmt(lang, 'other')}</span>
              </label>
              {value === 'other' ? (
                <input
                  className="fr-input"
                  aria-label={fmt(lang, 'otherText')}
                  placeholder={fmt(lang, 'otherText')}
                  maxLength={500}
                  value={String(p.answers[otherKey] ?? '')}
                  onChange={(e) => set(otherKey, e.currentTarget.value || undefined)}
                />
              ) : null}
            </>
          ) : null}
        </div>
      );
    }
    case 'multiple': {
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
    case 'text': {
      const s = typeof value === 'string' ? value : '';
      const common = {
        className: 'fr-input',
        'aria-label': tx(q.title),
        'aria-describedby': p.describedBy,
        maxLength: q.maxLength,
        value: s,
        onChange: (e: { currentTarget: { value: string } }) =>
          set(q.key, e.currentTarget.value === '' ? undefined : e.currentTarget.value),
      };
      return (
        <>
          {q.multiline ? <textarea rows={4} {...common} /> : <input {...common} />}
          {s.length > q.maxLength * 0.8 ? (
            <p className="fr-help">{fmt(lang, 'chars', { n: s.length, m: q.maxLength })}</p>
          ) : null}
        </>
      );
    }
    case 'number':
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
    case 'contact': {
      const auto = { name: 'name', email: 'email', phone: 'tel' } as const;
      const types = { name: 'text', email: 'email', phone: 'tel' } as const;
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
                onChange={(e) => setItem(f, e.currentTarget.value)}
              />
            </label>
          ))}
        </div>
      );
    }
    case 'date':
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
  return null;
}
