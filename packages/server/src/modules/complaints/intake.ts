// Intake channels: public web form, staff entry (counter/phone), survey follow-up job
// ('unexpressed dissatisfaction', idempotent on the response id).
import type { TPublicComplaint, TStaffComplaint } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { JobPayload } from '../../jobs/kinds';
import type { JobHandler } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { unitExists, unitScope } from '../orgs/service';
import * as repo from './repo';
import * as intake from './repo-intake';
import { actorOf, createCase, customerActor, systemActor } from './service';

export async function orgBySlug(db: Sql, slug: string): Promise<string> {
  const id = await intake.orgIdBySlug(db, slug);
  if (!id) throw new AppError('NOT_FOUND');
  return id;
}

/** The public form. A filled honeypot is accepted silently and stored nowhere. */
export async function submitPublic(db: Sql, slug: string, b: TPublicComplaint) {
  const orgId = await orgBySlug(db, slug);
  if (b.website) return { discarded: true as const };
  const r = await createCase(db, customerActor(orgId), {
    channel: 'web',
    subject: b.subject,
    description: b.description,
    language: b.language,
    contactName: b.name,
    contactEmail: b.email ?? null,
    contactPhone: b.phone ?? null,
    unitId: b.unitId ?? null,
    remedySought: b.remedySought,
    attachments: b.attachments,
    sourceRef: b.submissionId ?? null,
  });
  if (!r.created) assertSameSubmission(r.case, b);
  return {
    reference: r.case.reference,
    status: r.case.status,
    expectedResponseBy: r.case.expectedResponseBy,
    // a retry (same submissionId) gets the same follow-up link as the first answer did
    token: r.token ?? (await repo.customerTokenOf(db, orgId, r.case.id)),
    replay: !r.created,
  };
}

/** A submissionId reused for a different complaint is a client bug, never a silent merge. */
function assertSameSubmission(c: { subject: string; description: string }, b: TSubmitted) {
  if (c.subject !== b.subject.trim() || c.description !== b.description.trim()) {
    throw new AppError('COMPLAINT_SUBMISSION_CONFLICT', { field: 'submissionId' });
  }
}
type TSubmitted = { subject: string; description: string };

registerErrors({
  COMPLAINT_SUBMISSION_CONFLICT: {
    status: 409,
    es: 'Ya existe otra reclamación con ese identificador de envío.',
    en: 'A different complaint was already sent with that submission id.',
  },
});

/** Staff entry (an oral complaint at the counter or by phone). */
export async function submitStaff(db: Sql, auth: AuthContext, b: TStaffComplaint) {
  const scope = await unitScope(db, auth);
  const unitId = b.unitId ?? (scope ? auth.unitId : null);
  if (scope && !(unitId && scope.includes(unitId))) throw new AppError('COMPLAINT_OUTSIDE_UNIT');
  const r = await createCase(db, actorOf(auth), {
    channel: b.channel,
    form: b.form,
    subject: b.subject,
    description: b.description,
    language: b.language,
    categoryId: b.categoryId,
    servqualDimension: b.servqualDimension,
    serviceAttribute: b.serviceAttribute,
    serviceAttributeId: b.serviceAttributeId,
    severity: b.severity,
    remedySought: b.remedySought,
    customerId: b.customerId,
    contactName: b.contactName,
    contactEmail: b.contactEmail,
    contactPhone: b.contactPhone,
    unitId,
    staffInvolved: b.staffInvolved,
    attachments: b.attachments,
    sourceRef: b.submissionId ?? null,
  });
  if (!r.created) assertSameSubmission(r.case, b);
  return { ...r.case, replay: !r.created };
}

/** `survey.followup` (enqueued by surveys/submit.ts): opens an unexpressed-dissatisfaction case. */
export function surveyFollowupJob(db: Sql): JobHandler<JobPayload<'survey.followup'>> {
  return async (p, ctx) => {
    const orgId = ctx.orgId;
    const lang = p.language === 'en' ? 'en' : 'es';
    const what =
      p.kind === 'low_csat'
        ? lang === 'es'
          ? `satisfacción baja (CSAT ${p.score})`
          : `low satisfaction (CSAT ${p.score})`
        : lang === 'es'
          ? `cliente detractor (NPS ${p.score})`
          : `detractor (NPS ${p.score})`;
    // Unit and customer are checked: a stale reference must not block the queue.
    const unit = p.orgUnitId
      ? (await unitExists(db, orgId, p.orgUnitId))
        ? p.orgUnitId
        : null
      : null;
    const cust = p.customerId
      ? (await intake.customerExists(db, orgId, p.customerId))
        ? p.customerId
        : null
      : null;
    const r = await createCase(db, systemActor(orgId), {
      channel: 'survey',
      form: 'unexpressed',
      subject: lang === 'es' ? `Encuesta: ${what}` : `Survey: ${what}`,
      description:
        p.comment?.trim() ||
        (lang === 'es' ? 'Sin comentario en la encuesta.' : 'No comment in the survey.'),
      language: lang,
      severity:
        typeof p.score === 'number' && p.score <= (p.kind === 'low_csat' ? 1 : 3)
          ? 'high'
          : 'medium',
      customerId: cust,
      unitId: unit,
      sourceRef: p.responseId,
      // nobody complained: staff contact the customer; no "we received your complaint" mail
      notify: false,
    });
    return { caseId: r.case.id, reference: r.case.reference, created: r.created };
  };
}

/** `retention.followup` (retention win-back action 'case'): a follow-up case for a customer at
 * risk of defection, in the customer's unit, idempotent on the action id. */
export function retentionFollowupJob(db: Sql): JobHandler<JobPayload<'retention.followup'>> {
  return async (p, ctx) => {
    const orgId = ctx.orgId;
    const cu = p.customerId ? await intake.followupCustomer(db, orgId, p.customerId) : undefined;
    const lang = cu?.language === 'en' ? 'en' : 'es';
    const risk =
      typeof p.pAlive === 'number'
        ? lang === 'es'
          ? ` (probabilidad de seguir activo ${Math.round(p.pAlive * 100)} %)`
          : ` (probability still active ${Math.round(p.pAlive * 100)}%)`
        : '';
    const r = await createCase(db, systemActor(orgId), {
      channel: 'retention',
      form: 'unexpressed',
      subject:
        lang === 'es'
          ? `Seguimiento de retención: cliente en riesgo${risk}`
          : `Retention follow-up: customer at risk${risk}`,
      description:
        p.note?.trim() ||
        (lang === 'es'
          ? 'Contactar con el cliente para conocer las causas de su alejamiento.'
          : 'Contact the customer to learn why they are drifting away.'),
      language: lang,
      severity: typeof p.pAlive === 'number' && p.pAlive < 0.3 ? 'high' : 'medium',
      customerId: cu?.id ?? null,
      unitId: cu?.unit_id ?? null,
      sourceRef: p.actionId,
      notify: false,
    });
    return { caseId: r.case.id, reference: r.case.reference, created: r.created };
  };
}
