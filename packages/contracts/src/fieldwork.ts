// Shared schemas of the fieldwork module (issue 15: checklists from service standards, internal
// audits, mystery shopping, competitor visits, photos, corrective actions). Scoring follows the
// `fidelia analyze audit` contract (@fidelia/stats scoreAudit).
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const key = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'letters, digits, _ or -');

export const FIELDWORK_KINDS = ['audit', 'mystery', 'competitor'] as const;
export const ZVisitKindSchema = z.enum(FIELDWORK_KINDS);
export type TVisitKind = z.infer<typeof ZVisitKindSchema>;
export const VISIT_STATUSES = ['scheduled', 'submitted', 'approved', 'rejected'] as const;
export const ZVisitStatusSchema = z.enum(VISIT_STATUSES);

export const ZChecklistItemSchema = z
  .object({
    key,
    section: z.string().trim().min(1).max(80),
    label: z.string().trim().min(1).max(300),
    type: z.enum(['yesno', 'number', 'scale']),
    weight: z.number().positive().max(1000).default(1),
    critical: z.boolean().default(false),
    min: z.number().finite().nullish(),
    max: z.number().finite().nullish(),
    pass: z.number().finite().nullish(),
    /** Unit of a numeric measurement (e.g. "min"). */
    unit: z.string().trim().max(20).nullish(),
    /** Evidence photo asked for this item. */
    photo: z.boolean().default(false),
    /** The service standard this item evidences (standards module). */
    standardId: z.uuid().nullish(),
  })
  .strict();
export type TChecklistItemInput = z.input<typeof ZChecklistItemSchema>;

export const ZChecklistInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).default(''),
    items: z.array(ZChecklistItemSchema).min(1).max(300),
  })
  .strict();
export type TChecklistInput = z.input<typeof ZChecklistInputSchema>;

export interface TChecklistItem {
  key: string;
  section: string;
  label: string;
  type: 'yesno' | 'number' | 'scale';
  weight: number;
  critical: boolean;
  min: number | null;
  max: number | null;
  pass: number | null;
  unit: string | null;
  photo: boolean;
  standardId: string | null;
  /** Snapshot of the standard when this version was saved. */
  standardCode: string | null;
  standardName: string | null;
}

export interface TChecklist {
  id: string;
  name: string;
  description: string;
  version: number;
  active: boolean;
  items: TChecklistItem[];
  visits: number;
  updatedAt: string;
}

export const ZScheduleSchema = z
  .object({
    /** Client-made ids, one per visit, so a retried schedule creates nothing twice. */
    visits: z
      .array(
        z
          .object({
            id: z.uuid(),
            checklistId: z.uuid(),
            kind: ZVisitKindSchema,
            unitId: z.uuid().nullish(),
            competitorName: z.string().trim().min(1).max(120).nullish(),
            assigneeId: z.uuid().nullish(),
            windowFrom: isoDate.nullish(),
            windowTo: isoDate.nullish(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type TScheduleInput = z.input<typeof ZScheduleSchema>;

/** yes/no, a number, "na" (not applicable); null = not observed. */
export const ZVisitAnswerSchema = z.union([z.boolean(), z.number().finite(), z.literal('na')]);
export const ZVisitSubmitSchema = z
  .object({
    answers: z
      .array(
        z
          .object({
            key: z.string().min(1).max(60),
            value: ZVisitAnswerSchema.nullable(),
            comment: z.string().max(2000).default(''),
          })
          .strict(),
      )
      .max(300),
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
    comment: z.string().max(4000).default(''),
    /** Employee who served the visitor (optional). */
    staffUserId: z.uuid().nullish(),
  })
  .strict();
export type TVisitSubmit = z.input<typeof ZVisitSubmitSchema>;

/** An ad-hoc internal audit: made and submitted in one call, client-made id. */
export const ZAdhocVisitSchema = ZVisitSubmitSchema.extend({
  id: z.uuid(),
  checklistId: z.uuid(),
  kind: ZVisitKindSchema,
  unitId: z.uuid().nullish(),
  competitorName: z.string().trim().min(1).max(120).nullish(),
}).strict();

export const ZPhotoUploadSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['evidence', 'receipt']),
    itemKey: z.string().min(1).max(60).nullish(),
    filename: z.string().min(1).max(200),
    contentBase64: z
      .string()
      .min(1)
      .max(16 * 1024 * 1024),
  })
  .strict();

export const ZReviewSchema = z
  .object({ decision: z.enum(['approve', 'reject']), note: z.string().max(2000).default('') })
  .strict();

export const ZActionPatchSchema = z
  .object({
    ownerId: z.uuid().nullish(),
    dueDate: isoDate.optional(),
    status: z.enum(['open', 'done', 'verified']).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const ZVisitListQuerySchema = z.object({
  status: ZVisitStatusSchema.optional(),
  kind: ZVisitKindSchema.optional(),
  unitId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const ZFieldworkReportQuerySchema = z.object({
  checklistId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export interface TVisitFlag {
  /** too_short | too_long | duplicate_photo | no_receipt | late */
  code: string;
  detail?: Record<string, unknown>;
}

export interface TVisitSummary {
  id: string;
  kind: TVisitKind;
  status: (typeof VISIT_STATUSES)[number];
  checklistId: string;
  checklistName: string;
  checklistVersion: number;
  unitId: string | null;
  unitName: string | null;
  competitorName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  windowFrom: string | null;
  windowTo: string | null;
  visitedAt: string | null;
  score: number | null;
  finalScore: number | null;
  criticalFailed: string[];
  flags: TVisitFlag[];
  source: 'app' | 'import';
}

export interface TVisitDetail extends TVisitSummary {
  items: TChecklistItem[];
  answers: { key: string; value: boolean | number | 'na' | null; comment: string }[];
  sections: { section: string; score: number | null }[];
  earned: number | null;
  possible: number | null;
  unanswered: number;
  startedAt: string | null;
  endedAt: string | null;
  submittedAt: string | null;
  comment: string;
  reviewNote: string;
  reviewedAt: string | null;
  photos: { id: string; kind: 'evidence' | 'receipt'; itemKey: string | null; filename: string }[];
  actions: TCorrectiveAction[];
}

export interface TCorrectiveAction {
  id: string;
  visitId: string;
  unitId: string;
  unitName: string;
  itemKey: string;
  title: string;
  critical: boolean;
  ownerId: string | null;
  ownerName: string | null;
  dueDate: string;
  status: 'open' | 'done' | 'verified';
  overdue: boolean;
  doneNote: string;
  verifyNote: string;
}
