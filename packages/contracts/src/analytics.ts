// Analytics over stored survey answers (GET /api/analytics/...). The servqual, nps and kano
// bodies are exactly the JSON `fidelia analyze servqual|nps|kano --json` prints for the same
// data (the published command-line contract); the others follow the same conventions: full precision, null where a
// statistic is undefined (no data, n too small), intervals as [low, high].
//
// Routes (all `authenticated`, within the user's unit scope; query = ZAnalyticsFilterSchema+):
//   GET /api/analytics/surveys/:surveyId/servqual          -> TServqualReport
//   GET /api/analytics/surveys/:surveyId/nps?groupBy=      -> TNpsReport
//   GET /api/analytics/surveys/:surveyId/kano              -> TKanoReport
//   GET /api/analytics/surveys/:surveyId/csat?groupBy=     -> TCsatReport
//   GET /api/analytics/surveys/:surveyId/trends?metric=&period= -> TTrendReport
//   GET /api/analytics/surveys/:surveyId/ipa               -> TIpaReport
//   GET /api/analytics/surveys/:surveyId/drivers           -> TDriversReport
//   GET /api/analytics/surveys/:surveyId/text?question=&top= -> TTextReport
//   GET /api/analytics/surveys/:surveyId/league            -> TLeagueReport (SERVQUAL by unit)
//   GET /api/analytics/overview?surveyId=                  -> TOverviewReport
// Errors: 404 SURVEY_NOT_FOUND, 400 VALIDATION (bad dates, from > to), 403/404 unit out of scope.
import { z } from 'zod';
import { ZChannelSchema } from './surveys';

// ------------------------------------------------------------------------------ filters

/** YYYY-MM-DD or a full ISO date-time. A bare date in `to` means "through the end of that day". */
const ZDateParam = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    'ISO date (YYYY-MM-DD) or date-time',
  );

/** Filters every analytics route takes (on the response's submitted time, UTC). */
export const ZAnalyticsFilterSchema = z.strictObject({
  from: ZDateParam.optional(),
  to: ZDateParam.optional(),
  /** An org unit and its subtree; must lie in the user's scope. */
  unitId: z.string().uuid().optional(),
  channel: ZChannelSchema.optional(),
  /** the response's language */
  language: z.enum(['es', 'en']).optional(),
  /** the respondent customer's class A/B/C (`none`: no customer or unclassified) */
  segment: z.enum(['A', 'B', 'C', 'none']).optional(),
});
export type TAnalyticsFilter = z.infer<typeof ZAnalyticsFilterSchema>;

export const NPS_GROUP_BY = [
  'channel',
  'unit',
  'month',
  'language',
  'segment',
  'classification',
  'tier',
] as const;
export const ZNpsQuerySchema = ZAnalyticsFilterSchema.extend({
  groupBy: z.enum(NPS_GROUP_BY).optional(),
});
export type TNpsQuery = z.infer<typeof ZNpsQuerySchema>;

export const ZCsatQuerySchema = ZAnalyticsFilterSchema.extend({
  groupBy: z.enum(NPS_GROUP_BY).optional(),
});
export type TCsatQuery = z.infer<typeof ZCsatQuerySchema>;

export const TREND_PERIODS = ['week', 'month', 'quarter'] as const;
export const TREND_METRICS = ['nps', 'csat'] as const;
export const ZTrendQuerySchema = ZAnalyticsFilterSchema.extend({
  metric: z.enum(TREND_METRICS).default('nps'),
  period: z.enum(TREND_PERIODS).default('month'),
});
export type TTrendQuery = z.infer<typeof ZTrendQuerySchema>;

export const ZTextQuerySchema = ZAnalyticsFilterSchema.extend({
  /** Question key of an open question; all text answers when absent. */
  question: z.string().max(63).optional(),
  top: z.coerce.number().int().min(1).max(200).default(30),
});
export type TTextQuery = z.infer<typeof ZTextQuerySchema>;

/** Overview: the period [from, to] is compared with the previous period of equal length. */
export const ZOverviewQuerySchema = ZAnalyticsFilterSchema.extend({
  /** One survey, or every survey of the org when absent. */
  surveyId: z.string().uuid().optional(),
});
export type TOverviewQuery = z.infer<typeof ZOverviewQuerySchema>;

// --------------------------------------------------------------------- contract bodies

const ZCi = z.tuple([z.number(), z.number()]);

/**
 * Set when a report that needs every respondent's answers together (drivers, derived IPA, text,
 * perceived value) read a deterministic random sample of a scope larger than the server's cap:
 * `n` responses read, `of` the scope's complete responses (null when a language or segment
 * filter leaves it unknown). Null: every response in the scope was read.
 */
export const ZSampleInfo = z
  .object({ n: z.number().int(), of: z.number().int().nullable() })
  .nullable();
export type TSampleInfo = z.infer<typeof ZSampleInfo>;

export const ZServqualReportSchema = z.object({
  n: z.number().int(),
  items: z.array(
    z.object({
      item: z.string(),
      dimension: z.string(),
      n: z.number().int(),
      expectation: z.number().nullable(),
      perception: z.number().nullable(),
      gap: z.number().nullable(),
      ci95: ZCi.nullable(),
    }),
  ),
  dimensions: z.array(
    z.object({
      dimension: z.string(),
      expectation: z.number().nullable(),
      perception: z.number().nullable(),
      gap: z.number().nullable(),
      weight: z.number().nullable(),
      alphaPerception: z.number().nullable(),
    }),
  ),
  overall: z.object({ gap: z.number().nullable(), weightedGap: z.number().nullable() }),
});
export type TServqualReport = z.infer<typeof ZServqualReportSchema>;

const npsCore = {
  n: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  nps: z.number().nullable(),
  ci95: ZCi.nullable(),
};
export const ZNpsReportSchema = z.object({
  ...npsCore,
  /** Only with groupBy; a group is named by its value (channel code, unit name, YYYY-MM…). */
  groups: z.array(z.object({ group: z.string(), ...npsCore })).optional(),
});
export type TNpsReport = z.infer<typeof ZNpsReportSchema>;

export const KANO_CATEGORIES = ['A', 'O', 'M', 'I', 'R', 'Q'] as const;
export const ZKanoCategorySchema = z.enum(KANO_CATEGORIES);
export const ZKanoReportSchema = z.object({
  attributes: z.array(
    z.object({
      attribute: z.string(),
      n: z.number().int(),
      counts: z.record(ZKanoCategorySchema, z.number().int()),
      category: ZKanoCategorySchema.nullable(),
      better: z.number().nullable(),
      worse: z.number().nullable(),
    }),
  ),
});
export type TKanoReport = z.infer<typeof ZKanoReportSchema>;

// ------------------------------------------------------------------------ other bodies

const csatCore = {
  n: z.number().int(),
  satisfied: z.number().int(),
  /** Top-2-box share 0..1 (Wilson interval). */
  csat: z.number().nullable(),
  ci95: ZCi.nullable(),
  mean: z.number().nullable(),
};
/** As `fidelia analyze csat --scale 5 --top 2 --json`. */
export const ZCsatReportSchema = z.object({
  scale: z.number().int(),
  top: z.number().int(),
  ...csatCore,
  /** Count per scale point 1..scale. */
  distribution: z.array(z.number().int()),
  groups: z.array(z.object({ group: z.string(), ...csatCore })).optional(),
});
export type TCsatReport = z.infer<typeof ZCsatReportSchema>;

export const ZChangeSchema = z.object({
  difference: z.number(),
  p: z.number(),
  /** p < 0.05 */
  significant: z.boolean(),
});
export type TChange = z.infer<typeof ZChangeSchema>;

export const ZTrendReportSchema = z.object({
  metric: z.enum(TREND_METRICS),
  period: z.enum(TREND_PERIODS),
  /** Grand NPS (−100..100) or pooled CSAT share (0..1) over all periods. */
  centre: z.number().nullable(),
  periods: z.array(
    z.object({
      /** YYYY-MM, YYYY-Qn, or the ISO week's Monday YYYY-MM-DD. */
      period: z.string(),
      n: z.number().int(),
      value: z.number().nullable(),
      ci95: ZCi.nullable(),
      /** Control limits (x̄-chart for NPS, p-chart for CSAT). */
      lcl: z.number().nullable(),
      ucl: z.number().nullable(),
      outOfControl: z.boolean(),
      /** Against the previous period (Welch t for NPS, two-proportion z for CSAT). */
      change: ZChangeSchema.nullable(),
    }),
  ),
});
export type TTrendReport = z.infer<typeof ZTrendReportSchema>;

export const IPA_QUADRANTS = [
  'concentrate here',
  'keep up the good work',
  'low priority',
  'possible overkill',
] as const;
export const ZIpaReportSchema = z.object({
  n: z.number().int(),
  /** stated: importance:<dimension> points; derived: correlation with overall (NPS/CSAT). */
  importance: z.enum(['stated', 'derived']).nullable(),
  importanceCut: z.number().nullable(),
  performanceCut: z.number().nullable(),
  /** derived importance over a random sample (stated importance reads the sums: null) */
  sample: ZSampleInfo,
  attributes: z.array(
    z.object({
      attribute: z.string(),
      importance: z.number(),
      performance: z.number(),
      quadrant: z.enum(IPA_QUADRANTS),
    }),
  ),
});
export type TIpaReport = z.infer<typeof ZIpaReportSchema>;

export const ZDriversReportSchema = z.object({
  /** The outcome the SERVQUAL perception dimensions explain: nps or csat (null: neither). */
  outcome: z.enum(['nps', 'csat']).nullable(),
  n: z.number().int(),
  sample: ZSampleInfo,
  rSquared: z.number().nullable(),
  drivers: z.array(
    z.object({
      attribute: z.string(),
      correlation: z.number(),
      beta: z.number().nullable(),
      relativeWeight: z.number(),
      share: z.number(),
      ci95: ZCi.nullable(),
    }),
  ),
});
export type TDriversReport = z.infer<typeof ZDriversReportSchema>;

export const ZTextReportSchema = z.object({
  /** Non-blank text answers read. */
  n: z.number().int(),
  sample: ZSampleInfo,
  keywords: z.array(
    z.object({ word: z.string(), count: z.number().int(), documents: z.number().int() }),
  ),
});
export type TTextReport = z.infer<typeof ZTextReportSchema>;

/** A headline figure for a period with its interval and the change vs the previous period. */
export const ZHeadlineSchema = z.object({
  n: z.number().int(),
  value: z.number().nullable(),
  ci95: ZCi.nullable(),
  previous: z.object({ n: z.number().int(), value: z.number().nullable() }),
  /** null when either period lacks data. Screens flag it only when `significant`. */
  change: ZChangeSchema.nullable(),
});
export type THeadline = z.infer<typeof ZHeadlineSchema>;

export const ZOverviewReportSchema = z.object({
  /** The period used (defaults: the last 30 days) and the previous one of equal length. */
  period: z.object({ from: z.string(), to: z.string() }),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  responses: z.number().int(),
  nps: ZHeadlineSchema,
  /** CSAT top-2-box share 0..1. */
  csat: ZHeadlineSchema,
  /** SERVQUAL overall gap (mean of dimension gaps, P − E). */
  servqualGap: ZHeadlineSchema,
  responsesByChannel: z.array(z.object({ channel: ZChannelSchema, n: z.number().int() })),
  complaintsPastDue: z.number().int(),
  /** Best customers (gold tier / class A) whose retention risk is high. */
  atRiskBestCustomers: z.object({
    count: z.number().int(),
    top: z.array(z.object({ customerId: z.string(), name: z.string() })),
  }),
  /** Fieldwork corrective actions past their due date (caller's units). */
  overdueCorrectiveActions: z.object({
    count: z.number().int(),
    top: z.array(
      z.object({
        id: z.string(),
        visitId: z.string(),
        title: z.string(),
        unit: z.string(),
        dueDate: z.string(),
      }),
    ),
  }),
});
export type TOverviewReport = z.infer<typeof ZOverviewReportSchema>;

export const ZLeagueReportSchema = z.object({
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      n: z.number().int(),
      /** SERVQUAL overall gap; best (highest, P − E) first. */
      gap: z.number().nullable(),
      weightedGap: z.number().nullable(),
      /** Interval of the respondent-level overall gap (t). */
      ci95: ZCi.nullable(),
      rank: z.number().int(),
    }),
  ),
});
export type TLeagueReport = z.infer<typeof ZLeagueReportSchema>;
