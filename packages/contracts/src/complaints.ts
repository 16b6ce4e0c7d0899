// Complaints (DOMAIN.md §8, ISO 10002): cases, intake, handling, remedy, root cause, reports.
import { z } from 'zod';
import { SERVQUAL_DIMENSIONS } from './surveys';

export const COMPLAINT_CHANNELS = [
  'web',
  'counter',
  'phone',
  'email',
  'survey',
  'retention',
] as const;
/** Channels staff may key a complaint in under (survey/retention cases are opened by jobs). */
export const STAFF_COMPLAINT_CHANNELS = ['counter', 'phone', 'email', 'web'] as const;
/** Forms of dissatisfaction (seed 2, slide 26): a voiced complaint (oral or written),
 * unexpressed (found through surveys), avoidable, trivial. */
export const COMPLAINT_FORMS = ['complaint', 'unexpressed', 'avoidable', 'trivial'] as const;
export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'assessed',
  'investigating',
  'responded',
  'closed',
  'rejected',
  'reopened',
] as const;
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const REMEDY_TYPES = [
  'apology',
  'refund',
  'replacement',
  'redo',
  'compensation',
  'explanation',
] as const;
export const ASSIGNMENT_STRATEGIES = ['round_robin', 'least_loaded'] as const;

export const ZComplaintChannelSchema = z.enum(COMPLAINT_CHANNELS);
export const ZComplaintFormSchema = z.enum(COMPLAINT_FORMS);
export const ZComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);
export const ZComplaintSeveritySchema = z.enum(COMPLAINT_SEVERITIES);
export const ZServqualDimensionSchema = z.enum(SERVQUAL_DIMENSIONS);
export const ZRemedyTypeSchema = z.enum(REMEDY_TYPES);
export type TComplaintChannel = z.infer<typeof ZComplaintChannelSchema>;
export type TComplaintForm = z.infer<typeof ZComplaintFormSchema>;
export type TComplaintStatus = z.infer<typeof ZComplaintStatusSchema>;
export type TComplaintSeverity = z.infer<typeof ZComplaintSeveritySchema>;
export type TRemedyType = z.infer<typeof ZRemedyTypeSchema>;

/** Allowed state changes (the service enforces them; the web shows only these buttons). */
export const COMPLAINT_TRANSITIONS: Record<TComplaintStatus, readonly TComplaintStatus[]> = {
  received: ['acknowledged', 'assessed', 'rejected'],
  acknowledged: ['assessed', 'rejected'],
  assessed: ['investigating', 'responded', 'rejected'],
  investigating: ['responded', 'rejected'],
  responded: ['closed', 'investigating'],
  closed: ['reopened'],
  rejected: ['reopened'],
  reopened: ['assessed', 'investigating', 'responded', 'rejected'],
};
export const OPEN_STATUSES: readonly TComplaintStatus[] = COMPLAINT_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'rejected',
);

const text = (max: number) => z.string().trim().min(1).max(max);
const ZUuid = z.uuid();

export const ZAttachmentUploadSchema = z.strictObject({
  filename: text(200),
  /** base64 of the file; size (413 over 5 MB) and type (by content) checked by the server */
  contentBase64: z.string().min(1).max(8_000_000),
});

/** Public web form (no login). `website` is a honeypot: humans leave it empty. */
export const ZPublicComplaintSchema = z.strictObject({
  name: text(200),
  email: z.email().max(320).optional(),
  phone: z.string().trim().max(40).optional(),
  language: z.enum(['es', 'en']).default('es'),
  subject: text(200),
  description: text(10_000),
  unitId: ZUuid.optional(),
  remedySought: z.array(ZRemedyTypeSchema).max(6).optional(),
  attachments: z.array(ZAttachmentUploadSchema).max(3).optional(),
  consent: z.literal(true),
  website: z.string().max(200).optional(),
});
export type TPublicComplaint = z.infer<typeof ZPublicComplaintSchema>;

export const ZClassificationSchema = z.strictObject({
  form: ZComplaintFormSchema.optional(),
  categoryId: ZUuid.nullable().optional(),
  servqualDimension: ZServqualDimensionSchema.nullable().optional(),
  serviceAttribute: z.string().trim().max(200).nullable().optional(),
  severity: ZComplaintSeveritySchema.optional(),
  remedySought: z.array(ZRemedyTypeSchema).max(6).optional(),
  unitId: ZUuid.nullable().optional(),
  staffInvolved: z.array(ZUuid).max(20).optional(),
  customerId: ZUuid.nullable().optional(),
  subject: text(200).optional(),
});
export type TClassification = z.infer<typeof ZClassificationSchema>;

/** Staff entry: an oral complaint at the counter or by phone (or any channel keyed in). */
export const ZStaffComplaintSchema = ZClassificationSchema.extend({
  channel: z.enum(STAFF_COMPLAINT_CHANNELS).default('counter'),
  description: text(10_000),
  subject: text(200),
  contactName: z.string().trim().max(200).optional(),
  contactEmail: z.email().max(320).optional(),
  contactPhone: z.string().trim().max(40).optional(),
  language: z.enum(['es', 'en']).optional(),
  attachments: z.array(ZAttachmentUploadSchema).max(3).optional(),
});
export type TStaffComplaint = z.infer<typeof ZStaffComplaintSchema>;

export const ZComplaintListQuerySchema = z.strictObject({
  status: ZComplaintStatusSchema.optional(),
  open: z.enum(['true', 'false']).optional(),
  channel: ZComplaintChannelSchema.optional(),
  unitId: ZUuid.optional(),
  assigneeId: ZUuid.optional(),
  customerId: ZUuid.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TComplaintListQuery = z.infer<typeof ZComplaintListQuerySchema>;

export const ZTransitionSchema = z.strictObject({
  to: z.enum(['acknowledged', 'assessed', 'investigating', 'rejected', 'reopened']),
  note: z.string().trim().max(5000).optional(),
  /** rejected: why, and the further recourse the customer is told about */
  reason: z.string().trim().max(5000).optional(),
  recourse: z.string().trim().max(5000).optional(),
});
export type TTransition = z.infer<typeof ZTransitionSchema>;

export const ZNoteSchema = z.strictObject({
  body: text(10_000),
  /** internal: staff only; customer: sent to the customer (e-mail when known) */
  visibility: z.enum(['internal', 'customer']).default('internal'),
  /** customer messages: wait for the customer's reply (SLA clocks may pause) */
  awaitReply: z.boolean().optional(),
  attachments: z.array(ZAttachmentUploadSchema).max(3).optional(),
});

export const ZRemedySchema = z.strictObject({
  type: ZRemedyTypeSchema,
  /** money in minor units (cents) for refund/compensation */
  amountCents: z.number().int().min(0).max(100_000_000).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  note: z.string().trim().max(1000).optional(),
});
export type TRemedy = z.infer<typeof ZRemedySchema>;

export const ZComplaintResponseSchema = z.strictObject({
  body: text(10_000),
  remedies: z.array(ZRemedySchema).max(6).default([]),
});
export const ZDecisionSchema = z.strictObject({
  accepted: z.boolean(),
  comment: z.string().trim().max(5000).optional(),
});
export const ZCloseSchema = z.strictObject({
  rootCategoryId: ZUuid.optional(),
  causeId: ZUuid,
  fiveWhys: z.array(text(1000)).max(5).default([]),
  note: z.string().trim().max(5000).optional(),
});
export const ZRatingSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export const ZAssignSchema = z.strictObject({ userId: ZUuid.optional() });
export const ZConflictSchema = z.strictObject({ reason: text(2000) });

export const ZCategoryCreateSchema = z.strictObject({
  tree: z.enum(['category', 'cause']),
  parentId: ZUuid.nullable().default(null),
  name: text(200),
  servqualDimension: ZServqualDimensionSchema.nullable().optional(),
});
export const ZCategoryPatchSchema = z.strictObject({
  parentId: ZUuid.nullable().optional(),
  name: text(200).optional(),
  active: z.boolean().optional(),
  servqualDimension: ZServqualDimensionSchema.nullable().optional(),
});

export const ZComplaintSettingsSchema = z.strictObject({
  strategy: z.enum(ASSIGNMENT_STRATEGIES).optional(),
  excludeManagers: z.boolean().optional(),
  responseDays: z.number().int().min(1).max(90).optional(),
  recourse: z.string().trim().max(2000).optional(),
});
export const ZUnitManagerSchema = z.strictObject({ userId: ZUuid.nullable() });

export const ZReportQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  unitId: ZUuid.optional(),
});
export type TReportQuery = z.infer<typeof ZReportQuerySchema>;

export const ZMboxImportSchema = z.strictObject({ mbox: z.string().min(1).max(20_000_000) });
