import { z } from 'zod';
import { questionBase, ZItemSchema, ZLocalTextSchema } from '../base';

/** Rows rated on the same labelled columns. */
export const ZMatrixQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('matrix'),
  rows: z.array(ZItemSchema).min(1).max(50),
  columns: z.array(z.strictObject({ value: z.number().int(), label: ZLocalTextSchema })).min(2),
  randomize: z.boolean().default(false),
});
