import { z } from 'zod';
import { questionBase, scaleLabels } from '../base';

/** 0–10 (NPS) or 1–n rating. */
export const ZRatingQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('rating'),
  min: z.number().int().min(0).max(1).default(0),
  max: z.number().int().min(2).max(10).default(10),
  ...scaleLabels,
});
