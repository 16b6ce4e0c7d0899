// Perceived value over a survey's answers (issue 11):
//   GET /api/analytics/surveys/:surveyId/value?from=&to=&unitId=&channel=&language=&segment=
// From the `value:*` tagged answers (the `value` question type: `value:price` "what I get is
// worth the price", `value:benefit:<key>` ratings on 1..points, `value:wtp` willingness to pay)
// under the reports' filters: each benefit's mean with its 95 % t interval, value for money with
// its distribution, the same by customer class by use (the segments of the strategy value
// models), and the org's value models that name this survey: their benefits' money values vs
// the price paid (from the strategy module), with value for money of their segment's
// respondents under the same filters. A mean and its interval are null below `minN` answers
// ("too few answers", as the value models). `applicable` is false when the survey has no value
// question (nothing else is then filled).
import { z } from 'zod';
import { ZSampleInfo } from './analytics';
import { BENEFIT_KINDS } from './strategy';

export const VALUE_USE_CLASSES = ['processor', 'merchant', 'end_user', 'public', 'none'] as const;

const ZStat = z.object({
  n: z.number().int(),
  mean: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
});
const ZBenefitStat = ZStat.extend({
  /** the benefit's key in the value question (its wording comes from the survey definition) */
  key: z.string(),
  tag: z.string(),
  /** functional / emotional / economic when the tag is `value:benefit:<kind>` */
  kind: z.enum(BENEFIT_KINDS).nullable(),
});

export const ZValueReportSchema = z.object({
  applicable: z.boolean(),
  /** responses with at least one `value:*` answer */
  n: z.number().int(),
  sample: ZSampleInfo,
  /** the rating scale 1..points */
  points: z.number().int(),
  minN: z.number().int(),
  currency: z.string(),
  benefits: z.array(ZBenefitStat),
  valueForMoney: ZStat.extend({
    /** answers per score 1..points, every score listed */
    distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
  }),
  wtp: ZStat,
  /** by the respondent customer's class by use; `none` = no customer or not classified */
  segments: z.array(
    z.object({
      useClass: z.enum(VALUE_USE_CLASSES),
      n: z.number().int(),
      valueForMoney: ZStat,
      wtp: ZStat,
      benefits: z.array(ZBenefitStat),
    }),
  ),
  models: z.array(
    z.object({
      id: z.string(),
      segment: z.string(),
      currency: z.string(),
      pricePaid: z.number(),
      useClasses: z.array(z.enum(['processor', 'merchant', 'end_user', 'public'])),
      benefits: z.array(
        z.object({
          name: z.string(),
          kind: z.enum(BENEFIT_KINDS),
          moneyValue: z.number(),
          /** the segment's mean rating of that kind of benefit under these filters */
          rating: z.number().nullable(),
        }),
      ),
      totalBenefits: z.number(),
      /** Σ money values − price paid */
      perceivedValue: z.number(),
      valueRatio: z.number().nullable(),
      /** value for money of the model's segment (its classes by use) under these filters */
      valueForMoney: ZStat,
    }),
  ),
});
export type TValueReport = z.infer<typeof ZValueReportSchema>;
