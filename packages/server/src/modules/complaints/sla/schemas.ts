// Request schemas of the SLA routes (zod; every boundary validates).
import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
export const ZWorkIntervalSchema = z.strictObject({ start: HHMM, end: HHMM });
const day = z.array(ZWorkIntervalSchema).max(12).optional();

export const ZCalendarSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timeZone: z.string().min(1).max(64),
  week: z.strictObject({ '1': day, '2': day, '3': day, '4': day, '5': day, '6': day, '7': day }),
  holidays: z
    .array(
      z.strictObject({
        date: z.iso.date(),
        start: HHMM.optional(),
        end: HHMM.optional(),
        name: z.string().trim().max(200).optional(),
      }),
    )
    .max(1000)
    .default([]),
  isDefault: z.boolean().default(false),
});
export type TCalendarBody = z.infer<typeof ZCalendarSchema>;

const minutes = z.number().int().min(1).max(525_600);
export const ZPolicySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  categoryId: z.uuid().nullable().default(null),
  severity: z.enum(['low', 'medium', 'high', 'critical']).nullable().default(null),
  firstResponseMin: minutes,
  updateMin: minutes.nullable().default(null),
  resolutionMin: minutes,
  warnPercent: z.number().int().min(1).max(99).default(80),
});
export type TPolicyBody = z.infer<typeof ZPolicySchema>;

export const ZUnitCalendarSchema = z.strictObject({ calendarId: z.uuid().nullable() });
export const ZIdParams = z.strictObject({ id: z.uuid() });
export const ZUnitParams = z.strictObject({ unitId: z.uuid() });
export const ZComplianceQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  unitId: z.uuid().optional(),
});
export const ZNotificationsQuerySchema = z.strictObject({
  caseId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZPreviewSchema = z.strictObject({
  calendar: ZCalendarSchema.omit({ name: true, isDefault: true }),
  start: z.iso.datetime({ offset: true }),
  minutes: z.number().min(-525_600).max(525_600),
});

export const ZBadgesQuerySchema = z.strictObject({
  ids: z
    .string()
    .max(200 * 37)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).max(200)),
});
