import { z } from 'zod';

export const ZRoleSchema = z.enum(['owner', 'admin', 'analyst', 'agent', 'viewer', 'shopper']);
export type TRole = z.infer<typeof ZRoleSchema>;
export const ZLocaleSchema = z.enum(['es', 'en']);
export type TLocale = z.infer<typeof ZLocaleSchema>;
export const ZIdSchema = z.string().uuid();

export const ZErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBodySchema>;

export const ZIdParamsSchema = z.object({ id: z.string().uuid() });
export const ZCursorQuerySchema = z.strictObject({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
