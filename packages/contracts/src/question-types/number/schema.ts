import { z } from 'zod';
import { questionBase } from '../base';

/** A number in [min, max] (integer or decimal). */
export const ZNumberQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('number'),
  min: z.number().default(0),
  max: z.number().default(1e9),
  integer: z.boolean().default(false),
});
