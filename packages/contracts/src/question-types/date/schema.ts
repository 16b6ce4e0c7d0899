import { z } from 'zod';
import { questionBase } from '../base';

/** A calendar date (YYYY-MM-DD) in an optional [min, max]. */
export const ZDateQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('date'),
  min: z.iso.date().optional(),
  max: z.iso.date().optional(),
});
