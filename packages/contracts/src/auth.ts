import { z } from 'zod';
import { ZLocaleSchema, ZRoleSchema } from './common';

export const ZMeSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  orgId: z.string(),
  orgName: z.string(),
  unitId: z.string().nullable(),
  locale: ZLocaleSchema,
});
export type TMe = z.infer<typeof ZMeSchema>;

export const ZLoginSchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});
export const ZSessionSchema = z.object({ user: ZMeSchema.nullable(), csrfToken: z.string() });
export const ZUpdateMeSchema = z.strictObject({
  locale: ZLocaleSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export const ZPasswordResetSchema = z.strictObject({ email: z.string().trim().min(1).max(320) });
export const ZPasswordResetConfirmSchema = z.strictObject({
  token: z.string().min(10).max(200),
  password: z.string().min(10).max(1000),
});

// The signed-in user's own password; the new one follows the reset rules (10+ characters).
export const ZChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(10).max(1000),
});

export const ZUnitKindSchema = z.enum(['company', 'region', 'branch', 'team']);
export const ZOrgUnitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: ZUnitKindSchema,
});
export type TOrgUnit = z.infer<typeof ZOrgUnitSchema>;
export const ZCreateOrgUnitSchema = z.strictObject({
  parentId: z.string().uuid().nullable(),
  name: z.string().trim().min(1).max(200),
  kind: ZUnitKindSchema,
});
export const ZUpdateOrgUnitSchema = z.strictObject({
  parentId: z.string().uuid().nullable().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  kind: ZUnitKindSchema.optional(),
});

export const ZUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  unitId: z.string().nullable(),
  active: z.boolean(),
});
export type TUser = z.infer<typeof ZUserSchema>;
export const ZCreateUserSchema = z.strictObject({
  email: z.string().trim().email().max(320),
  name: z.string().trim().min(1).max(200),
  role: ZRoleSchema,
  unitId: z.string().uuid().nullable().optional(),
  password: z.string().min(10).max(1000).optional(),
});
export const ZUpdateUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: ZRoleSchema.optional(),
  unitId: z.string().uuid().nullable().optional(),
  active: z.boolean().optional(),
});

export const ZApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiToken = z.infer<typeof ZApiTokenSchema>;
export const ZCreateTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scopes: z.array(z.enum(['read', 'write'])).min(1),
});

export const ZAuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  /** The acting user's current name; null for the system. */
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The entity's name (customer, survey, segment, user) when its module provides one. */
  entityLabel: z.string().nullable(),
  changes: z.unknown(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntrySchema>;

export const ZHealthSchema = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  migration: z.string().nullable(),
  version: z.string(),
});
