// Mails to the customer (plain text, in the case's language): acknowledgement with reference and
// expected response date, messages, the response with its remedy, rejection with further
// recourse, closing with the "how did we handle it" link. Sent by the durable job
// 'complaint.mail'; the acknowledgement moves the case received -> acknowledged.
import type { Sql } from '../../db/client';
import type { JobPayload } from '../../jobs/kinds';
import type { JobHandler } from '../../jobs/queue';
import type { Mailer } from '../../mail/mailer';
import * as repo from './repo';
import { markAcknowledged } from './service';

export interface MailDeps {
  db: Sql;
  mailer: Mailer;
  publicUrl: string;
  timeZone?: string;
}

type Lang = 'es' | 'en';
const REMEDY: Record<string, Record<Lang, string>> = {
  apology: { es: 'disculpa', en: 'apology' },
  refund: { es: 'reembolso', en: 'refund' },
  replacement: { es: 'sustitución', en: 'replacement' },
  redo: { es: 'repetición del servicio', en: 'service redone' },
  compensation: { es: 'compensación', en: 'compensation' },
  explanation: { es: 'explicación', en: 'explanation' },
};

export const followUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/complaint/track/${encodeURIComponent(token)}`;

function date(iso: string | null, lang: Lang, timeZone: string) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', {
    dateStyle: 'long',
    timeZone,
  }).format(new Date(iso));
}

function money(cents: number, currency: string, lang: Lang) {
  return new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', {
    style: 'currency',
    currency,
  }).format(cents / 100);
}

export function renderMail(
  template: string,
  c: repo.TCase,
  ev: repo.TEvent | null,
  link: string,
  timeZone = 'Europe/Madrid',
): { subject: string; text: string } | null {
  const l: Lang = c.language;
  const es = l === 'es';
  const hi = c.contactName
    ? es
      ? `Estimado/a ${c.contactName}:`
      : `Dear ${c.contactName},`
    : es
      ? 'Estimado/a cliente:'
      : 'Dear customer,';
  const ref = `[${c.reference}]`;
  const follow = es
    ? `Puede seguir su reclamación aquí: ${link}`
    : `You can follow your complaint here: ${link}`;
  const reply = es
    ? 'Para añadir información, responda a este correo sin cambiar el asunto.'
    : 'To add information, reply to this e-mail keeping the subject.';
  const body = (...lines: string[]) => [hi, '', ...lines, '', follow, reply].join('\n');
  switch (template) {
    case 'ack':
      return {
        subject: es
          ? `${ref} Hemos recibido su reclamación`
          : `${ref} We have received your complaint`,
        text: body(
          es
            ? `Hemos recibido su reclamación «${c.subject}» con la referencia ${c.reference}.`
            : `We have received your complaint "${c.subject}" with reference ${c.reference}.`,
          es
            ? `Le daremos una respuesta antes del ${date(c.expectedResponseBy, l, timeZone)}.`
            : `We will respond by ${date(c.expectedResponseBy, l, timeZone)}.`,
        ),
      };
    case 'message':
      return {
        subject: es
          ? `${ref} Nuevo mensaje sobre su reclamación`
          : `${ref} New message about your complaint`,
        text: body(ev?.body ?? ''),
      };
    case 'response': {
      const rem = c.remedies.map((r) => {
        const name = REMEDY[r.type]?.[l] ?? r.type;
        const amount =
          r.amountCents !== undefined ? ` (${money(r.amountCents, r.currency ?? 'EUR', l)})` : '';
        return `- ${name}${amount}${r.note ? `: ${r.note}` : ''}`;
      });
      return {
        subject: es ? `${ref} Respuesta a su reclamación` : `${ref} Response to your complaint`,
        text: body(
          c.responseText ?? '',
          ...(rem.length ? ['', es ? 'Le ofrecemos:' : 'We offer:', ...rem] : []),
          '',
          es
            ? 'Indíquenos en el enlace si acepta la solución propuesta.'
            : 'Please tell us through the link whether you accept the proposed solution.',
        ),
      };
    }
    case 'rejected':
      return {
        subject: es ? `${ref} Decisión sobre su reclamación` : `${ref} Decision on your complaint`,
        text: body(
          es
            ? 'Tras analizar su reclamación, no podemos estimarla:'
            : 'Having reviewed your complaint, we cannot uphold it:',
          c.rejectReason ?? '',
          '',
          es ? 'Otras vías a su disposición:' : 'Further recourse available to you:',
          c.recourse ?? '',
        ),
      };
    case 'closed':
      return {
        subject: es
          ? `${ref} Reclamación cerrada: ¿cómo la hemos gestionado?`
          : `${ref} Complaint closed: how did we handle it?`,
        text: body(
          es
            ? `Hemos cerrado su reclamación ${c.reference}.`
            : `We have closed your complaint ${c.reference}.`,
          es
            ? 'Nos ayudaría mucho que valorase de 1 a 5 cómo la hemos gestionado, en el enlace de abajo.'
            : 'It would help us a lot if you rated from 1 to 5 how we handled it, at the link below.',
        ),
      };
    default:
      return null;
  }
}

export function mailJob(d: MailDeps): JobHandler<JobPayload<'complaint.mail'>> {
  return async (p, ctx) => {
    const c = await repo.getCase(d.db, ctx.orgId, p.caseId);
    if (!c?.contactEmail) return { skipped: 'no_email' };
    const ev = p.eventId
      ? ((await repo.listEvents(d.db, ctx.orgId, c.id)).find((e) => e.id === p.eventId) ?? null)
      : null;
    const tok = await repo.customerTokenOf(d.db, ctx.orgId, c.id);
    const m = renderMail(p.template, c, ev, followUrl(d.publicUrl, tok ?? ''), d.timeZone);
    if (!m) return { skipped: 'unknown_template' };
    await d.mailer.send({ to: c.contactEmail, subject: m.subject, text: m.text });
    if (p.template === 'ack') await markAcknowledged(d.db, ctx.orgId, c.id);
    return { sent: p.template };
  };
}
