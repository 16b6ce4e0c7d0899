import { z } from 'zod';
import { SERVQUAL_DIMENSIONS } from '../../survey-logic/constants';
import { questionBase, ZItemSchema, ZLocalTextSchema } from '../base';

export const ZServqualItemSchema = ZItemSchema.extend({
  /** standard item number 1..22 */
  n: z.number().int().min(1).max(22),
  dimension: z.enum(SERVQUAL_DIMENSIONS),
});
/** A SERVQUAL battery: one part (E, P or M) of the 22 items on a 7-point scale. */
export const ZServqualQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('servqual'),
  /** E expectations, P perceptions, M managers' predicted customer expectations (gap 1) */
  part: z.enum(['E', 'P', 'M']),
  points: z.literal(7).default(7),
  lowLabel: ZLocalTextSchema.optional(),
  highLabel: ZLocalTextSchema.optional(),
  randomize: z.boolean().default(false),
  items: z.array(ZServqualItemSchema).min(1).max(22),
});
