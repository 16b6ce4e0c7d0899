import { z } from 'zod';
import { questionBase, ZItemSchema, ZLocalTextSchema } from '../base';

/** Perceived value: value for the price, benefits, willingness to pay. */
export const ZValueQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('value'),
  points: z.union([z.literal(5), z.literal(7)]).default(7),
  priceText: ZLocalTextSchema,
  benefits: z.array(ZItemSchema).max(20).default([]),
  wtpText: ZLocalTextSchema.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  wtpMax: z.number().positive().max(1e9).default(1e6),
});
