// Performance and recognition (issue 15): scorecards per unit and staff member, compliments,
// recognition rules, nominations, awards (badges + points) and the monthly board.
import { z } from 'zod';

const ZUuid = z.uuid();
export const ZPeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period YYYY-MM');

export const COMPLIMENT_CHANNELS = [
  'in_person',
  'phone',
  'email',
  'web',
  'letter',
  'social',
  'survey',
  'complaint',
] as const;
export const RULE_METRICS = ['mystery_score', 'audit_score', 'compliments', 'nps', 'csat'] as const;
export type TRuleMetric = (typeof RULE_METRICS)[number];

/** Minimum sample per metric below which a figure is "not enough data" and never ranked. */
export const MIN_SAMPLE = {
  nps: 30,
  csat: 30,
  servqual: 30,
  visits: 5,
  compliance: 30,
  sla: 10,
} as const;

export const ZScorecardQuerySchema = z.strictObject({
  unitId: ZUuid.optional(),
  userId: ZUuid.optional(),
  /** inclusive dates; default the last 12 months up to today */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type TScorecardQuery = z.infer<typeof ZScorecardQuerySchema>;

export const ZComplimentSchema = z.strictObject({
  /** client-made id: the same id again answers the stored compliment (retry-safe) */
  id: ZUuid,
  unitId: ZUuid.nullish(),
  staffUserId: ZUuid.nullish(),
  customerName: z.string().trim().max(200).nullish(),
  body: z.string().trim().min(1).max(4000),
  channel: z.enum(COMPLIMENT_CHANNELS),
  receivedOn: z.iso.date(),
});
export type TCompliment = z.infer<typeof ZComplimentSchema>;

export const ZComplimentListQuerySchema = z.strictObject({
  unitId: ZUuid.optional(),
  staffUserId: ZUuid.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZRuleSchema = z.strictObject({
  nameEs: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  metric: z.enum(RULE_METRICS),
  /** mystery/audit score 0–100, compliments a count, NPS −100..100, CSAT share 0–100 % */
  threshold: z.number().min(-100).max(10_000),
  badgeEs: z.string().trim().max(100).nullish(),
  badgeEn: z.string().trim().max(100).nullish(),
  points: z.number().int().min(0).max(100_000).default(0),
  active: z.boolean().default(true),
});
export type TRule = z.infer<typeof ZRuleSchema>;

export const ZEvaluateSchema = z.strictObject({ period: ZPeriodSchema });

export const ZNominationSchema = z.strictObject({
  id: ZUuid,
  nomineeId: ZUuid,
  period: ZPeriodSchema,
  reason: z.string().trim().min(1).max(2000),
  points: z.number().int().min(0).max(1000).default(0),
});
export type TNomination = z.infer<typeof ZNominationSchema>;

export const ZNominationDecisionSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  note: z.string().trim().max(2000).optional(),
});

export const ZBoardQuerySchema = z.strictObject({ period: ZPeriodSchema.optional() });
