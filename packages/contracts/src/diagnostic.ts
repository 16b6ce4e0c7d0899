// Five-gap diagnostic (issue 16): query, promises registry, action list.
// Routes (see packages/server/src/modules/diagnostic/routes.ts):
//   GET  /api/diagnostic?unitId&from&to&customerSurveyId&managerSurveyId&causesSurveyId
//   GET  /api/diagnostic/report.pdf?…&lang        the same, printed by Chromium
//   GET  /api/diagnostic/gap-causes.csv?surveyId  answers in `fidelia analyze gap-causes` layout
//   GET/POST /api/diagnostic/promises, PATCH/DELETE /api/diagnostic/promises/:id
//   POST/DELETE /api/diagnostic/promises/:id/complaints[/:complaintId]
//   GET/POST /api/diagnostic/actions, PATCH /api/diagnostic/actions/:id
import { z } from 'zod';

const ZDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const DIAGNOSTIC_PROMISE_CHANNELS = [
  'advertising',
  'website',
  'contract',
  'script',
  'staff',
  'other',
] as const;
export const DIAGNOSTIC_ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export const DIAGNOSTIC_DIMENSIONS = [
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const;

export const ZDiagnosticQuerySchema = z.strictObject({
  unitId: z.uuid().optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  customerSurveyId: z.uuid().optional(),
  managerSurveyId: z.uuid().optional(),
  causesSurveyId: z.uuid().optional(),
});
export type TDiagnosticQuery = z.infer<typeof ZDiagnosticQuerySchema>;

export const ZDiagnosticPdfQuerySchema = ZDiagnosticQuerySchema.extend({
  lang: z.enum(['es', 'en']).default('es'),
});

export const ZDiagnosticPromiseBodySchema = z.strictObject({
  text: text(2000),
  channel: z.enum(DIAGNOSTIC_PROMISE_CHANNELS),
  unitId: z.uuid().nullable().optional(),
  validFrom: ZDate.nullable().optional(),
  validTo: ZDate.nullable().optional(),
  servqualItems: z.array(z.number().int().min(1).max(22)).max(22).default([]),
  attributeIds: z.array(z.uuid()).max(50).default([]),
  ownerId: z.uuid().nullable().optional(),
});
/** POST: the client makes the id; the same id and body again is a replay. */
export const ZDiagnosticPromiseCreateSchema = ZDiagnosticPromiseBodySchema.extend({ id: z.uuid() });
export const ZDiagnosticPromisePatchSchema = ZDiagnosticPromiseBodySchema.partial();
export type TDiagnosticPromiseCreate = z.infer<typeof ZDiagnosticPromiseCreateSchema>;
export type TDiagnosticPromisePatch = z.infer<typeof ZDiagnosticPromisePatchSchema>;

export const ZDiagnosticPromiseComplaintSchema = z.strictObject({ complaintId: z.uuid() });

export const ZDiagnosticActionCreateSchema = z.strictObject({
  id: z.uuid(),
  unitId: z.uuid().nullable().optional(),
  gap: z.number().int().min(1).max(5),
  dimension: z.enum(DIAGNOSTIC_DIMENSIONS).nullable().optional(),
  findingKey: text(200),
  title: text(500),
  detail: z.string().trim().max(4000).default(''),
  score: z.number().min(0).max(1e6).default(0),
  surveyId: z.uuid().nullable().optional(),
  periodFrom: ZDate.nullable().optional(),
  periodTo: ZDate.nullable().optional(),
  baselineGap: z.number().min(-10).max(10).nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  dueOn: ZDate.nullable().optional(),
});
export const ZDiagnosticActionPatchSchema = z.strictObject({
  title: text(500).optional(),
  detail: z.string().trim().max(4000).optional(),
  ownerId: z.uuid().nullable().optional(),
  dueOn: ZDate.nullable().optional(),
  status: z.enum(DIAGNOSTIC_ACTION_STATUSES).optional(),
});
export type TDiagnosticActionCreate = z.infer<typeof ZDiagnosticActionCreateSchema>;
export type TDiagnosticActionPatch = z.infer<typeof ZDiagnosticActionPatchSchema>;
export const ZDiagnosticActionListQuerySchema = z.strictObject({
  status: z.enum(DIAGNOSTIC_ACTION_STATUSES).optional(),
  unitId: z.uuid().optional(),
});
