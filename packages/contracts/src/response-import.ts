// Survey response imports (historical waves in the survey's wide export layout).
import { z } from 'zod';
import { IMPORT_STATUSES, ZImportRejectionSchema } from './customers';

/** How each column of the uploaded file will be read. */
export const ZResponseImportPreviewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  encoding: z.string(),
  warnings: z.array(z.string()),
  headers: z.array(z.string()),
  /** answer columns of the survey (question key or key.item) */
  answerColumns: z.array(z.string()),
  /** respondent id, submitted_at, channel, unit, customer_external_id, language, status */
  metaColumns: z.array(z.string()),
  /** columns of the export read but not stored (version, entered_by, duplicate_of...) */
  ignoredColumns: z.array(z.string()),
  /** neither a question nor a known column */
  unknownColumns: z.array(z.string()),
  /** required questions with no column in the file (every row would be rejected) */
  missingRequired: z.array(z.string()),
  /** the column that identifies a respondent (re-import is idempotent on it), or null */
  respondentColumn: z.string().nullable(),
  /** the first rows as they will be stored, or why each would be rejected */
  sampleRows: z.array(
    z.object({
      row: z.number().int(),
      ok: z.boolean(),
      submittedAt: z.string().nullable(),
      channel: z.string().nullable(),
      unit: z.string().nullable(),
      answers: z.array(z.object({ column: z.string(), value: z.string() })),
      errors: z.array(ZImportRejectionSchema),
    }),
  ),
});
export type TResponseImportPreview = z.infer<typeof ZResponseImportPreviewSchema>;

export const ZResponseImportRunSchema = z.strictObject({ dryRun: z.boolean().default(false) });

export const ZResponseImportStatusSchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  dryRun: z.boolean(),
  total: z.number().int(),
  processed: z.number().int(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
});
export type TResponseImportStatus = z.infer<typeof ZResponseImportStatusSchema>;
