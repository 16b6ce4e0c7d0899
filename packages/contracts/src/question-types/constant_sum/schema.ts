import { z } from 'zod';
import { questionBase, ZItemSchema } from '../base';

/** Points shared out among items (importance weights), adding up to `total`. */
export const ZConstantSumQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('constant_sum'),
  total: z.number().int().min(1).max(1000).default(100),
  randomize: z.boolean().default(false),
  items: z.array(ZItemSchema).min(2).max(30),
});
