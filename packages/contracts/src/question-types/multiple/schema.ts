import { z } from 'zod';
import { questionBase, ZOptionSchema } from '../base';

/** Several options of a list (optional min/max selected). */
export const ZMultipleQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('multiple'),
  options: z.array(ZOptionSchema).min(2).max(100),
  randomize: z.boolean().default(false),
  minSelected: z.number().int().min(0).optional(),
  maxSelected: z.number().int().min(1).optional(),
});
