import { z } from 'zod';
import { questionBase, ZLocalTextSchema } from '../base';

/** 5- or 7-point agreement scale. */
export const ZScaleQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('scale'),
  points: z.union([z.literal(5), z.literal(7)]),
  lowLabel: ZLocalTextSchema,
  highLabel: ZLocalTextSchema,
});
