// E-mail invitations and reminders (durable jobs), consent, unsubscribe and the contact-fatigue
// rule. Customers are read through the customers service only.
import { randomUUID } from 'node:crypto';
import type { TCustomer, TInvitationRequest, TSurveyDefinition } from '@fidelia/contracts';
import { ZInvitationRequestSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { JobPayload } from '../../jobs/kinds';
import { enqueue, type JobContext } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { sha256 } from '../../lib/crypto';
import { AppError, registerErrors } from '../../lib/errors';
import type { Mailer } from '../../mail/mailer';
import { audit } from '../audit/service';
import * as customers from '../customers/service';
import * as repo from './repo';
import * as sql from './repo-channels';
import { INVITE_JOB, REMIND_JOB } from './repo-channels';
import { assertOpen } from './submit';
import { insertInvitation, inviteToken, logContact, systemAuth, unsubscribeToken } from './tokens';

registerErrors({
  SURVEY_AUDIENCE_INVALID: {
    status: 400,
    es: 'Indica exactamente uno: clientes, segmento o todos.',
    en: 'Give exactly one of: customers, segment or all.',
  },
  SURVEY_UNSUBSCRIBE_INVALID: {
    status: 404,
    es: 'El enlace de baja no es válido.',
    en: 'The unsubscribe link is not valid.',
  },
});

export { INVITE_JOB, REMIND_JOB };

const MAIL_CHUNK = 20;

export interface TChannelDeps {
  db: Sql;
  mailer: Mailer;
  secret: string;
  publicUrl: string;
}

// ------------------------------------------------------------------------------ org settings
export async function getOrgSettings(db: Sql, orgId: string): Promise<{ fatigueDays: number }> {
  return { fatigueDays: (await sql.fatigueDaysRow(db, orgId)) ?? 30 };
}

export async function putOrgSettings(db: Sql, auth: AuthContext, v: { fatigueDays: number }) {
  await sql.upsertFatigueDays(db, auth.orgId, v.fatigueDays);
  await audit(db, auth, {
    action: 'survey_settings.updated',
    entity: 'survey_settings',
    changes: { ...v },
  });
  return v;
}

// ------------------------------------------------------------------------------ start a send
export async function startInvitations(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  body: TInvitationRequest,
): Promise<{ jobId: string; batchId: string }> {
  const v = ZInvitationRequestSchema.parse(body);
  const chosen = [v.customerIds !== undefined, v.segmentId !== undefined, v.all === true];
  if (chosen.filter(Boolean).length !== 1) throw new AppError('SURVEY_AUDIENCE_INVALID');
  const s = await repo.getSurvey(db, auth.orgId, surveyId);
  if (!s) throw new AppError('NOT_FOUND');
  assertOpen(s);
  const batchId = randomUUID();
  const jobId = await db.transaction(async (tx) => {
    const id = await enqueue(tx, {
      orgId: auth.orgId,
      kind: INVITE_JOB,
      maxAttempts: 5,
      payload: {
        surveyId,
        batchId,
        customerIds: v.customerIds ?? null,
        segmentId: v.segmentId ?? null,
        all: v.all ?? false,
        reminderAfterDays: v.reminderAfterDays,
        validDays: v.validDays,
        userId: auth.userId,
        unitId: auth.unitId,
      },
    });
    await audit(tx, auth, {
      action: 'survey.invitations_started',
      entity: 'survey',
      entityId: surveyId,
      changes: { batchId, jobId: id },
    });
    return id;
  });
  return { jobId, batchId };
}

// ------------------------------------------------------------------------------ mail text
function pick(t: { es?: string | undefined; en?: string | undefined } | undefined, l: 'es' | 'en') {
  return (l === 'en' ? (t?.en ?? t?.es) : (t?.es ?? t?.en)) ?? '';
}

export function invitationMail(
  o: {
    lang: 'es' | 'en';
    name: string;
    org: string;
    title: string;
    link: string;
    unsubscribe: string;
  },
  reminder = false,
) {
  // RFC 2369: mail clients show their own "unsubscribe" button for this link.
  const headers = { 'List-Unsubscribe': `<${o.unsubscribe}>` };
  if (o.lang === 'en') {
    return {
      headers,
      subject: `${reminder ? 'Reminder: ' : ''}${o.org} - ${o.title}`,
      text: `Hello ${o.name},\n\n${
        reminder ? 'A few days ago we asked for your opinion. ' : ''
      }We would value a few minutes of your time to tell us about our service:\n\n${o.link}\n\nThe link is personal; please do not forward it.\n\nThank you,\n${o.org}\n\nTo stop receiving surveys: ${o.unsubscribe}\n`,
    };
  }
  return {
    headers,
    subject: `${reminder ? 'Recordatorio: ' : ''}${o.org} - ${o.title}`,
    text: `Hola, ${o.name}:\n\n${
      reminder ? 'Hace unos días le pedimos su opinión. ' : ''
    }Le agradeceríamos unos minutos para contarnos qué tal le atendemos:\n\n${o.link}\n\nEl enlace es personal; por favor, no lo reenvíe.\n\nGracias,\n${o.org}\n\nSi no desea recibir más encuestas: ${o.unsubscribe}\n`,
  };
}

// ------------------------------------------------------------------------------ the job
/** The job's payload as parsed by its schema in jobs/kinds.ts. */
type InvitePayload = JobPayload<'survey.invite'>;

async function* audience(db: Sql, auth: AuthContext, p: InvitePayload): AsyncGenerator<TCustomer> {
  if (p.customerIds) {
    for (const id of p.customerIds) {
      const c = await customers.get(db, auth, id).catch(() => null);
      if (c) yield c;
    }
    return;
  }
  let cursor: string | undefined;
  do {
    const page = await customers.list(db, auth, {
      sort: 'createdAt',
      limit: 200,
      ...(p.segmentId ? { segmentId: p.segmentId } : {}),
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.items) yield c;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Why a customer is not contacted, or null when they may be. */
async function skipReason(
  db: Sql,
  orgId: string,
  c: TCustomer,
  fatigueDays: number,
): Promise<string | null> {
  if (c.status !== 'active') return 'inactive';
  if (!c.email) return 'no_email';
  if (!c.consentSurvey) return 'no_consent';
  if (await sql.isUnsubscribed(db, orgId, c.id)) return 'unsubscribed';
  if (fatigueDays > 0 && (await sql.contactedWithin(db, orgId, c.id, fatigueDays))) {
    return 'fatigue';
  }
  return null;
}

async function orgName(db: Sql, orgId: string) {
  return (await sql.orgName(db, orgId)) ?? 'Fidelia';
}

export function inviteJob(deps: TChannelDeps) {
  const { db, mailer } = deps;
  return async (p: InvitePayload, ctx: JobContext) => {
    const orgId = ctx.orgId;
    const s = await repo.getSurvey(db, orgId, p.surveyId);
    if (!s || s.published_version === null) return { skipped: 'survey_gone' };
    const def = (await repo.getVersion(db, orgId, s.id, s.published_version))
      ?.definition as TSurveyDefinition;
    const org = await orgName(db, orgId);
    const { fatigueDays } = await getOrgSettings(db, orgId);
    const auth = { ...systemAuth(orgId, p.userId), unitId: p.unitId };
    const counts: Record<string, number> = { sent: 0 };
    let seen = 0;
    // Mail goes out in parallel chunks (an SMTP round trip dominates); DB work stays serial.
    let outbox: { id: string; to: string; mail: { subject: string; text: string } }[] = [];
    const flush = async () => {
      const chunk = outbox;
      outbox = [];
      await Promise.all(chunk.map((m) => mailer.send({ to: m.to, ...m.mail })));
      if (!chunk.length) return;
      await sql.markInvitationsSent(
        db,
        orgId,
        chunk.map((m) => m.id),
      );
      counts.sent = (counts.sent ?? 0) + chunk.length;
      await ctx.progress({ seen, ...counts });
    };
    for await (const c of audience(db, auth, p)) {
      seen++;
      // A retried job skips customers this batch already handled.
      const prior = await sql.batchInvitation(db, orgId, p.batchId, c.id);
      if (prior && prior.status !== 'pending') continue;
      const reason = prior ? null : await skipReason(db, orgId, c, fatigueDays);
      if (reason) {
        counts[reason] = (counts[reason] ?? 0) + 1;
        continue;
      }
      const id = prior?.id ?? randomUUID();
      const token = inviteToken(deps.secret, id);
      const unsub = unsubscribeToken(deps.secret, id);
      const lang =
        c.language && def.languages.includes(c.language) ? c.language : def.defaultLanguage;
      if (!prior) {
        await db.transaction(async (tx) => {
          await insertInvitation(tx, orgId, {
            id,
            surveyId: s.id,
            customer: c,
            tokenHash: sha256(token),
            unsubscribeHash: sha256(unsub),
            channel: 'email',
            language: lang,
            validDays: p.validDays,
            batchId: p.batchId,
            remindAfterDays: p.reminderAfterDays,
            createdBy: p.userId,
          });
          await logContact(tx, orgId, {
            customerId: c.id,
            surveyId: s.id,
            invitationId: id,
            kind: 'invitation',
          });
        });
      }
      outbox.push({
        id,
        to: c.email as string,
        mail: invitationMail({
          lang,
          name: c.name,
          org,
          title: pick(def.title, lang),
          link: `${deps.publicUrl}/s/t/${token}`,
          unsubscribe: `${deps.publicUrl}/s/unsubscribe/${unsub}`,
        }),
      });
      if (outbox.length >= MAIL_CHUNK) await flush();
    }
    await flush();
    if (p.reminderAfterDays > 0 && (counts.sent ?? 0) > 0 && ctx.attempt === 1) {
      await enqueue(db, {
        orgId,
        kind: REMIND_JOB,
        payload: { batchId: p.batchId, surveyId: p.surveyId },
        runAt: new Date(Date.now() + p.reminderAfterDays * 86_400_000),
      });
    }
    const result = { seen, ...counts };
    await ctx.progress(result);
    return result;
  };
}

export function remindJob(deps: TChannelDeps) {
  const { db, mailer } = deps;
  return async (p: JobPayload<'survey.remind'>, ctx: JobContext) => {
    const orgId = ctx.orgId;
    const s = await repo.getSurvey(db, orgId, p.surveyId);
    if (s?.status !== 'open' || s.published_version === null) return { reminded: 0 };
    const def = (await repo.getVersion(db, orgId, s.id, s.published_version))
      ?.definition as TSurveyDefinition;
    const org = await orgName(db, orgId);
    const due = await sql.dueReminders(db, orgId, p.batchId);
    let reminded = 0;
    for (let i = 0; i < due.length; i += MAIL_CHUNK) {
      const chunk = due.slice(i, i + MAIL_CHUNK);
      const sent = await Promise.all(
        chunk.map(async (inv) => {
          const c = await customers.get(db, systemAuth(orgId), inv.customer_id).catch(() => null);
          if (!c?.email || !c.consentSurvey || c.status !== 'active') return null;
          const mail = invitationMail(
            {
              lang: inv.language,
              name: c.name,
              org,
              title: pick(def.title, inv.language),
              link: `${deps.publicUrl}/s/t/${inviteToken(deps.secret, inv.id)}`,
              unsubscribe: `${deps.publicUrl}/s/unsubscribe/${unsubscribeToken(deps.secret, inv.id)}`,
            },
            true,
          );
          await mailer.send({ to: c.email, ...mail });
          return inv;
        }),
      );
      for (const inv of sent) {
        if (!inv) continue;
        await sql.markReminded(db, orgId, inv.id);
        await logContact(db, orgId, {
          customerId: inv.customer_id,
          surveyId: s.id,
          invitationId: inv.id,
          kind: 'reminder',
        });
        reminded++;
      }
      await ctx.progress({ reminded });
    }
    return { reminded };
  };
}

// ------------------------------------------------------------------------------ stats
export async function invitationStats(db: Sql, auth: AuthContext, surveyId: string) {
  if (!(await repo.getSurvey(db, auth.orgId, surveyId))) throw new AppError('NOT_FOUND');
  const counts = await sql.invitationCounts(db, auth.orgId, surveyId);
  const jobs = await sql.invitationJobs(db, auth.orgId, surveyId);
  const skipped: Record<string, number> = {};
  for (const j of jobs) {
    const res = (j.result ?? j.progress ?? {}) as Record<string, number>;
    if (j.kind !== INVITE_JOB) continue;
    for (const [k, n] of Object.entries(res)) {
      if (k !== 'sent' && k !== 'seen' && typeof n === 'number') skipped[k] = (skipped[k] ?? 0) + n;
    }
  }
  const row = counts ?? { invited: 0, sent: 0, opened: 0, completed: 0, reminded: 0 };
  return { ...row, skipped, jobs };
}

// ------------------------------------------------------------------------------ unsubscribe
async function byUnsubscribe(db: Sql, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('SURVEY_UNSUBSCRIBE_INVALID');
  const inv = await sql.invitationByUnsubscribeHash(db, sha256(token));
  if (!inv) throw new AppError('SURVEY_UNSUBSCRIBE_INVALID');
  return inv;
}

export async function unsubscribeStatus(db: Sql, token: string) {
  const inv = await byUnsubscribe(db, token);
  const unsubscribed = await sql.isUnsubscribed(db, inv.org_id, inv.customer_id);
  return { orgName: await orgName(db, inv.org_id), unsubscribed };
}

export async function unsubscribe(db: Sql, token: string) {
  const inv = await byUnsubscribe(db, token);
  await sql.insertUnsubscribe(db, inv.org_id, inv.customer_id, inv.id);
  return { unsubscribed: true };
}
