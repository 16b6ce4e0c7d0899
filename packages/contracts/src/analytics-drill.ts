// Drill-down from a chart to the responses behind it (issue 11):
//   GET /api/analytics/surveys/:surveyId/responses?<filters>&<selection>&after=&limit=
// The filters are the reports' (period, unit subtree, channel, language, segment); the
// selection names the chart element clicked. The list's `total` is the number the chart showed.
import { z } from 'zod';
import { TREND_PERIODS, ZAnalyticsFilterSchema } from './analytics';
import { SERVQUAL_DIMENSIONS } from './survey-logic/constants';

export const DRILL_METRICS = ['servqual', 'nps', 'csat', 'text'] as const;
export const NPS_BUCKETS = ['promoter', 'passive', 'detractor'] as const;
export const CSAT_BUCKETS = ['satisfied', 'neutral', 'dissatisfied'] as const;

export const ZDrillQuerySchema = ZAnalyticsFilterSchema.extend({
  /** which answers the chart counted: SERVQUAL pairs, NPS / CSAT answers, open comments */
  metric: z.enum(DRILL_METRICS),
  /** SERVQUAL item 1..22: the responses with both its expectation and perception */
  item: z.coerce.number().int().min(1).max(22).optional(),
  /** SERVQUAL dimension: the responses with at least one complete pair in it */
  dimension: z.enum(SERVQUAL_DIMENSIONS).optional(),
  /** NPS promoter/passive/detractor or CSAT satisfied (4–5)/neutral (3)/dissatisfied (1–2) */
  bucket: z.enum([...NPS_BUCKETS, ...CSAT_BUCKETS]).optional(),
  /** exactly this org unit (a league-table or by-unit row), not its subtree */
  atUnit: z.string().uuid().optional(),
  /** a trend point: its key as the trend names it (YYYY-MM, YYYY-Qn, a week's Monday) */
  periodKey: z
    .string()
    .regex(/^\d{4}-(\d{2}|Q[1-4]|\d{2}-\d{2})$/)
    .optional(),
  periodKind: z.enum(TREND_PERIODS).optional(),
  /** open question key (metric=text) */
  question: z.string().max(63).optional(),
  /** keyset cursor: the `next` of the previous page */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TDrillQuery = z.infer<typeof ZDrillQuerySchema>;

export const ZDrillItemSchema = z.object({
  responseId: z.string(),
  at: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  channel: z.string(),
  language: z.string(),
  /** null when no customer is linked, or the caller may not see that customer */
  customer: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** the answers the chart counted (tag and value), in tag order */
  answers: z.array(z.object({ tag: z.string(), value: z.number() })),
  /** the open comments of the response */
  comment: z.string().nullable(),
});
export type TDrillItem = z.infer<typeof ZDrillItemSchema>;

export const ZDrillPageSchema = z.object({
  total: z.number().int(),
  items: z.array(ZDrillItemSchema),
  next: z.string().nullable(),
});
export type TDrillPage = z.infer<typeof ZDrillPageSchema>;
