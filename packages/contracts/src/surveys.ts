// Survey shapes (issue 4). One definition format for the builder, the
// respondent page, staff entry and kiosk; one response format for every channel.
// Human docs: docs/surveys.md.
import { z } from 'zod';
import { ZDisplayIfSchema, ZKeySchema, ZLocalTextSchema } from './question-types/base';
import { QUESTION_SCHEMAS } from './question-types/schemas';
import {
  CHANNELS,
  EXPORT_FORMATS,
  STAFF_CHANNELS,
  SURVEY_AUDIENCES,
  SURVEY_LANGUAGES,
  SURVEY_STATUSES,
  TEMPLATE_KEYS,
} from './survey-logic/constants';

// The constants are plain data in survey-logic/ (zod-free, for the respondent bundle); the
// schemas below build on them and every constant stays importable from here too.
export {
  CHANNELS,
  CONDITION_OPS,
  EXPORT_FORMATS,
  KANO_ANSWERS,
  QUESTION_TYPES,
  SERVQUAL_DIMENSIONS,
  STAFF_CHANNELS,
  SURVEY_AUDIENCES,
  SURVEY_LANGUAGES,
  SURVEY_STATUSES,
  TEMPLATE_KEYS,
  type TQuestionType,
  type TServqualDimension,
} from './survey-logic/constants';

export const ZSurveyLanguageSchema = z.enum(SURVEY_LANGUAGES);
export type TSurveyLanguage = z.infer<typeof ZSurveyLanguageSchema>;

// The pieces every question builds on, and each question type's schema from its folder
// (question-types/<type>/schema.ts, listed in question-types/schemas.ts).
export * from './question-types/base';
export * from './question-types/schemas';

export const ZQuestionSchema = z.discriminatedUnion('type', QUESTION_SCHEMAS);
export type TQuestion = z.infer<typeof ZQuestionSchema>;
export type TQuestionInput = z.input<typeof ZQuestionSchema>;

export const ZPageSchema = z.strictObject({
  key: ZKeySchema,
  title: ZLocalTextSchema.optional(),
  displayIf: ZDisplayIfSchema.optional(),
  randomizeQuestions: z.boolean().default(false),
  questions: z.array(ZQuestionSchema).min(1).max(200),
});
export type TPage = z.infer<typeof ZPageSchema>;

/** The survey definition (the builder's document; frozen per published version). */
export const ZSurveyDefinitionSchema = z.strictObject({
  schemaVersion: z.literal(1).default(1),
  languages: z.array(ZSurveyLanguageSchema).min(1).default(['es', 'en']),
  defaultLanguage: ZSurveyLanguageSchema.default('es'),
  /** who answers: customers, internal customers, managers (gap 1), employees (gap causes) */
  audience: z.enum(SURVEY_AUDIENCES).default('customer'),
  title: ZLocalTextSchema,
  intro: ZLocalTextSchema.optional(),
  showProgress: z.boolean().default(true),
  pages: z.array(ZPageSchema).min(1).max(50),
  thankYou: z
    .strictObject({
      message: ZLocalTextSchema.optional(),
      /** http(s) URL; the respondent page redirects after submit */
      redirectUrl: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .optional(),
    })
    .default({}),
});
export type TSurveyDefinition = z.infer<typeof ZSurveyDefinitionSchema>;
export type TSurveyDefinitionInput = z.input<typeof ZSurveyDefinitionSchema>;

// ------------------------------------------------------------------------------- surveys
export const ZSurveyStatusSchema = z.enum(SURVEY_STATUSES);

export const ZSurveySettingsSchema = z.strictObject({
  /** kiosk mode: the respondent page resets after each response (tablet at a branch) */
  kiosk: z.boolean().default(false),
  /** anonymous public link (/s/:slug) accepted; personal links work regardless */
  anonymousLink: z.boolean().default(true),
  /** closing rules */
  closesAt: z.iso.datetime({ offset: true }).nullable().default(null),
  quota: z.number().int().positive().nullable().default(null),
  /** anonymous duplicate protection: off | soft (flag duplicates, accept) | strict (refuse same
   *  device key within 24 h; shared devices: kiosk mode disables it) */
  duplicates: z.enum(['off', 'soft', 'strict']).default('soft'),
  /** org unit responses are attributed to when the link does not say */
  unitId: z.string().uuid().nullable().default(null),
});
export type TSurveySettings = z.infer<typeof ZSurveySettingsSchema>;

export const ZSurveySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: ZSurveyStatusSchema,
  template: z.string().nullable(),
  settings: ZSurveySettingsSchema,
  /** latest published version number, null when never published */
  publishedVersion: z.number().int().nullable(),
  /** draft differs from the latest published version */
  hasDraftChanges: z.boolean(),
  responses: z.object({ complete: z.number().int(), partial: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSurveySummary = z.infer<typeof ZSurveySummarySchema>;

export const ZSurveyDetailSchema = ZSurveySummarySchema.extend({
  /** the editable draft (what PUT /definition saves) */
  definition: ZSurveyDefinitionSchema,
  versions: z.array(
    z.object({ version: z.number().int(), publishedAt: z.string(), responses: z.number().int() }),
  ),
  /** public URL path of the anonymous link, e.g. /s/nps-2026 */
  publicPath: z.string(),
});
export type TSurveyDetail = z.infer<typeof ZSurveyDetailSchema>;

const ZSlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'slug: a-z, 0-9, -');

export const ZTemplateKeySchema = z.enum(TEMPLATE_KEYS);

export const ZSurveyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: ZSlugSchema.optional(),
  /** either a definition, a template, or neither (a one-question NPS draft) */
  definition: ZSurveyDefinitionSchema.optional(),
  template: ZTemplateKeySchema.optional(),
  /** template parameters: Kano attributes, company name for piping, ... */
  templateParams: z
    .strictObject({
      attributes: z
        .array(
          z.strictObject({ key: ZKeySchema, es: z.string().max(200), en: z.string().max(200) }),
        )
        .max(40)
        .optional(),
      company: z.string().max(200).optional(),
    })
    .optional(),
  settings: ZSurveySettingsSchema.partial().optional(),
});
export type TSurveyCreate = z.input<typeof ZSurveyCreateSchema>;

export const ZSurveyPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  slug: ZSlugSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  settings: ZSurveySettingsSchema.partial().optional(),
});
export type TSurveyPatch = z.input<typeof ZSurveyPatchSchema>;

/** Export/import file (GET /api/surveys/:id/definition.json, POST /api/surveys/import). */
export const ZSurveyExportSchema = z.strictObject({
  format: z.literal('fidelia.survey'),
  formatVersion: z.literal(1),
  name: z.string().min(1).max(200),
  settings: ZSurveySettingsSchema.partial().optional(),
  definition: ZSurveyDefinitionSchema,
});
export type TSurveyExport = z.input<typeof ZSurveyExportSchema>;

// ------------------------------------------------------------------------------ responses
export const ZChannelSchema = z.enum(CHANNELS);
export type TChannel = z.infer<typeof ZChannelSchema>;

const ZAnswerScalar = z.union([z.number(), z.string().max(2000), z.null()]);
export const ZAnswerValueSchema = z.union([
  z.number(),
  z.string().max(20000),
  z.array(z.string().max(200)).max(100),
  // items of a battery/matrix/Kano pair; one nested level for the perceived-value question's
  // `benefits` ({ price, benefits: { speed: 4 }, wtp })
  z.record(
    z.string().max(64),
    z.union([ZAnswerScalar, z.record(z.string().max(64), ZAnswerScalar)]),
  ),
  z.null(),
]);
export type TAnswerValue = z.infer<typeof ZAnswerValueSchema>;
/** answers by question key; `<key>__other` holds the free text of a single choice 'other' */
export const ZAnswersSchema = z.record(z.string().max(80), ZAnswerValueSchema);
export type TAnswers = z.infer<typeof ZAnswersSchema>;

/** Body of the public submit/save endpoints. The id is generated by the client (uuid v4) once
 *  per respondent session and reused on every retry and every partial save. */
export const ZResponseSubmitSchema = z.strictObject({
  id: z.string().uuid(),
  status: z.enum(['partial', 'complete']),
  language: ZSurveyLanguageSchema.optional(),
  /** the version the page rendered (from GET); defaults to the latest published */
  version: z.number().int().positive().optional(),
  answers: ZAnswersSchema,
  /** web | qr | kiosk | embed | link (anonymous); email/link is set by the server for tokens */
  channel: z.enum(['web', 'link', 'qr', 'kiosk', 'embed']).optional(),
  /** opaque device key kept in localStorage (duplicate-respondent protection) */
  deviceKey: z.string().max(100).optional(),
  /** org unit (branch) the response belongs to, e.g. from a kiosk/QR link ?u=<unitId> */
  unitId: z.string().uuid().optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  /** last page index shown, to resume */
  page: z.number().int().min(0).max(100).optional(),
});
export type TResponseSubmit = z.input<typeof ZResponseSubmitSchema>;

export const ZResponseAcceptedSchema = z.object({
  id: z.string(),
  status: z.enum(['partial', 'complete']),
  /** true when this exact body had already been stored (retry) */
  replay: z.boolean(),
  thankYou: z
    .object({ message: ZLocalTextSchema.optional(), redirectUrl: z.string().optional() })
    .optional(),
});
export type TResponseAccepted = z.infer<typeof ZResponseAcceptedSchema>;

/** What the respondent page gets (GET public survey by slug or token). */
export const ZPublicSurveySchema = z.object({
  slug: z.string(),
  version: z.number().int(),
  /** detected: ?lang= > token customer's language > Accept-Language > survey default */
  language: ZSurveyLanguageSchema,
  kiosk: z.boolean(),
  definition: ZSurveyDefinitionSchema,
  /** personal links: values for {{attr:...}} piping (name, first name, customer attributes) */
  prefill: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** personal links: a saved partial response to resume */
  resume: z
    .object({ id: z.string(), answers: ZAnswersSchema, page: z.number().int().nullable() })
    .nullable(),
  /** organisation display name */
  orgName: z.string(),
});
export type TPublicSurvey = z.infer<typeof ZPublicSurveySchema>;

/** Staff data entry (phone, postal, in person): agent+. */
export const ZStaffEntrySchema = z.strictObject({
  id: z.string().uuid(),
  channel: z.enum(STAFF_CHANNELS),
  /** defaults to the survey's default language; must be one the survey offers */
  language: ZSurveyLanguageSchema.optional(),
  customerId: z.string().uuid().nullable().optional(),
  orgUnitId: z.string().uuid().nullable().optional(),
  /** when the customer answered (postal: date on the form); defaults to now */
  respondedAt: z.iso.datetime({ offset: true }).optional(),
  answers: ZAnswersSchema,
  /** staff may key in incomplete paper forms */
  status: z.enum(['partial', 'complete']).default('complete'),
});
export type TStaffEntry = z.input<typeof ZStaffEntrySchema>;
export const ZStaffBatchSchema = z.strictObject({
  items: z.array(ZStaffEntrySchema).min(1).max(500),
});
/** Batch result: one entry per item, in order; the batch is all-or-nothing per item. */
export const ZStaffBatchResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      id: z.string(),
      ok: z.boolean(),
      replay: z.boolean().optional(),
      error: z
        .object({
          code: z.string(),
          message: z.string(),
          details: z.record(z.string(), z.unknown()),
        })
        .optional(),
    }),
  ),
});

export const ZResponseSchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  version: z.number().int(),
  status: z.enum(['partial', 'complete']),
  channel: ZChannelSchema,
  language: ZSurveyLanguageSchema,
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  answers: ZAnswersSchema,
  startedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TResponse = z.infer<typeof ZResponseSchema>;

export const ZResponseListQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['partial', 'complete']).optional(),
  channel: ZChannelSchema.optional(),
  version: z.coerce.number().int().positive().optional(),
});
export const ZResponseListSchema = z.object({
  items: z.array(ZResponseSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional(),
});

/** Long format: one row per answered value (analytics, exports). */
export const ZAnswerRowSchema = z.object({
  responseId: z.string(),
  questionKey: z.string(),
  /** item/row/sub-field key; '' for single-value questions */
  item: z.string(),
  tag: z.string().nullable(),
  num: z.number().nullable(),
  text: z.string().nullable(),
});
export type TAnswerRow = z.infer<typeof ZAnswerRowSchema>;

// ------------------------------------------------------------------------------- channels
export const ZPersonalLinksRequestSchema = z.strictObject({
  customerIds: z.array(z.string().uuid()).min(1).max(1000),
  /** days the links stay valid */
  validDays: z.number().int().min(1).max(365).default(60),
});
export const ZPersonalLinkSchema = z.object({
  customerId: z.string(),
  /** path only (/s/t/<token>); prefix with the public URL */
  path: z.string(),
  url: z.string(),
  expiresAt: z.string(),
});

export const ZInvitationRequestSchema = z.strictObject({
  /** exactly one of customerIds / segmentId / all */
  customerIds: z.array(z.string().uuid()).max(50000).optional(),
  segmentId: z.string().uuid().optional(),
  all: z.boolean().optional(),
  /** send one reminder this many days later to those who have not completed (0 = none) */
  reminderAfterDays: z.number().int().min(0).max(60).default(0),
  validDays: z.number().int().min(1).max(365).default(60),
});
export type TInvitationRequest = z.input<typeof ZInvitationRequestSchema>;
export const ZInvitationJobSchema = z.object({ jobId: z.string(), batchId: z.string() });
export const ZInvitationStatsSchema = z.object({
  invited: z.number().int(),
  sent: z.number().int(),
  skipped: z.record(z.string(), z.number().int()),
  opened: z.number().int(),
  completed: z.number().int(),
  reminded: z.number().int(),
  jobs: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      status: z.string(),
      progress: z.unknown(),
      result: z.unknown(),
    }),
  ),
});

export const ZSurveyOrgSettingsSchema = z.strictObject({
  /** contact-fatigue rule: at most one survey invitation per customer per N days (0 = off) */
  fatigueDays: z.number().int().min(0).max(365),
});
export type TSurveyOrgSettings = z.infer<typeof ZSurveyOrgSettingsSchema>;

// ------------------------------------------------------------------------------- webhooks
export const ZWebhookCreateSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  /** null = every survey */
  surveyId: z.string().uuid().nullable().default(null),
  description: z.string().max(200).optional(),
});
export const ZWebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  surveyId: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  /** only in the POST response: whsec_<base64>, shown once */
  secret: z.string().optional(),
});
export type TWebhook = z.infer<typeof ZWebhookSchema>;

export const ZSurveyExportQuerySchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  shape: z.enum(['wide', 'long']).default('wide'),
  status: z.enum(['partial', 'complete', 'all']).default('complete'),
  version: z.coerce.number().int().positive().optional(),
});

// Standard content (SERVQUAL items, dimension and Kano labels) is data, in survey-content.ts.
export { KANO_ANSWER_LABELS, SERVQUAL_DIMENSION_LABELS, SERVQUAL_ITEMS } from './survey-content';
