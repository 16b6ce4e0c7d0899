// The one registry of job kinds and their payload schemas. The worker parses a job's payload
// with its kind's schema before the handler runs (never a cast): a payload that does not parse
// fails the job at once (PermanentJobError, logged at warn with the issues) instead of being
// retried or half-run. Objects are loose (extra fields pass) so an older or newer producer does
// not fail a job over a field the handler does not read; the fields the handler reads are
// checked. A kind not listed here (tests, a module's private kind) gets its payload as-is.
import { z } from 'zod';

const id = z.string().min(1);

export const JOB_PAYLOADS = {
  // surveys
  'survey.invite': z.looseObject({
    surveyId: id,
    batchId: id,
    customerIds: z.array(id).nullable(),
    segmentId: id.nullable(),
    all: z.boolean(),
    reminderAfterDays: z.number(),
    validDays: z.number(),
    userId: id.nullable(),
    unitId: id.nullable(),
  }),
  'survey.remind': z.looseObject({ batchId: id, surveyId: id }),
  'survey.webhook': z.looseObject({
    deliveryId: id,
    maxAttempts: z.number().int().positive().optional(),
    manual: z.boolean().optional(),
  }),
  /** Enqueued by the surveys module for a known detractor / low CSAT; handled by complaints. */
  'survey.response-import': z.looseObject({ importId: id }),
  'survey.followup': z.looseObject({
    orgId: id.optional(),
    responseId: id,
    surveyId: id.optional(),
    customerId: id.nullish(),
    orgUnitId: id.nullish(),
    kind: z.string().optional(),
    score: z.number().optional(),
    comment: z.string().nullish(),
    language: z.string().optional(),
  }),
  // complaints
  'complaint.mail': z.looseObject({ caseId: id, template: z.string(), eventId: id.nullable() }),
  'complaint.changed': z.looseObject({
    caseId: id,
    kind: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    eventId: id.nullish(),
  }),
  'complaints.sla.timer': z.looseObject({ caseId: id, target: z.string(), version: z.number() }),
  'complaints.sla.recompute': z.looseObject({ reason: z.string().optional() }),
  // customers
  'customer-import': z.looseObject({ importId: id }),
  // retention
  'retention.import': z.looseObject({ importId: id }),
  'retention.refit': z.looseObject({ runId: id }),
  /** Win-back "open a follow-up case"; handled by complaints, idempotent on actionId. */
  'retention.followup': z.looseObject({
    actionId: id,
    customerId: id,
    note: z.string().nullish(),
    pAlive: z.number().nullish(),
    clv: z.number().nullish(),
  }),
  // analytics
  /** The weekly overview digest of one org; `week` = the Monday (YYYY-MM-DD) it is sent on. */
  'analytics.digest': z.looseObject({ week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  // performance: monthly recognition run for a month (YYYY-MM), then the next one is queued
  'performance.recognition': z.looseObject({
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
    repeat: z.boolean().optional(),
  }),
  // panels
  'panels.invite': z.looseObject({
    sessionId: id,
    memberIds: z.array(id).nullable(),
    reminder: z.boolean(),
  }),
  'panels.optin': z.looseObject({ memberId: id }),
} as const;

export type JobKind = keyof typeof JOB_PAYLOADS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;

export const isKnownKind = (kind: string): kind is JobKind => Object.hasOwn(JOB_PAYLOADS, kind);
