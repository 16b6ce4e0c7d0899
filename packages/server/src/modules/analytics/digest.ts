// Weekly e-mail digest of the overview (issue 11). A user opts in (GET/PATCH /api/analytics/digest);
// the org then has one durable `analytics.digest` job queued for the next Monday 07:00 UTC. The
// job mails every opted-in active user the overview of the week before (Monday to Sunday, the
// same `overview()` the home screen calls, within the user's own unit scope), in the user's
// language, as text and HTML, with links built from lib/public-url only; it records the week per
// user (a retry mails nobody twice) and queues the next Monday's job while anyone is opted in.
import type { TOverviewReport } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import type { Mailer } from '../../mail/mailer';
import * as repo from './repo-digest';
import { overview } from './service';

export const DIGEST_JOB = 'analytics.digest';
const DAY_MS = 86_400_000;
const SEND_HOUR_UTC = 7;

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The Monday (YYYY-MM-DD) of the first digest send time strictly after `now`. */
export function nextSendWeek(now: Date): string {
  const today = Date.parse(`${day(now.getTime())}T00:00:00Z`);
  const dow = (new Date(today).getUTCDay() + 6) % 7; // Monday = 0
  let monday = today - dow * DAY_MS;
  if (monday + SEND_HOUR_UTC * 3_600_000 <= now.getTime()) monday += 7 * DAY_MS;
  return day(monday);
}

const sendAt = (week: string) => new Date(`${week}T0${SEND_HOUR_UTC}:00:00Z`);

export async function getDigest(db: Sql, auth: AuthContext): Promise<{ enabled: boolean }> {
  return { enabled: (await repo.subscription(db, auth.orgId, auth.userId)) ?? false };
}

/** Queues the org's next digest unless one is already queued. */
export async function ensureScheduled(db: Sql, orgId: string, week: string): Promise<void> {
  if (await repo.jobQueued(db, orgId, DIGEST_JOB)) return;
  await enqueue(db, { orgId, kind: DIGEST_JOB, payload: { week }, runAt: sendAt(week) });
}

export async function setDigest(
  db: Sql,
  auth: AuthContext,
  enabled: boolean,
  now = new Date(),
): Promise<{ enabled: boolean }> {
  await db.transaction(async (tx) => {
    // one scheduler at a time per org (two users opting in at once must not queue two jobs)
    await repo.lockScheduler(tx, auth.orgId);
    await repo.upsertSubscription(tx, auth.orgId, auth.userId, enabled);
    if (enabled) await ensureScheduled(tx, auth.orgId, nextSendWeek(now));
  });
  return { enabled };
}

// --------------------------------------------------------------------------------- mail

type Lang = 'es' | 'en';

const T = {
  es: {
    subject: (from: string, to: string) => `Fidelia: resumen semanal del ${from} al ${to}`,
    hello: (name: string) => `Hola, ${name}:`,
    intro: (from: string, to: string) =>
      `Estas son las cifras de la semana del ${from} al ${to}, comparadas con la semana anterior.`,
    nps: 'NPS',
    csat: 'Clientes satisfechos (CSAT)',
    gap: 'Brecha SERVQUAL (P − E)',
    responses: 'Respuestas recibidas',
    pastDue: 'Reclamaciones abiertas fuera de plazo',
    atRisk: 'Mejores clientes en riesgo',
    previous: 'semana anterior',
    noData: 'sin datos',
    significant: 'cambio significativo',
    open: 'Ver el resumen en Fidelia',
    stop: 'Recibe este correo porque lo activó en Fidelia (Análisis → Resumen). Puede desactivarlo allí.',
  },
  en: {
    subject: (from: string, to: string) => `Fidelia: weekly summary ${from} – ${to}`,
    hello: (name: string) => `Hello ${name},`,
    intro: (from: string, to: string) =>
      `Here are the figures for the week ${from} – ${to}, against the week before.`,
    nps: 'NPS',
    csat: 'Satisfied customers (CSAT)',
    gap: 'SERVQUAL gap (P − E)',
    responses: 'Responses received',
    pastDue: 'Open complaints past due',
    atRisk: 'Best customers at risk',
    previous: 'week before',
    noData: 'no data',
    significant: 'significant change',
    open: 'Open the overview in Fidelia',
    stop: 'You receive this e-mail because you switched it on in Fidelia (Analytics → Overview). You can switch it off there.',
  },
} as const;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The digest of one overview, in one language: subject, text and HTML. */
export function digestMail(
  o: TOverviewReport,
  lang: Lang,
  name: string,
  baseUrl: string,
): { subject: string; text: string; html: string } {
  const t = T[lang];
  const locale = lang === 'es' ? 'es-ES' : 'en-GB';
  const num = (v: number | null, d: number) =>
    v === null
      ? t.noData
      : new Intl.NumberFormat(locale, {
          minimumFractionDigits: d,
          maximumFractionDigits: d,
        }).format(v);
  const pct = (v: number | null) =>
    v === null
      ? t.noData
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  const date = (d: string) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${d}T12:00:00Z`),
    );
  const from = date(o.period.from);
  const to = date(o.period.to);
  const link = `${baseUrl}/analytics/overview?from=${o.period.from}&to=${o.period.to}`;
  const rows: [label: string, value: string, previous: string | null, flag: boolean][] = [
    [t.nps, num(o.nps.value, 1), num(o.nps.previous.value, 1), !!o.nps.change?.significant],
    [t.csat, pct(o.csat.value), pct(o.csat.previous.value), !!o.csat.change?.significant],
    [
      t.gap,
      num(o.servqualGap.value, 2),
      num(o.servqualGap.previous.value, 2),
      !!o.servqualGap.change?.significant,
    ],
    [t.responses, num(o.responses, 0), null, false],
    [t.pastDue, num(o.complaintsPastDue, 0), null, false],
    [t.atRisk, num(o.atRiskBestCustomers.count, 0), null, false],
  ];
  const line = ([l, v, p, f]: (typeof rows)[number]) =>
    `${l}: ${v}${p === null ? '' : ` (${t.previous}: ${p})`}${f ? ` — ${t.significant}` : ''}`;
  const text = [
    t.hello(name),
    '',
    t.intro(from, to),
    '',
    ...rows.map((r) => `- ${line(r)}`),
    '',
    `${t.open}: ${link}`,
    '',
    t.stop,
    '',
  ].join('\n');
  const cell = 'padding:6px 10px;border-bottom:1px solid #dee2e6';
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(
    t.subject(from, to),
  )}</title></head><body style="font-family:Arial,Helvetica,sans-serif;color:#212529;max-width:560px">
<p>${esc(t.hello(name))}</p><p>${esc(t.intro(from, to))}</p>
<table style="border-collapse:collapse;width:100%">${rows
    .map(
      ([l, v, p, f]) =>
        `<tr><td style="${cell}">${esc(l)}</td><td style="${cell};text-align:right;font-weight:bold">${esc(
          v,
        )}</td><td style="${cell};text-align:right;color:#6c757d">${
          p === null ? '' : esc(`${t.previous}: ${p}`)
        }${f ? ` <strong style="color:#c92a2a">${esc(t.significant)}</strong>` : ''}</td></tr>`,
    )
    .join('')}</table>
<p><a href="${esc(link)}">${esc(t.open)}</a></p>
<p style="font-size:12px;color:#6c757d">${esc(t.stop)}</p></body></html>`;
  return { subject: t.subject(from, to), text, html };
}

// ---------------------------------------------------------------------------------- job

/** Sends the digest of `week` (a Monday) to every opted-in active user not yet mailed for it. */
export async function runDigest(
  db: Sql,
  mailer: Mailer,
  baseUrl: string,
  orgId: string,
  week: string,
  now = new Date(),
): Promise<{ sent: number }> {
  const monday = Date.parse(`${week}T00:00:00Z`);
  const period = { from: day(monday - 7 * DAY_MS), to: day(monday - DAY_MS) };
  const subs = await repo.dueSubscribers(db, orgId, week);
  let sent = 0;
  for (const s of subs) {
    const auth: AuthContext = {
      orgId,
      userId: s.user_id,
      role: s.role,
      unitId: s.unit_id,
      email: s.email,
      via: 'session',
      scopes: [],
    };
    const o = await overview(db, auth, period, new Date(monday));
    const lang: Lang = s.locale?.startsWith('en') ? 'en' : 'es';
    const m = digestMail(o, lang, s.name, baseUrl);
    await mailer.send({ to: s.email, ...m });
    await repo.markMailed(db, orgId, s.user_id, week);
    sent += 1;
  }
  const still = await repo.anyEnabled(db, orgId);
  // the following Monday, or the coming one if the queue was stopped for weeks (no burst of
  // stale digests after a long outage)
  const following = day(monday + 7 * DAY_MS);
  const coming = nextSendWeek(now);
  if (still) await ensureScheduled(db, orgId, [following, coming].sort()[1] as string);
  return { sent };
}
