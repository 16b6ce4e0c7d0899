// The zod pieces every question-type schema builds on (key, tag, local text, display logic, the
// fields every question has, items and options). surveys.ts re-exports them; a type's
// schema.ts imports them from here (not from surveys.ts, which imports the schemas).
import { z } from 'zod';
import { CONDITION_OPS } from '../survey-logic/constants';

/** Text in several languages; at least one. Text may pipe values: {{q:key}}, {{attr:name}}. */
export const ZLocalTextSchema = z
  .strictObject({ es: z.string().max(4000).optional(), en: z.string().max(4000).optional() })
  .refine((t) => Boolean(t.es?.trim() || t.en?.trim()), { message: 'text needs es or en' });
export type TLocalText = z.infer<typeof ZLocalTextSchema>;

/** Stable keys (questions, items, options, pages): survive wording changes and new versions. */
export const ZKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'key: a-z, 0-9, _');
/** Semantic tags analytics rely on: nps, csat, servqual:E:5, kano:wifi:functional, ... */
export const ZTagSchema = z.string().regex(/^[a-z][a-z0-9_]*(:[A-Za-z0-9_-]+)*$/, 'tag');

// ---------------------------------------------------------------------------------- logic
export const ZConditionSchema = z.strictObject({
  /** question key; for batteries/matrix/kano/constant-sum also `item` */
  q: ZKeySchema,
  item: ZKeySchema.optional(),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))]).optional(),
});
export type TCondition = z.infer<typeof ZConditionSchema>;
/** Shown only when all (mode 'all') or any (mode 'any') condition holds. Skip logic = a
 *  displayIf on the page/question to skip. Conditions may only refer to EARLIER questions. */
export const ZDisplayIfSchema = z.strictObject({
  mode: z.enum(['all', 'any']).default('all'),
  conditions: z.array(ZConditionSchema).min(1).max(20),
});
export type TDisplayIf = z.infer<typeof ZDisplayIfSchema>;

// ------------------------------------------------------------------------------- questions
/** The fields every question has (spread into each type's strictObject). */
export const questionBase = {
  key: ZKeySchema,
  /** semantic tag; batteries tag their items instead (item.tag) */
  tag: ZTagSchema.optional(),
  title: ZLocalTextSchema,
  help: ZLocalTextSchema.optional(),
  required: z.boolean().default(false),
  displayIf: ZDisplayIfSchema.optional(),
};
export const ZItemSchema = z.strictObject({
  key: ZKeySchema,
  tag: ZTagSchema.optional(),
  text: ZLocalTextSchema,
});
export type TItem = z.infer<typeof ZItemSchema>;
export const ZOptionSchema = z.strictObject({
  /** stored answer value */
  value: ZKeySchema,
  label: ZLocalTextSchema,
  /** numeric code for SPSS-friendly export (defaults to 1-based position) */
  code: z.number().int().optional(),
});
export type TOption = z.infer<typeof ZOptionSchema>;

/** Optional end labels of a scale. */
export const scaleLabels = {
  lowLabel: ZLocalTextSchema.optional(),
  highLabel: ZLocalTextSchema.optional(),
};
