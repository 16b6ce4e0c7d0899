// Analytics reports added for issue 11 beyond the survey reports (analytics.ts):
//   GET /api/analytics/complaints?from=&to=&unitId=&period=week|month -> TComplaintsAnalytics
// Same conventions: full precision, null where a statistic is undefined, codes in the JSON
// (the screens put words on them).
import { z } from 'zod';
import { COMPLAINT_CHANNELS, COMPLAINT_FORMS } from './complaints';

export const COMPLAINT_TREND_PERIODS = ['week', 'month'] as const;
export const ZComplaintsAnalyticsQuerySchema = z.strictObject({
  /** received on or after / on or before (YYYY-MM-DD, UTC, inclusive) */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** an org unit and its subtree; must lie in the user's scope */
  unitId: z.string().uuid().optional(),
  /** trend bucket: weeks named by their Monday, months as YYYY-MM */
  period: z.enum(COMPLAINT_TREND_PERIODS).default('month'),
});
export type TComplaintsAnalyticsQuery = z.infer<typeof ZComplaintsAnalyticsQuerySchema>;

const ZCount = z.object({ key: z.string(), count: z.number().int() });
const ZHours = z.object({
  n: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});

export const ZComplaintsAnalyticsSchema = z.object({
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  total: z.number().int(),
  open: z.number().int(),
  /** cases received per period, every period between the first and the last included */
  trend: z.array(z.object({ period: z.string(), count: z.number().int() })),
  byCategory: z.array(ZCount),
  byUnit: z.array(ZCount),
  byChannel: z.array(z.object({ key: z.enum(COMPLAINT_CHANNELS), count: z.number().int() })),
  byForm: z.array(z.object({ key: z.enum(COMPLAINT_FORMS), count: z.number().int() })),
  /** root causes of closed cases, most frequent first, with the cumulative share */
  pareto: z.array(
    z.object({
      cause: z.string(),
      count: z.number().int(),
      share: z.number(),
      cumulative: z.number(),
    }),
  ),
  /** per SLA target: met on time / (met on time + met late + overdue) */
  sla: z.array(
    z.object({
      target: z.enum(['first_response', 'update', 'resolution']),
      total: z.number().int(),
      met: z.number().int(),
      metLate: z.number().int(),
      breachedOpen: z.number().int(),
      pending: z.number().int(),
      paused: z.number().int(),
      compliance: z.number().nullable(),
    }),
  ),
  firstResponseHours: ZHours,
  resolutionHours: ZHours,
  reopen: z.object({
    everClosed: z.number().int(),
    reopened: z.number().int(),
    rate: z.number().nullable(),
  }),
  satisfaction: z.object({
    n: z.number().int(),
    mean: z.number().nullable(),
    satisfiedShare: z.number().nullable(),
    distribution: z.array(z.object({ rating: z.number().int(), count: z.number().int() })),
  }),
  defection: z.object({
    lostWithComplaints: z.number().int(),
    unresolvedOrBadlyHandled: z.number().int(),
    share: z.number().nullable(),
  }),
});
export type TComplaintsAnalytics = z.infer<typeof ZComplaintsAnalyticsSchema>;

// GET /api/analytics/surveys/:surveyId/internal?from=&to=&unitId=&channel=
// Internal customers: serving unit (the `internal:provider` answer, matched to an org unit by
// name) × internal customer unit (the respondent's unit); a respondent's score is the mean of
// the `internal:*` ratings they gave (1–5). Cells below `minN` respondents carry no mean.
export const INTERNAL_MIN_N = 5;
const ZInternalGroup = z.object({
  key: z.string(),
  /** the org unit's name, else the provider as typed; '' = no unit */
  name: z.string(),
  unitId: z.string().nullable(),
  n: z.number().int(),
  mean: z.number().nullable(),
});
export const ZInternalReportSchema = z.object({
  n: z.number().int(),
  minN: z.number().int(),
  /** false when the survey has no `internal:provider` question */
  applicable: z.boolean(),
  rows: z.array(ZInternalGroup),
  columns: z.array(ZInternalGroup),
  cells: z.array(
    z.object({
      row: z.string(),
      column: z.string(),
      n: z.number().int(),
      mean: z.number().nullable(),
    }),
  ),
  /** the rating items in the survey's order, with their overall mean */
  items: z.array(z.object({ tag: z.string(), n: z.number().int(), mean: z.number().nullable() })),
});
export type TInternalReport = z.infer<typeof ZInternalReportSchema>;
