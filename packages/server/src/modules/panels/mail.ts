// Invitations, reminders and the sign-up confirmation, sent by durable jobs (jobs/kinds.ts:
// panels.invite, panels.optin). The job re-reads who may be mailed when it runs, so a member
// who withdrew consent after being invited is never mailed; each sent mail is marked on its
// row, so a retried job does not send twice. Links come only from lib/public-url.
import type { Sql } from '../../db/client';
import { PermanentJobError, registerJob } from '../../jobs/queue';
import type { Mailer } from '../../mail/mailer';
import * as repo from './repo';
import { orgName } from './repo-views';
import { inviteToken, optinToken } from './tokens';

export interface TMailDeps {
  secret: string;
  publicUrl: string;
}

const when = (iso: string, lang: 'es' | 'en') =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'es-ES', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));

export function invitationMail(o: {
  lang: 'es' | 'en';
  name: string;
  org: string;
  topic: string;
  kind: string;
  startsAt: string;
  place: string;
  videoUrl: string;
  recording: boolean;
  link: string;
  reminder: boolean;
}) {
  const es = o.lang !== 'en';
  const what = es
    ? o.kind === 'interview'
      ? 'una entrevista'
      : 'un grupo de conversación'
    : o.kind === 'interview'
      ? 'an interview'
      : 'a focus group';
  const where = [o.place, o.videoUrl].filter(Boolean).join(' · ');
  const subject = es
    ? `${o.reminder ? 'Recordatorio: ' : ''}${o.org} te invita a ${what}: ${o.topic}`
    : `${o.reminder ? 'Reminder: ' : ''}${o.org} invites you to ${what}: ${o.topic}`;
  const lines = es
    ? [
        `Hola, ${o.name}:`,
        '',
        o.reminder
          ? `Te recordamos ${what} sobre «${o.topic}».`
          : `Como miembro de nuestro panel de clientes, te invitamos a ${what} sobre «${o.topic}».`,
        `Cuándo: ${when(o.startsAt, 'es')} (UTC)`,
        ...(where ? [`Dónde: ${where}`] : []),
        ...(o.recording
          ? ['La sesión se grabará solo si das tu consentimiento al confirmar.']
          : []),
        '',
        `Confirma si vienes: ${o.link}`,
        '',
        `Si ya no quieres participar en el panel, puedes darte de baja en el mismo enlace.`,
      ]
    : [
        `Hello ${o.name},`,
        '',
        o.reminder
          ? `A reminder of ${what} about "${o.topic}".`
          : `As a member of our customer panel, you are invited to ${what} about "${o.topic}".`,
        `When: ${when(o.startsAt, 'en')} (UTC)`,
        ...(where ? [`Where: ${where}`] : []),
        ...(o.recording ? ['The session is recorded only if you consent when you reply.'] : []),
        '',
        `Please reply: ${o.link}`,
        '',
        `If you no longer want to take part in the panel, you can leave it from the same link.`,
      ];
  return { subject, text: lines.join('\n') };
}

export function optinMail(o: { lang: 'es' | 'en'; name: string; panel: string; link: string }) {
  return o.lang === 'en'
    ? {
        subject: `Confirm your sign-up: ${o.panel}`,
        text: `Hello ${o.name},\n\nPlease confirm that you want to join "${o.panel}": ${o.link}\n\nIf you did not sign up, ignore this message.`,
      }
    : {
        subject: `Confirma tu inscripción: ${o.panel}`,
        text: `Hola, ${o.name}:\n\nConfirma que quieres unirte a «${o.panel}»: ${o.link}\n\nSi no te inscribiste, ignora este mensaje.`,
      };
}

export function registerPanelJobs(db: Sql, mailer: Mailer, deps: TMailDeps): void {
  registerJob('panels.invite', async (p, ctx) => {
    const s = await repo.getSession(db, ctx.orgId, p.sessionId);
    if (!s) throw new PermanentJobError('session gone');
    if (p.reminder && Date.parse(s.starts_at) < Date.now()) return { sent: 0 };
    const org = await orgName(db, ctx.orgId);
    const to = await repo.mailableInvites(db, ctx.orgId, s.id, p.memberIds ?? null, p.reminder);
    for (const m of to) {
      const token = inviteToken(deps.secret, ctx.orgId, s.id, m.member_id);
      const mail = invitationMail({
        lang: m.language === 'en' ? 'en' : 'es',
        name: m.name,
        org,
        topic: s.topic,
        kind: s.kind,
        startsAt: s.starts_at,
        place: s.place,
        videoUrl: s.video_url,
        recording: s.recording,
        link: `${deps.publicUrl}/panel-invite/${token}`,
        reminder: p.reminder,
      });
      await mailer.send({ to: m.email, ...mail });
      await repo.markMailed(db, ctx.orgId, s.id, m.member_id, p.reminder);
    }
    return { sent: to.length };
  });
  registerJob('panels.optin', async (p, ctx) => {
    const m = await repo.getMember(db, ctx.orgId, p.memberId);
    if (m?.status !== 'pending' || !m.email) return { sent: 0 };
    const panel = await repo.getPanel(db, ctx.orgId, m.panel_id);
    const token = optinToken(deps.secret, ctx.orgId, m.id);
    await mailer.send({
      to: m.email,
      ...optinMail({
        lang: m.language === 'en' ? 'en' : 'es',
        name: m.name,
        panel: panel?.name ?? '',
        link: `${deps.publicUrl}/panel-signup/confirm/${token}`,
      }),
    });
    return { sent: 1 };
  });
}
