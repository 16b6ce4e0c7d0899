import { z } from 'zod';
import { questionBase, ZOptionSchema } from '../base';

/** One option of a list (with an optional free-text "other"). */
export const ZSingleQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('single'),
  options: z.array(ZOptionSchema).min(2).max(100),
  randomize: z.boolean().default(false),
  allowOther: z.boolean().default(false),
});
