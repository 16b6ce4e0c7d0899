import { z } from 'zod';
import { questionBase } from '../base';

/** Free text (one line or several). */
export const ZTextQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  multiline: z.boolean().default(true),
  maxLength: z.number().int().min(1).max(10000).default(2000),
});
