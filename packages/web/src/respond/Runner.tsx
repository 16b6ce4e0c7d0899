// The respondent flow: pages, progress, validation, partial saves, idempotent submit with
// retries, resume, thank-you/redirect, kiosk reset. Also used by the builder's preview
// (submitUrl null: nothing leaves the browser).
import type { TAnswers, TAnswerValue, TSurveyDefinition } from '@fidelia/contracts';
import {
  lt,
  pipe,
  pruneHidden,
  type TFieldError,
  type TLang,
  type TPrefill,
  validatePage,
  visible,
  visiblePages,
} from '@fidelia/contracts/survey-logic';
import { useCallback, useEffect, useRef, useState } from 'react';
import { uuid } from '../api/uuid';
import { seededShuffle } from './logic';
import { QuestionView } from './Questions';
import { fmt } from './strings';

export interface TRunnerSurvey {
  version: number;
  definition: TSurveyDefinition;
  prefill: TPrefill;
  resume: { id: string; answers: TAnswers; page: number | null } | null;
  orgName: string;
  kiosk: boolean;
}

export interface TRunnerProps {
  survey: TRunnerSurvey;
  lang: TLang;
  onLang?: (l: TLang) => void;
  /** POST target; null = preview */
  submitUrl: string | null;
  channel?: 'web' | 'link' | 'qr' | 'kiosk' | 'embed';
  unitId?: string;
  /** localStorage key of the saved partial (null: do not keep one, e.g. kiosk) */
  storageKey: string | null;
  embed?: boolean;
  /** kiosk: reset after this many ms without input (default 90 s) */
  idleMs?: number;
}

interface TSaved {
  id: string;
  answers: TAnswers;
  page: number;
  startedAt: string;
}

function load(key: string | null): TSaved | null {
  if (!key) return null;
  try {
    const s = JSON.parse(localStorage.getItem(key) ?? 'null') as TSaved | null;
    return s && typeof s.id === 'string' && s.answers ? s : null;
  } catch {
    return null;
  }
}
function store(key: string | null, v: TSaved | null) {
  if (!key) return;
  try {
    if (v) localStorage.setItem(key, JSON.stringify(v));
    else localStorage.removeItem(key);
  } catch {
    // private mode / quota: the server partial save still resumes personal links
  }
}
function deviceKey(): string | undefined {
  try {
    let k = localStorage.getItem('fidelia:device');
    if (!k) {
      k = uuid();
      localStorage.setItem('fidelia:device', k);
    }
    return k;
  } catch {
    return undefined;
  }
}

/** Keeps only answers to questions of this definition (a resumed partial may predate a version). */
function known(def: TSurveyDefinition, answers: TAnswers): TAnswers {
  const keys = new Set<string>();
  for (const p of def.pages)
    for (const q of p.questions) {
      keys.add(q.key);
      keys.add(`${q.key}__other`);
    }
  return Object.fromEntries(Object.entries(answers).filter(([k]) => keys.has(k)));
}

type TSendResult =
  | {
      ok: true;
      body: { thankYou?: { message?: { es?: string; en?: string }; redirectUrl?: string } };
    }
  | { ok: false; status: number; code: string; message: string; field?: string };

/** POST with retries on network errors, 5xx and 429 (same id: the server deduplicates). */
async function postWithRetry(
  url: string,
  body: unknown,
  lang: TLang,
  onOffline: (off: boolean) => void,
  attempts = 8,
): Promise<TSendResult> {
  let wait = 1000;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': lang },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        keepalive: true,
      });
      if (res.ok) {
        onOffline(false);
        return { ok: true, body: await res.json().catch(() => ({})) };
      }
      const err = (await res.json().catch(() => ({}))) as {
        error?: {
          code?: string;
          message?: string;
          details?: { field?: string; issues?: { path: string }[] };
        };
      };
      if (res.status < 500 && res.status !== 429) {
        onOffline(false);
        return {
          ok: false,
          status: res.status,
          code: err.error?.code ?? `HTTP_${res.status}`,
          message: err.error?.message ?? res.statusText,
          field: err.error?.details?.field ?? err.error?.details?.issues?.[0]?.path,
        };
      }
    } catch {
      onOffline(true);
    }
    if (i + 1 >= attempts) return { ok: false, status: 0, code: 'NETWORK', message: 'network' };
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 15000);
  }
}

export function Runner(props: TRunnerProps) {
  const { survey, lang, submitUrl } = props;
  const def = survey.definition;
  const kiosk = survey.kiosk;
  const preview = submitUrl === null;

  const [initial] = useState((): TSaved => {
    const saved = kiosk ? null : load(props.storageKey);
    if (survey.resume)
      return {
        id: survey.resume.id,
        answers: known(def, survey.resume.answers),
        page: survey.resume.page ?? 0,
        startedAt: new Date().toISOString(),
      };
    if (saved) return { ...saved, answers: known(def, saved.answers) };
    return { id: uuid(), answers: {}, page: 0, startedAt: new Date().toISOString() };
  });
  const [session, setSession] = useState(initial);
  const [answers, setAnswers] = useState<TAnswers>(initial.answers);
  const [pos, setPos] = useState(0); // index into the visible pages
  const [errors, setErrors] = useState<Record<string, TFieldError>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [phase, setPhase] = useState<'form' | 'sending' | 'done'>('form');
  const [offline, setOffline] = useState(false);
  const [thanks, setThanks] = useState<{ message?: string; redirectUrl?: string }>({});
  const [countdown, setCountdown] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);

  const pages = visiblePages(def, answers);
  const pageIdx = pages[Math.min(pos, pages.length - 1)] ?? 0;
  const page = def.pages[pageIdx]!;
  const last = pos >= pages.length - 1;

  // resume on the saved page once the visible pages are known
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per session
  useEffect(() => {
    const at = pages.indexOf(session.page);
    setPos(Math.max(at, 0));
  }, [session.id]);

  // keep the partial locally on every change
  useEffect(() => {
    if (phase !== 'form' || kiosk) return;
    store(props.storageKey, { ...session, answers, page: pageIdx });
  }, [answers, pageIdx, phase, session, kiosk, props.storageKey]);

  // move focus to the page heading when the page changes (not on first load)
  // biome-ignore lint/correctness/useExhaustiveDependencies: on page change only
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
    if (!props.embed) window.scrollTo({ top: 0 });
  }, [pageIdx, phase]);

  // embed: tell the host page our height
  useEffect(() => {
    if (!props.embed || !rootRef.current || window.parent === window) return;
    const el = rootRef.current;
    const ro = new ResizeObserver(() =>
      window.parent.postMessage({ type: 'fidelia:height', height: el.scrollHeight }, '*'),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, [props.embed]);

  const reset = useCallback(() => {
    const fresh = { id: uuid(), answers: {}, page: 0, startedAt: new Date().toISOString() };
    store(props.storageKey, null);
    setSession(fresh);
    setAnswers({});
    setErrors({});
    setServerError(null);
    setPos(0);
    setPhase('form');
  }, [props.storageKey]);

  // kiosk: reset after idle, and a few seconds after the thank-you
  useEffect(() => {
    if (!kiosk) return;
    if (phase === 'done') {
      setCountdown(8);
      const iv = setInterval(() => setCountdown((c) => c - 1), 1000);
      const to = setTimeout(reset, 8000);
      return () => {
        clearInterval(iv);
        clearTimeout(to);
      };
    }
    if (Object.keys(answers).length === 0) return;
    let to = setTimeout(reset, props.idleMs ?? 90_000);
    const bump = () => {
      clearTimeout(to);
      to = setTimeout(reset, props.idleMs ?? 90_000);
    };
    for (const ev of ['pointerdown', 'keydown', 'input']) window.addEventListener(ev, bump);
    return () => {
      clearTimeout(to);
      for (const ev of ['pointerdown', 'keydown', 'input']) window.removeEventListener(ev, bump);
    };
  }, [kiosk, phase, answers, reset, props.idleMs]);

  const set = useCallback((key: string, v: TAnswerValue | undefined) => {
    setAnswers((a) => {
      const next = { ...a };
      if (v === undefined) delete next[key];
      else next[key] = v;
      return next;
    });
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _, ...rest } = e;
      return rest;
    });
  }, []);

  const body = (status: 'partial' | 'complete', pageNo: number) => ({
    id: session.id,
    status,
    language: lang,
    version: survey.version,
    answers: pruneHidden(def, answers),
    channel: kiosk ? 'kiosk' : props.channel,
    deviceKey: kiosk ? undefined : deviceKey(),
    unitId: props.unitId,
    startedAt: session.startedAt,
    page: pageNo,
  });

  const focusFirstError = (errs: Record<string, TFieldError>) => {
    const first = page.questions.find((q) => errs[q.key]);
    const el = first && document.getElementById(`q-${first.key}`);
    if (el) {
      el.setAttribute('tabindex', '-1');
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  };

  const finish = (thankYou?: { message?: { es?: string; en?: string }; redirectUrl?: string }) => {
    const msg = lt(thankYou?.message ?? def.thankYou.message, lang);
    const url = thankYou?.redirectUrl ?? def.thankYou.redirectUrl;
    setThanks({
      message: msg ? pipe(msg, def, answers, survey.prefill, lang) : undefined,
      redirectUrl: url,
    });
    store(props.storageKey, null);
    setPhase('done');
    if (url && /^https?:\/\//.test(url) && !preview && !kiosk)
      setTimeout(() => window.location.assign(url), 1500);
  };

  const next = async () => {
    const errs = validatePage(page, answers);
    setErrors(errs);
    setServerError(null);
    if (Object.keys(errs).length) {
      focusFirstError(errs);
      return;
    }
    if (!last) {
      const to = pages[pos + 1] ?? pageIdx;
      setPos(pos + 1);
      // partial save on the server (resume on another visit; nothing is lost if this fails)
      if (submitUrl) void postWithRetry(submitUrl, body('partial', to), lang, () => {}, 1);
      return;
    }
    if (!submitUrl) {
      finish();
      return;
    }
    setPhase('sending');
    const r = await postWithRetry(submitUrl, body('complete', pageIdx), lang, setOffline, 1000);
    if (r.ok) {
      finish(r.body.thankYou);
      return;
    }
    setPhase('form');
    const key = r.field
      ?.replace(/^answers\./, '')
      .split('.')[0]
      ?.replace(/__other$/, '');
    if (key) {
      const at = pages.findIndex((pi) => def.pages[pi]?.questions.some((q) => q.key === key));
      if (at >= 0) setPos(at);
    }
    setServerError(fmt(lang, 'e_server', { msg: r.message }));
  };

  const back = () => {
    setErrors({});
    setPos(Math.max(0, pos - 1));
  };

  const title = lt(def.title, lang);
  let n = 0;
  for (const pi of pages.slice(0, pos))
    for (const q of def.pages[pi]!.questions) if (visible(q.displayIf, answers)) n++;
  const questions = page.randomizeQuestions
    ? seededShuffle(page.questions, session.id + page.key)
    : page.questions;

  return (
    <div className={`fr${props.embed ? ' fr-embed' : ''}`} ref={rootRef} lang={lang}>
      {preview ? <p className="fr-banner">{fmt(lang, 'previewBanner')}</p> : null}
      <header className="fr-head">
        <div>
          {survey.orgName && !props.embed ? <p className="fr-org">{survey.orgName}</p> : null}
          <h1 className="fr-h1">{title}</h1>
        </div>
        {def.languages.length > 1 && props.onLang ? (
          <fieldset className="fr-langs">
            <legend className="fr-sr">{fmt(lang, 'language')}</legend>
            {def.languages.map((l) => (
              <button
                type="button"
                key={l}
                lang={l}
                aria-pressed={l === lang}
                onClick={() => props.onLang?.(l)}
              >
                {l.toUpperCase()}
              </button>
            ))}
          </fieldset>
        ) : null}
      </header>
      {phase === 'done' ? (
        <section className="fr-done">
          <h2 ref={headingRef} tabIndex={-1}>
            {fmt(lang, 'thanks')}
          </h2>
          {thanks.message ? <p>{thanks.message}</p> : null}
          {thanks.redirectUrl && !kiosk && !preview ? <p>{fmt(lang, 'redirecting')}</p> : null}
          {kiosk ? (
            <>
              <p aria-live="polite">{fmt(lang, 'kioskReset', { n: Math.max(countdown, 0) })}</p>
              <button type="button" className="fr-btn fr-primary" onClick={reset}>
                {fmt(lang, 'another')}
              </button>
            </>
          ) : preview ? (
            <button type="button" className="fr-btn" onClick={reset}>
              {fmt(lang, 'another')}
            </button>
          ) : null}
        </section>
      ) : (
        <form
          className="fr-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void next();
          }}
        >
          {def.showProgress && pages.length > 1 ? (
            <div className="fr-progress">
              <div
                className="fr-bar"
                role="progressbar"
                aria-valuemin={1}
                aria-valuemax={pages.length}
                aria-valuenow={pos + 1}
                aria-valuetext={fmt(lang, 'progress', { n: pos + 1, m: pages.length })}
              >
                <span style={{ width: `${((pos + 1) / pages.length) * 100}%` }} />
              </div>
              <span className="fr-ptext">
                {fmt(lang, 'progress', { n: pos + 1, m: pages.length })}
              </span>
            </div>
          ) : null}
          <h2 className={page.title ? 'fr-h2' : 'fr-h2 fr-sr'} ref={headingRef} tabIndex={-1}>
            {page.title ? pipe(lt(page.title, lang), def, answers, survey.prefill, lang) : title}
          </h2>
          {pos === 0 && def.intro ? (
            <p className="fr-intro">
              {pipe(lt(def.intro, lang), def, answers, survey.prefill, lang)}
            </p>
          ) : null}
          {questions.map((q) =>
            visible(q.displayIf, answers) ? (
              <QuestionView
                key={q.key}
                q={q}
                n={++n}
                value={answers[q.key]}
                answers={answers}
                set={set}
                lang={lang}
                def={def}
                prefill={survey.prefill}
                error={errors[q.key]}
                seed={session.id}
              />
            ) : null,
          )}
          {Object.keys(errors).length ? (
            <p className="fr-err" role="alert">
              {fmt(lang, 'fixErrors')}
            </p>
          ) : null}
          {serverError ? (
            <p className="fr-err" role="alert">
              {serverError}
            </p>
          ) : null}
          {offline ? (
            <p className="fr-warn" role="status">
              {fmt(lang, 'offline')}
            </p>
          ) : null}
          <div className="fr-nav">
            {pos > 0 ? (
              <button
                type="button"
                className="fr-btn"
                onClick={back}
                disabled={phase === 'sending'}
              >
                {fmt(lang, 'back')}
              </button>
            ) : (
              <span />
            )}
            <button type="submit" className="fr-btn fr-primary" disabled={phase === 'sending'}>
              {phase === 'sending'
                ? fmt(lang, 'sending')
                : last
                  ? fmt(lang, 'submit')
                  : fmt(lang, 'next')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
