import { z } from 'zod';
import { questionBase, ZKeySchema, ZLocalTextSchema } from '../base';

/** The Kano pair (functional / dysfunctional) of one attribute. */
export const ZKanoQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('kano'),
  /** attribute key used in tags kano:<attribute>:functional|dysfunctional */
  attribute: ZKeySchema,
  functional: ZLocalTextSchema,
  dysfunctional: ZLocalTextSchema,
});
