// Shared schemas of the strategy workspace (issue 16): service triangle, customer value model,
// needs -> service attributes matrix, customer-orientation questions. API: docs/strategy.md.
import { z } from 'zod';

/** Albrecht's six relationships (customer at the centre; strategy, people, systems around). */
export const TRIANGLE_RELATIONS = [
  'customer_strategy',
  'customer_systems',
  'customer_people',
  'people_systems',
  'strategy_systems',
  'strategy_people',
] as const;
export type TTriangleRelation = (typeof TRIANGLE_RELATIONS)[number];

export const BENEFIT_KINDS = ['functional', 'emotional', 'economic'] as const;
export type TBenefitKind = (typeof BENEFIT_KINDS)[number];

export const STRATEGY_NEED_KINDS = ['stated', 'real'] as const;
export const ATTRIBUTE_TYPES = ['basic', 'expected', 'desired', 'unexpected'] as const;
export type TAttributeType = (typeof ATTRIBUTE_TYPES)[number];
/** QFD relationship strengths: strong 9, medium 3, weak 1 (0 in a write = no relationship). */
export const STRENGTHS = [9, 3, 1] as const;

/** The customer-orientation questions, in the order they are asked. */
export const ORIENTATION_QUESTIONS = [
  'who',
  'needs',
  'service',
  'expectations',
  'meets',
  'process',
  'improve',
  'use',
  'help',
] as const;
export type TOrientationQuestion = (typeof ORIENTATION_QUESTIONS)[number];

const text = (max: number) => z.string().trim().max(max);
/** A link to evidence inside the product ("/analytics/servqual?...") or an https page. */
export const ZEvidenceLinkSchema = z.strictObject({
  label: text(200).min(1),
  url: z
    .string()
    .trim()
    .max(1000)
    .regex(/^(\/(?!\/)|https?:\/\/)[^\s]*$/, 'a path starting with / or an http(s) address'),
});
export type TEvidenceLink = z.infer<typeof ZEvidenceLinkSchema>;

export const ZStrategySegmentSchema = text(120).min(1);

// ------------------------------------------------------------------------------ triangle
export const ZTriangleRelationParamsSchema = z.object({ relation: z.enum(TRIANGLE_RELATIONS) });
export const ZTriangleActionSchema = z.strictObject({
  text: text(500).min(1),
  done: z.boolean().default(false),
});
export const ZTriangleUpdateSchema = z.strictObject({
  score: z.number().int().min(1).max(5).nullable(),
  assessment: text(4000).default(''),
  evidence: z.array(ZEvidenceLinkSchema).max(20).default([]),
  actions: z.array(ZTriangleActionSchema).max(30).default([]),
});
export type TTriangleUpdate = z.input<typeof ZTriangleUpdateSchema>;
export interface TTriangleEdge {
  relation: TTriangleRelation;
  score: number | null;
  assessment: string;
  evidence: TEvidenceLink[];
  actions: { text: string; done: boolean }[];
  updatedAt: string | null;
}

// --------------------------------------------------------------------------- value model
export const ZValueBenefitSchema = z.strictObject({
  id: z.string().uuid(),
  kind: z.enum(BENEFIT_KINDS),
  name: text(200).min(1),
  /** what the company reckons the benefit is worth to the customer, per price period */
  moneyValue: z.number().min(0).max(1e9),
});
export const ZValueCompetitorSchema = z.strictObject({
  id: z.string().uuid(),
  name: text(200).min(1),
  price: z.number().min(0).max(1e9),
  /** money value of each of our benefits at the competitor (benefit id -> value; missing = 0) */
  values: z.record(z.string().uuid(), z.number().min(0).max(1e9)).default({}),
});
export const ZValueModelPutSchema = z.strictObject({
  segment: ZStrategySegmentSchema,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  pricePaid: z.number().min(0).max(1e9),
  /** the perceived-value survey whose `value` answers give value for money (null = none) */
  surveyId: z.string().uuid().nullable().default(null),
  notes: text(4000).default(''),
  benefits: z.array(ZValueBenefitSchema).max(30).default([]),
  competitors: z.array(ZValueCompetitorSchema).max(10).default([]),
  /**
   * the customers' classes by use (customers registry, `use_class`) that make up the segment: value for money and
   * the benefit ratings count only answers of respondents whose customer has one of them
   * (empty = not defined: no survey figures)
   */
  useClasses: z
    .array(z.enum(['processor', 'merchant', 'end_user', 'public']))
    .max(4)
    .default([]),
});
/** fewer answers than this from the segment's respondents: "too few answers", no figure */
export const VALUE_MIN_ANSWERS = 5;
export type TValueModelPut = z.input<typeof ZValueModelPutSchema>;
/** client-made id: the same body again is a replay (200), other content a 409 */
export const ZValueModelCreateSchema = ZValueModelPutSchema.extend({ id: z.string().uuid() });
export type TValueModelCreate = z.input<typeof ZValueModelCreateSchema>;

export interface TValueModel {
  id: string;
  segment: string;
  currency: string;
  pricePaid: number;
  surveyId: string | null;
  surveyTitle: string | null;
  notes: string;
  useClasses: Array<'processor' | 'merchant' | 'end_user' | 'public'>;
  benefits: Array<
    z.infer<typeof ZValueBenefitSchema> & {
      /** customers' mean rating of this kind of benefit (1..points), null without answers */
      rating: number | null;
      /** money value / the largest benefit's money value (0..1) */
      worthIndex: number | null;
      /** (rating − 1) / (points − 1) (0..1) */
      ratingIndex: number | null;
      underValued: boolean;
    }
  >;
  totalBenefits: number;
  /** Σ benefits' money value − price paid */
  perceivedValue: number;
  /** Σ benefits / price paid (null when the price is 0) */
  valueRatio: number | null;
  /** the survey's "what I get is worth the price" item: mean on 1..points with 95 % interval */
  valueForMoney: {
    n: number;
    mean: number | null;
    ci95: [number, number] | null;
    points: number;
    /** stated willingness to pay: mean and n */
    wtp: { n: number; mean: number | null };
    /**
     * whose answers: `segment` = respondents whose customer is in the model's classes by use;
     * `undefined` = the model names no classes, so no answers are counted
     */
    scope: 'segment' | 'undefined';
    /** answers of the segment / of the whole survey (in the caller's unit scope) */
    surveyN: number;
    /** n ≥ VALUE_MIN_ANSWERS; below it mean and interval are null */
    enough: boolean;
    minN: number;
  } | null;
  competitors: Array<
    z.infer<typeof ZValueCompetitorSchema> & { totalBenefits: number; perceivedValue: number }
  >;
  updatedAt: string;
}

// ------------------------------------------------------------------- needs -> attributes
export const ZNeedCreateSchema = z.strictObject({
  /** client-made id: the same request again is a replay (200), other content a 409 */
  id: z.string().uuid(),
  segment: ZStrategySegmentSchema,
  customerGroup: text(120).min(1),
  text: text(500).min(1),
  kind: z.enum(STRATEGY_NEED_KINDS),
  importance: z.number().int().min(1).max(5).default(3),
});
export const ZNeedPatchSchema = z.strictObject({
  customerGroup: text(120).min(1).optional(),
  text: text(500).min(1).optional(),
  kind: z.enum(STRATEGY_NEED_KINDS).optional(),
  importance: z.number().int().min(1).max(5).optional(),
});
export const ZNeedLinkSchema = z.strictObject({
  attributeId: z.string().uuid(),
  /** 9 strong, 3 medium, 1 weak, 0 removes the link */
  strength: z.union([z.literal(0), z.literal(1), z.literal(3), z.literal(9)]),
});
export const ZAttributeTypeParamsSchema = z.object({ attributeId: z.string().uuid() });
export const ZAttributeTypeSchema = z.strictObject({
  /** null = back to the type suggested from Kano */
  type: z.enum(ATTRIBUTE_TYPES).nullable(),
});
export const ZStrategySegmentQuerySchema = z.strictObject({
  segment: ZStrategySegmentSchema.optional(),
});
export const ZMatrixQuerySchema = z.strictObject({
  segment: ZStrategySegmentSchema.optional(),
  kanoSurveyId: z.string().uuid().optional(),
});

export interface TNeed {
  id: string;
  segment: string;
  customerGroup: string;
  text: string;
  kind: 'stated' | 'real';
  importance: number;
}
export interface TStrategyInsightQuote {
  quote: string;
  theme: string;
  topic: string;
  /** ISO date-time of the panel session */
  sessionDate: string | null;
}
export interface TMatrixAttribute {
  id: string;
  key: string;
  name: { es: string; en: string };
  group: string | null;
  kano: { category: string | null; n: number } | null;
  suggestedType: TAttributeType | null;
  type: TAttributeType | null;
  overridden: boolean;
  standards: { id: string; code: string; name: { es: string; en: string } }[];
  /** Σ strength × need importance over the needs linked to it */
  importance: number;
  /** importance / Σ importance (0..1) */
  weight: number;
  insights: { count: number; quotes: TStrategyInsightQuote[] };
}
export interface TMatrix {
  segment: string | null;
  kanoSurvey: { id: string; title: string } | null;
  needs: Array<TNeed & { insights: { count: number; quotes: TStrategyInsightQuote[] } }>;
  attributes: TMatrixAttribute[];
  cells: { needId: string; attributeId: string; strength: number }[];
}

// ---------------------------------------------------------------------- orientation
export const ZOrientationParamsSchema = z.object({ question: z.enum(ORIENTATION_QUESTIONS) });
export const ZOrientationPutSchema = z.strictObject({
  segment: ZStrategySegmentSchema,
  answer: text(8000).default(''),
  evidence: z.array(ZEvidenceLinkSchema).max(20).default([]),
});
export interface TOrientationAnswer {
  question: TOrientationQuestion;
  answer: string;
  evidence: TEvidenceLink[];
  updatedAt: string | null;
}
