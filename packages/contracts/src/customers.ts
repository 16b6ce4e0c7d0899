// Customer registry shapes (/api/customers).
import { z } from 'zod';

export const CUSTOMER_KINDS = ['external', 'internal', 'user'] as const;
export const USE_CLASSES = ['processor', 'merchant', 'end_user', 'public'] as const;
export const TIERS = ['A', 'B', 'C'] as const;
export const CUSTOMER_STATUSES = ['active', 'inactive', 'lost', 'erased'] as const;
export const LANGUAGES = ['es', 'en'] as const;

export const ZCustomerKindSchema = z.enum(CUSTOMER_KINDS);
export const ZUseClassSchema = z.enum(USE_CLASSES);
export const ZTierSchema = z.enum(TIERS);
export const ZCustomerStatusSchema = z.enum(CUSTOMER_STATUSES);
export const ZLanguageSchema = z.enum(LANGUAGES);
export type TCustomerKind = z.infer<typeof ZCustomerKindSchema>;
export type TUseClass = z.infer<typeof ZUseClassSchema>;
export type TTier = z.infer<typeof ZTierSchema>;
export type TCustomerStatus = z.infer<typeof ZCustomerStatusSchema>;

export const ZAttrValueSchema = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
export type TAttrValue = z.infer<typeof ZAttrValueSchema>;
export const ZAttributesSchema = z.record(z.string().min(1).max(64), ZAttrValueSchema);

export const ZCustomerSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  kind: ZCustomerKindSchema,
  useClass: ZUseClassSchema.nullable(),
  tier: ZTierSchema.nullable(),
  status: ZCustomerStatusSchema,
  unitId: z.string().nullable(),
  internalUnitId: z.string().nullable(),
  language: ZLanguageSchema.nullable(),
  consentEmail: z.boolean(),
  consentSurvey: z.boolean(),
  statedNeeds: z.string().nullable(),
  realNeeds: z.string().nullable(),
  needTags: z.array(z.string()),
  attributes: ZAttributesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCustomer = z.infer<typeof ZCustomerSchema>;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Body of POST /api/customers. Strict: unknown fields are rejected. */
export const ZCustomerCreateSchema = z.strictObject({
  externalId: trimmed(200).nullable().optional(),
  name: trimmed(300),
  email: z.email().max(320).nullable().optional(),
  phone: optionalText(50),
  kind: ZCustomerKindSchema.default('external'),
  useClass: ZUseClassSchema.nullable().optional(),
  tier: ZTierSchema.nullable().optional(),
  status: z.enum(['active', 'inactive', 'lost']).default('active'),
  unitId: z.string().nullable().optional(),
  internalUnitId: z.string().nullable().optional(),
  language: ZLanguageSchema.nullable().optional(),
  consentEmail: z.boolean().default(false),
  consentSurvey: z.boolean().default(false),
  statedNeeds: optionalText(4000),
  realNeeds: optionalText(4000),
  needTags: z.array(trimmed(60)).max(50).default([]),
  attributes: ZAttributesSchema.default({}),
});
export type TCustomerCreate = z.input<typeof ZCustomerCreateSchema>;

/** Body of PATCH /api/customers/:id: every field optional, still strict. */
export const ZCustomerPatchSchema = ZCustomerCreateSchema.partial();
export type TCustomerPatch = z.input<typeof ZCustomerPatchSchema>;

export const CUSTOMER_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export const ZCustomerSortSchema = z.enum(CUSTOMER_SORTS);
export type TCustomerSort = z.infer<typeof ZCustomerSortSchema>;

/** Filters shared by the list, the export and saved segments. */
export const ZCustomerFiltersSchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  kind: ZCustomerKindSchema.optional(),
  status: ZCustomerStatusSchema.optional(),
  tier: ZTierSchema.optional(),
  unitId: z.string().max(64).optional(),
  segmentId: z.string().max(64).optional(),
});
export type TCustomerFilters = z.infer<typeof ZCustomerFiltersSchema>;

export const ZCustomerListQuerySchema = ZCustomerFiltersSchema.extend({
  sort: ZCustomerSortSchema.default('name'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TCustomerListQuery = z.infer<typeof ZCustomerListQuerySchema>;

export const ZCustomerPageSchema = z.object({
  items: z.array(ZCustomerSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional(),
});
export type TCustomerPage = z.infer<typeof ZCustomerPageSchema>;

/** Who an entry is about: a staff user (with the name), the customer, or the system. */
export const ZTimelineActorSchema = z.object({
  kind: z.enum(['user', 'customer', 'system']),
  name: z.string().nullable(),
});
/** Where an entry leads; the web app turns it into a route. */
export const ZTimelineLinkSchema = z.discriminatedUnion('to', [
  z.object({ to: z.literal('response'), surveyId: z.string(), responseId: z.string() }),
  z.object({ to: z.literal('complaint'), id: z.string() }),
  z.object({ to: z.literal('survey'), id: z.string() }),
]);
export type TTimelineLink = z.infer<typeof ZTimelineLinkSchema>;

/**
 * One entry of the customer timeline. `key` is unique within the customer's timeline
 * (`<source>:<id>`) and breaks ties between entries at the same instant (keyset paging).
 * `type` names the event (localised by the web app); `summary` is a human label from the
 * source (survey name, complaint subject, ...), never a code. `dateOnly`: the source keeps a
 * date, not a time (purchases).
 */
export const ZTimelineItemSchema = z.object({
  key: z.string(),
  at: z.string(),
  dateOnly: z.boolean().optional(),
  type: z.string(),
  summary: z.string(),
  actor: ZTimelineActorSchema.nullable(),
  link: ZTimelineLinkSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TTimelineItem = z.infer<typeof ZTimelineItemSchema>;

/** GET /api/customers/:id/timeline: newest first; `before` is the previous page's nextCursor. */
export const ZTimelineQuerySchema = z.strictObject({
  before: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TTimelineQuery = z.infer<typeof ZTimelineQuerySchema>;
export const ZTimelinePageSchema = z.object({
  items: z.array(ZTimelineItemSchema),
  nextCursor: z.string().nullable(),
});
export type TTimelinePage = z.infer<typeof ZTimelinePageSchema>;

/** POST /api/customers/:id/notes: a staff note on the customer (shown in the timeline). */
export const ZCustomerNoteCreateSchema = z.strictObject({ body: trimmed(4000) });

// ---- Custom field definitions -------------------------------------------------------------
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'choice'] as const;
export const ZCustomFieldSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
    label: trimmed(120),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(trimmed(120)).min(1).max(200).optional(),
  })
  .refine((f) => f.type !== 'choice' || (f.options?.length ?? 0) > 0, {
    message: 'choice fields need options',
    path: ['options'],
  });
export type TCustomField = z.infer<typeof ZCustomFieldSchema>;

// ---- Segments -----------------------------------------------------------------------------
export const ZSegmentCreateSchema = z.strictObject({
  name: trimmed(120),
  filters: ZCustomerFiltersSchema.omit({ segmentId: true }),
});
export const ZSegmentSchema = ZSegmentCreateSchema.extend({ id: z.string() });
export type TSegment = z.infer<typeof ZSegmentSchema>;

// ---- Imports ------------------------------------------------------------------------------
/** Customer fields an import column can map to; `attr:<key>` maps to a custom field. */
export const IMPORT_TARGETS = [
  'externalId',
  'name',
  'email',
  'phone',
  'kind',
  'useClass',
  'tier',
  'status',
  'unitId',
  'language',
  'consentEmail',
  'consentSurvey',
  'statedNeeds',
  'realNeeds',
  'needTags',
] as const;
export type TImportTarget = (typeof IMPORT_TARGETS)[number] | `attr:${string}`;
export const ZImportTargetSchema = z.union([
  z.enum(IMPORT_TARGETS),
  z.templateLiteral(['attr:', z.string().regex(/^[a-z][a-z0-9_]{0,62}$/)]),
]);
export const ZImportMappingSchema = z.record(z.string(), ZImportTargetSchema.nullable());
export type TImportMapping = z.infer<typeof ZImportMappingSchema>;

export const ZImportRunSchema = z.strictObject({
  mapping: ZImportMappingSchema,
  dryRun: z.boolean().default(false),
});

export const ZImportPreviewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  encoding: z.string(),
  warnings: z.array(z.string()),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), ZImportTargetSchema.nullable()),
});
export type TImportPreview = z.infer<typeof ZImportPreviewSchema>;

export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'done', 'failed'] as const;
export const ZImportStatusSchema = z.object({
  id: z.string(),
  status: z.enum(IMPORT_STATUSES),
  dryRun: z.boolean(),
  total: z.number().int(),
  processed: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  warnings: z.array(z.string()),
  error: z.string().nullable(),
});
export type TImportStatus = z.infer<typeof ZImportStatusSchema>;

/** One rejected import row, as in the downloadable `row,column,value,reason` report. */
export const ZImportRejectionSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type TImportRejection = z.infer<typeof ZImportRejectionSchema>;
