import { z } from 'zod';
import { questionBase, scaleLabels } from '../base';

/** 1–5 satisfaction. */
export const ZCsatQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('csat'),
  ...scaleLabels,
});
