// Service standards (issue 15) and the shared service attribute catalogue (issue 16).
// Human docs: docs/standards.md.
import { z } from 'zod';
import { SERVQUAL_DIMENSIONS } from './survey-logic/constants';

/** Same pattern as a Kano attribute key, so `kano:<key>:…` tags map onto the catalogue. */
export const ZAttributeKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'key: a-z, 0-9, _');
export const ATTRIBUTE_GROUPS = [
  'tangibles',
  'people',
  'process',
  'after_sales',
  'product',
] as const;
export type TAttributeGroup = (typeof ATTRIBUTE_GROUPS)[number];
export const MEASURE_KINDS = ['yesno', 'number', 'scale'] as const;
export type TMeasureKind = (typeof MEASURE_KINDS)[number];
export const STARTER_CATALOGUES = [
  'bank_branch',
  'shop',
  'call_centre',
  'technical_service',
] as const;
export type TStarterCatalogue = (typeof STARTER_CATALOGUES)[number];

const name = z.string().trim().min(1).max(200);
const longText = z.string().trim().max(4000);
const ZServqualItems = z
  .array(z.number().int().min(1).max(22))
  .max(22)
  .refine((xs) => new Set(xs).size === xs.length, { message: 'items repeat' });
const ZDimension = z.enum(SERVQUAL_DIMENSIONS);

export const ZAttributeInputSchema = z.strictObject({
  key: ZAttributeKeySchema,
  nameEs: name,
  nameEn: name,
  descriptionEs: longText.nullish(),
  descriptionEn: longText.nullish(),
  group: z.enum(ATTRIBUTE_GROUPS).default('process'),
  dimension: ZDimension.nullish(),
  servqualItems: ZServqualItems.default([]),
});
export type TAttributeInput = z.input<typeof ZAttributeInputSchema>;
export const ZAttributePatchSchema = ZAttributeInputSchema.omit({ key: true }).partial();
export type TAttributePatch = z.infer<typeof ZAttributePatchSchema>;

export interface TAttribute {
  id: string;
  key: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string | null;
  descriptionEn: string | null;
  group: TAttributeGroup;
  dimension: (typeof SERVQUAL_DIMENSIONS)[number] | null;
  servqualItems: number[];
  source: string;
  createdAt: string;
  updatedAt: string;
}

export const ZMomentInputSchema = z.strictObject({
  key: ZAttributeKeySchema,
  nameEs: name,
  nameEn: name,
  sort: z.number().int().min(0).max(10000).default(0),
});
export type TMomentInput = z.input<typeof ZMomentInputSchema>;
export interface TMoment {
  id: string;
  key: string;
  nameEs: string;
  nameEn: string;
  sort: number;
  standards: number;
}

/** The versioned content of a standard (every edit writes a new version of this). */
const standardContent = {
  nameEs: name,
  nameEn: name,
  descriptionEs: longText.nullish(),
  descriptionEn: longText.nullish(),
  attributeId: z.uuid().nullish(),
  dimension: ZDimension.nullish(),
  servqualItems: ZServqualItems.default([]),
  measureKind: z.enum(MEASURE_KINDS),
  targetMin: z.number().min(-1e12).max(1e12).nullish(),
  targetMax: z.number().min(-1e12).max(1e12).nullish(),
  uomEs: z.string().trim().max(60).nullish(),
  uomEn: z.string().trim().max(60).nullish(),
  ownerRole: z.string().trim().max(120).nullish(),
  /** The service level the standard promises on the SERVQUAL 1–7 scale (coverage rule). */
  promisedLevel: z.number().min(1).max(7).nullish(),
  unitIds: z.array(z.uuid()).max(500).default([]),
  /** http(s) link or a path of this app (e.g. the analytics SERVQUAL report) */
  researchUrl: z
    .string()
    .trim()
    .max(2000)
    .regex(/^(https?:\/\/|\/(?!\/))\S*$/i, 'http(s) link or /path')
    .nullish(),
  researchNote: longText.nullish(),
  researchSurveyId: z.uuid().nullish(),
};
const targetsOrdered = (v: { targetMin?: number | null; targetMax?: number | null }) =>
  v.targetMin == null || v.targetMax == null || v.targetMin <= v.targetMax;

export const ZStandardCreateSchema = z
  .strictObject({
    /** Client-made id: the same id again answers the stored standard (200), other content 409. */
    id: z.uuid(),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code'),
    momentId: z.uuid(),
    active: z.boolean().default(true),
    ...standardContent,
  })
  .refine(targetsOrdered, { message: 'targetMin > targetMax', path: ['targetMin'] });
export type TStandardCreate = z.input<typeof ZStandardCreateSchema>;

export const ZStandardEditSchema = z
  .strictObject({
    /** The version the edit starts from: another edit in between answers 409. */
    baseVersion: z.number().int().min(1),
    changeNote: z.string().trim().max(1000).nullish(),
    momentId: z.uuid().optional(),
    active: z.boolean().optional(),
    ...standardContent,
  })
  .refine(targetsOrdered, { message: 'targetMin > targetMax', path: ['targetMin'] });
export type TStandardEdit = z.input<typeof ZStandardEditSchema>;

export const ZStandardListQuerySchema = z.strictObject({
  unitId: z.uuid().optional(),
  momentId: z.uuid().optional(),
  attributeId: z.uuid().optional(),
  dimension: ZDimension.optional(),
  activeOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  q: z.string().trim().max(200).optional(),
});
export type TStandardListQuery = z.input<typeof ZStandardListQuerySchema>;

export interface TStandardVersion {
  version: number;
  nameEs: string;
  nameEn: string;
  descriptionEs: string | null;
  descriptionEn: string | null;
  attributeId: string | null;
  dimension: (typeof SERVQUAL_DIMENSIONS)[number] | null;
  servqualItems: number[];
  measureKind: TMeasureKind;
  targetMin: number | null;
  targetMax: number | null;
  uomEs: string | null;
  uomEn: string | null;
  ownerRole: string | null;
  promisedLevel: number | null;
  unitIds: string[];
  researchUrl: string | null;
  researchNote: string | null;
  researchSurveyId: string | null;
  changeNote: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface TStandard extends TStandardVersion {
  id: string;
  code: string;
  momentId: string;
  momentKey: string;
  momentNameEs: string;
  momentNameEn: string;
  active: boolean;
  catalogue: string | null;
  currentVersion: number;
  attributeKey: string | null;
  attributeNameEs: string | null;
  attributeNameEn: string | null;
  updatedAt: string;
}

export const ZCoverageQuerySchema = z.strictObject({
  surveyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  /** An item is "important" when its mean expectation reaches this (1–7; default 6). */
  minExpectation: z.coerce.number().min(1).max(7).default(6),
});
export type TCoverageQuery = z.input<typeof ZCoverageQuerySchema>;

export interface TCoverageItem {
  item: number;
  dimension: (typeof SERVQUAL_DIMENSIONS)[number];
  expectation: number | null;
  perception: number | null;
  gap: number | null;
  /** the dimension's importance weight (share of the 100 points, 0–1), when the survey asks it */
  weight: number | null;
  important: boolean;
  /** none: no active standard; weak: only standards without a measurable target; ok */
  status: 'none' | 'weak' | 'ok';
  standards: { id: string; code: string; nameEs: string; nameEn: string }[];
}

export interface TCoverage {
  survey: { id: string; name: string } | null;
  n: number;
  minExpectation: number;
  items: TCoverageItem[];
  /** important items without a standard, or with weak ones only (most expected first) */
  uncovered: TCoverageItem[];
  /** standards promising a level below what customers expect on a linked item */
  belowExpectation: {
    id: string;
    code: string;
    nameEs: string;
    nameEn: string;
    promisedLevel: number;
    item: number;
    expectation: number;
    shortfall: number;
  }[];
  /** active standards linked to no SERVQUAL item (not traceable to customer research) */
  unlinked: { id: string; code: string; nameEs: string; nameEn: string }[];
}

export interface TAttributeUsage {
  attributeId: string;
  key: string;
  standards: { id: string; code: string; nameEs: string; nameEn: string; active: boolean }[];
  kanoQuestions: { surveyId: string; surveyName: string; questionKey: string }[];
  /** complaint cases carrying this key as their service attribute; null when not available */
  complaints: number | null;
}
