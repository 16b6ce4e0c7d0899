// Survey constants as plain data: the zod schemas in ../surveys.ts build their enums from these,
// and the respondent page and staff screens read them through `@fidelia/contracts/survey-logic`
// without pulling zod into their bundles.

export const SURVEY_LANGUAGES = ['es', 'en'] as const;
export type TLang = (typeof SURVEY_LANGUAGES)[number];

export const CONDITION_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in', // answer is one of value[]
  'includes', // multiple choice answer contains value
  'answered',
  'not_answered',
] as const;
export type TConditionOp = (typeof CONDITION_OPS)[number];

export const SERVQUAL_DIMENSIONS = [
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const;
export type TServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

/** The five standard Kano answers (1 like, 2 expect, 3 neutral, 4 live with, 5 dislike). */
export const KANO_ANSWERS = [1, 2, 3, 4, 5] as const;

/** The five standard Kano answers' labels. */
export const KANO_ANSWER_LABELS: Record<1 | 2 | 3 | 4 | 5, { es: string; en: string }> = {
  1: { es: 'Me gusta', en: 'I like it' },
  2: { es: 'Lo espero', en: 'I expect it' },
  3: { es: 'Me es indiferente', en: 'I am neutral' },
  4: { es: 'Puedo tolerarlo', en: 'I can live with it' },
  5: { es: 'No me gusta', en: 'I dislike it' },
};

export const QUESTION_TYPES = [
  'rating', // integer min..max (0–10 NPS / satisfaction); answer: number
  'csat', // 1–5; answer: number
  'scale', // Likert / semantic differential 5 or 7 points with labelled ends; answer: number
  'servqual', // battery of items on 1..7; answer: { [itemKey]: number }
  'constant_sum', // items share `total` points (100); answer: { [itemKey]: number }, sum = total
  'kano', // functional/dysfunctional pair; answer: { functional: 1..5, dysfunctional: 1..5 }
  'value', // perceived value; answer: { price: 1..points, benefits: {[itemKey]: 1..points}, wtp: number|null }
  'single', // answer: option value (string), or 'other' + otherText when allowOther
  'multiple', // answer: option value[]
  'matrix', // rows × scale columns; answer: { [rowKey]: column value (number) }
  'text', // answer: string (≤ maxLength)
  'number', // answer: number in min..max
  'contact', // answer: { name?, email?, phone? }
  'date', // answer: 'YYYY-MM-DD'
] as const;
export type TQuestionType = (typeof QUESTION_TYPES)[number];

export const SURVEY_AUDIENCES = ['customer', 'internal', 'manager', 'employee'] as const;
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;

export const TEMPLATE_KEYS = [
  'nps_relational',
  'csat_transactional',
  'servqual',
  'kano',
  'perceived_value',
  'internal_customer',
  'servqual_manager',
  'gap_causes',
] as const;
export type TTemplateKey = (typeof TEMPLATE_KEYS)[number];

export const CHANNELS = [
  'web',
  'link',
  'email',
  'qr',
  'kiosk',
  'phone',
  'postal',
  'in_person',
  'embed',
] as const;
export const STAFF_CHANNELS = ['phone', 'postal', 'in_person'] as const;

/** spss = numeric-coded CSV with SPSS-safe names; spss_labels = .sps syntax (variable + value
 *  labels, GET DATA of that CSV) */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'spss', 'spss_labels'] as const;
