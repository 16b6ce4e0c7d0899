// Respondent app: which survey (anonymous slug, personal token) or the unsubscribe page, from
// the URL. Served at /s/* by the server (or /respond.html?p=/s/... as a fallback).
import type { TPublicSurvey } from '@fidelia/contracts';
import type { TLang } from '@fidelia/contracts/survey-logic';
import { useEffect, useState } from 'react';
import { pickLang } from './logic';
import { Runner } from './Runner';
import { fmt, type TKey } from './strings';

export interface TTarget {
  kind: 'slug' | 'token' | 'unsubscribe' | 'none';
  id: string;
  query: URLSearchParams;
}

/** Parses /s/<slug>, /s/t/<token>, /s/unsubscribe/<token> (or ?p=<that path>). */
export function parseTarget(loc: { pathname: string; search: string }): TTarget {
  let path = loc.pathname;
  let query = new URLSearchParams(loc.search);
  const p = query.get('p');
  if (!path.startsWith('/s/') && p?.startsWith('/s/')) {
    const u = new URL(p, 'http://x');
    path = u.pathname;
    query = u.searchParams;
  }
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 's' || !parts[1]) return { kind: 'none', id: '', query };
  if (parts[1] === 't' && parts[2]) return { kind: 'token', id: parts[2], query };
  if (parts[1] === 'unsubscribe' && parts[2]) return { kind: 'unsubscribe', id: parts[2], query };
  return { kind: 'slug', id: parts[1], query };
}

const browserLang = () => (typeof navigator !== 'undefined' ? navigator.language : null);
const ERR: Record<string, TKey> = {
  SURVEY_NOT_FOUND: 'notFound',
  SURVEY_TOKEN_INVALID: 'notFound',
  NOT_FOUND: 'notFound',
  SURVEY_CLOSED: 'closed',
  SURVEY_QUOTA_REACHED: 'closed',
  SURVEY_TOKEN_USED: 'used',
  SURVEY_TOKEN_EXPIRED: 'expired',
};

function Message({ lang, text, title }: { lang: TLang; text: string; title?: string }) {
  return (
    <div className="fr" lang={lang}>
      <section className="fr-done">
        <h1 className="fr-h1">{title ?? 'Fidelia'}</h1>
        <p>{text}</p>
      </section>
    </div>
  );
}

function Unsubscribe({ token, lang }: { token: string; lang: TLang }) {
  const [info, setInfo] = useState<{
    email: string;
    orgName: string;
    unsubscribed: boolean;
  } | null>(null);
  const [err, setErr] = useState(false);
  const url = `/api/public/unsubscribe/${encodeURIComponent(token)}`;
  useEffect(() => {
    fetch(url, { headers: { 'accept-language': lang } })
      .then((r) => (r.ok ? r.json() : Promise.reject(r)))
      .then(setInfo, () => setErr(true));
  }, [url, lang]);
  if (err) return <Message lang={lang} text={fmt(lang, 'notFound')} />;
  if (!info) return <Message lang={lang} text={fmt(lang, 'loading')} />;
  return (
    <div className="fr" lang={lang}>
      <section className="fr-done">
        <h1 className="fr-h1">{fmt(lang, 'unsubscribeTitle')}</h1>
        {info.unsubscribed ? (
          <p role="status">{fmt(lang, 'unsubscribed')}</p>
        ) : (
          <>
            <p>{fmt(lang, 'unsubscribeAsk', { org: info.orgName, email: info.email })}</p>
            <button
              type="button"
              className="fr-btn fr-primary"
              onClick={() =>
                fetch(url, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: '{}',
                }).then((r) => r.ok && setInfo({ ...info, unsubscribed: true }))
              }
            >
              {fmt(lang, 'unsubscribeBtn')}
            </button>
          </>
        )}
      </section>
    </div>
  );
}

export function RespondApp({ target }: { target: TTarget }) {
  const urlLang = target.query.get('lang');
  const guess = pickLang(['es', 'en'], 'es', [urlLang, browserLang()]);
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; key: TKey } | { kind: 'ok'; survey: TPublicSurvey }
  >({ kind: 'loading' });
  const [lang, setLang] = useState<TLang>(guess);

  const base =
    target.kind === 'token'
      ? `/api/public/surveys/t/${encodeURIComponent(target.id)}`
      : `/api/public/surveys/${encodeURIComponent(target.id)}`;

  useEffect(() => {
    if (target.kind !== 'slug' && target.kind !== 'token') return;
    let stop = false;
    const get = async (tries: number): Promise<void> => {
      try {
        const res = await fetch(`${base}${urlLang ? `?lang=${encodeURIComponent(urlLang)}` : ''}`, {
          headers: { 'accept-language': guess },
          credentials: 'same-origin',
        });
        if (stop) return;
        if (res.ok) {
          const s = (await res.json()) as TPublicSurvey;
          const d = s.definition;
          setLang(pickLang(d.languages, d.defaultLanguage, [urlLang, s.language, browserLang()]));
          setState({ kind: 'ok', survey: s });
          return;
        }
        if (res.status >= 500 && tries > 0) throw new Error('retry');
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        setState({ kind: 'error', key: ERR[body.error?.code ?? ''] ?? 'failed' });
      } catch {
        if (stop) return;
        if (tries > 0) {
          setTimeout(() => void get(tries - 1), 2000);
          return;
        }
        setState({ kind: 'error', key: 'failed' });
      }
    };
    void get(5);
    return () => {
      stop = true;
    };
  }, [base, target.kind, urlLang, guess]);

  useEffect(() => {
    document.documentElement.lang = lang;
    if (state.kind === 'ok') {
      const d = state.survey.definition;
      document.title = (lang === 'en' ? d.title.en || d.title.es : d.title.es || d.title.en) ?? '';
    }
  }, [lang, state]);

  if (target.kind === 'none') return <Message lang={guess} text={fmt(guess, 'notFound')} />;
  if (target.kind === 'unsubscribe') return <Unsubscribe token={target.id} lang={guess} />;
  if (state.kind === 'loading')
    return (
      <div className="fr" aria-busy="true">
        <p className="fr-loading">{fmt(guess, 'loading')}</p>
      </div>
    );
  if (state.kind === 'error') return <Message lang={lang} text={fmt(lang, state.key)} />;
  const s = state.survey;
  const c = target.query.get('c');
  const channel =
    target.kind === 'token'
      ? undefined
      : c === 'qr' || c === 'embed' || c === 'kiosk' || c === 'link'
        ? c
        : 'web';
  const unit = target.query.get('u');
  return (
    <Runner
      survey={{ ...s, kiosk: s.kiosk || c === 'kiosk' }}
      lang={lang}
      onLang={setLang}
      submitUrl={`${base}/responses`}
      channel={channel}
      unitId={unit && /^[0-9a-f-]{36}$/i.test(unit) ? unit : undefined}
      storageKey={`fidelia:r:${target.kind}:${target.id}:v${s.version}`}
      embed={c === 'embed'}
    />
  );
}
