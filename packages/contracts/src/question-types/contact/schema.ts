import { z } from 'zod';
import { questionBase } from '../base';

/** Contact details the respondent leaves (name, e-mail, phone). */
export const ZContactQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('contact'),
  fields: z
    .array(z.enum(['name', 'email', 'phone']))
    .min(1)
    .default(['name', 'email', 'phone']),
});
