// Shared schemas of the panels module (issue 17): panels, members, samples, sessions,
// invitations/RSVP, notes, insights, incentives.
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);
const uuid = z.string().uuid();

export const PANEL_KINDS = ['external', 'internal', 'mixed'] as const;
export const MEMBER_STATUSES = ['pending', 'active', 'withdrawn', 'erased'] as const;
/** Profile fields a quota can be set on ("demographics.<key>" too). */
export const QUOTA_FIELDS = ['segment', 'tier', 'use_class', 'kind'] as const;
export const SESSION_KINDS = ['focus_group', 'interview'] as const;
export const INCENTIVE_KINDS = ['points', 'voucher'] as const;
export const PANEL_NEED_KINDS = ['stated', 'real'] as const;

export const ZPanelCreateSchema = z.strictObject({
  name: text(200).min(1),
  description: text(2000).default(''),
  kind: z.enum(PANEL_KINDS).default('external'),
  consentText: text(4000).default(''),
  /**
   * Ignored, kept so older clients are not refused: sampling applies the org's one
   * contact-fatigue window (surveys' setting, PUT /api/survey-settings); panels return it.
   */
  fatigueDays: z.number().int().min(0).max(365).optional(),
  signupOpen: z.boolean().default(false),
});
export type TPanelCreate = z.input<typeof ZPanelCreateSchema>;
export const ZPanelPatchSchema = ZPanelCreateSchema.partial();

export const ZRecruitSchema = z.strictObject({
  customerIds: z.array(uuid).max(5000).optional(),
  /** registry filters (customers list): every match is recruited, at most 5,000 */
  filters: z
    .strictObject({
      q: text(200).optional(),
      kind: z.enum(['external', 'internal', 'user']).optional(),
      tier: z.enum(['A', 'B', 'C']).optional(),
      segmentId: uuid.optional(),
    })
    .optional(),
  /** segment label stored on the new members' profile */
  segment: text(100).optional(),
});
export type TRecruit = z.input<typeof ZRecruitSchema>;

export const ZMemberPatchSchema = z.strictObject({
  segment: text(100).nullable().optional(),
  tier: text(20).nullable().optional(),
  useClass: text(40).nullable().optional(),
  demographics: z.record(z.string().max(60), z.string().max(200)).optional(),
});

export const ZQuotaSchema = z.strictObject({
  field: z.union([z.enum(QUOTA_FIELDS), z.string().regex(/^demographics\.[a-z0-9_]{1,40}$/)]),
  value: text(200).min(1),
  target: z.number().int().min(1).max(10000),
});
export type TQuota = z.infer<typeof ZQuotaSchema>;

export const ZSampleRequestSchema = z.strictObject({
  size: z.number().int().min(1).max(10000),
  quotas: z.array(ZQuotaSchema).max(30).default([]),
  /** same seed, same members and quotas -> same sample */
  seed: z.number().int().min(0).max(2147483647).optional(),
});
export type TSampleRequest = z.input<typeof ZSampleRequestSchema>;

export const ZGuideItemSchema = z.strictObject({
  text: text(1000).min(1),
  needId: uuid.nullish(),
  attributeId: uuid.nullish(),
  servqualItem: z.number().int().min(1).max(22).nullish(),
});

export const ZSessionCreateSchema = z.strictObject({
  kind: z.enum(SESSION_KINDS).default('focus_group'),
  topic: text(300).min(1),
  guide: z.array(ZGuideItemSchema).max(60).default([]),
  startsAt: z.string().datetime({ offset: true }),
  place: text(300).default(''),
  videoUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^(https?:\/\/\S+)?$/, 'http(s) URL')
    .default(''),
  moderatorId: uuid.nullish(),
  recording: z.boolean().default(false),
});
export type TSessionCreate = z.input<typeof ZSessionCreateSchema>;

export const ZInviteSchema = z.strictObject({
  sampleId: uuid.optional(),
  memberIds: z.array(uuid).max(2000).optional(),
  /** reminder this many hours before the session (0 = none) */
  remindHoursBefore: z.number().int().min(0).max(336).default(24),
});

export const ZAttendanceSchema = z.strictObject({
  memberId: uuid,
  attended: z.boolean(),
});

export const ZPanelNoteSchema = z.strictObject({
  body: z.string().trim().min(1).max(200_000),
  themes: z.array(text(60).min(1)).max(20).default([]),
});

export const ZInsightSchema = z.strictObject({
  theme: text(60).min(1),
  quote: text(2000).default(''),
  noteId: uuid.nullish(),
  memberId: uuid.nullish(),
  segment: text(100).nullish(),
  needId: uuid.nullish(),
  needKind: z.enum(PANEL_NEED_KINDS).nullish(),
  attributeId: uuid.nullish(),
  gap: z.number().int().min(1).max(5).nullish(),
});
export type TInsightCreate = z.input<typeof ZInsightSchema>;

export const ZIncentiveSchema = z.strictObject({
  /** client-made id: the same id again is a replay (200), other content a 409 */
  id: uuid,
  kind: z.enum(INCENTIVE_KINDS),
  amount: z.number().positive().max(1_000_000),
  note: text(500).default(''),
  sessionId: uuid.nullish(),
});
export type TIncentiveCreate = z.input<typeof ZIncentiveSchema>;

export const ZRsvpSchema = z.strictObject({
  rsvp: z.enum(['yes', 'no']),
  recordingConsent: z.boolean().default(false),
});

export const ZSignupSchema = z.strictObject({
  name: text(200).min(1),
  email: z.string().trim().email().max(320),
  consent: z.literal(true),
  language: z.enum(['es', 'en']).default('es'),
  demographics: z.record(z.string().max(60), z.string().max(200)).default({}),
});
