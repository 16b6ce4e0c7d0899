// Response imports (historical waves): upload into a published survey (the file is kept in the
// database and previewed), dry run and real run as a durable job with progress, rejection report.
// Rows are validated exactly as submissions are (answers.ts) against the published version.
import type {
  TImportRejection,
  TResponseImportPreview,
  TResponseImportStatus,
  TSurveyDefinition,
} from '@fidelia/contracts';
import type { Sql } from '../../../db/client';
import { enqueue, type JobContext, registerJob } from '../../../jobs/queue';
import type { AuthContext } from '../../../lib/access';
import { AppError, registerErrors } from '../../../lib/errors';
import { csvRowEstimate, importRun } from '../../../lib/import/run';
import { openTabularBytes, type TabularFile, tabularFormat } from '../../../lib/tabular';
import { audit } from '../../audit/service';
import { listUnits, unitScope } from '../../orgs/service';
import { evaluateAnswers } from '../answers';
import * as surveyRepo from '../repo';
import { reasonOf, runImport } from './engine';
import * as repo from './repo';
import { columnOfField, planColumns, readRow, type TRowContext } from './rows';

export const RESPONSE_IMPORT_JOB = 'survey.response-import';
/** Larger files are refused at upload (the file is kept in the database until run). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

registerErrors({
  RESPONSE_IMPORT_UNPUBLISHED: {
    status: 409,
    es: 'Publica la encuesta antes de importar respuestas: se validan contra la versión publicada.',
    en: 'Publish the survey before importing responses: they are checked against the published version.',
  },
  RESPONSE_IMPORT_FORMAT: {
    status: 400,
    es: 'Sube un archivo .csv o .xlsx.',
    en: 'Upload a .csv or .xlsx file.',
  },
  RESPONSE_IMPORT_TOO_LARGE: {
    status: 400,
    es: 'El archivo es demasiado grande (máximo 100 MB).',
    en: 'The file is too large (100 MB at most).',
  },
  RESPONSE_IMPORT_EMPTY: {
    status: 400,
    es: 'El archivo está vacío o no tiene cabecera.',
    en: 'The file is empty or has no header.',
  },
  RESPONSE_IMPORT_UNREADABLE: {
    status: 400,
    es: 'No se puede leer el archivo.',
    en: 'The file cannot be read.',
  },
  RESPONSE_IMPORT_NOT_RUNNABLE: {
    status: 409,
    es: 'Esta importación ya se ha lanzado.',
    en: 'This import was already started.',
  },
  RESPONSE_IMPORT_SCOPED_USER: {
    status: 403,
    es: 'Importar respuestas requiere acceso a toda la organización.',
    en: 'Importing responses needs organisation-wide access.',
  },
});

function open(bytes: Uint8Array, format: 'csv' | 'xlsx', name: string): Promise<TabularFile> {
  return openTabularBytes(bytes, format, name).catch(() => {
    throw new AppError('RESPONSE_IMPORT_UNREADABLE');
  });
}

/** The survey and its published definition; 404 unknown, 409 never published. */
async function publishedSurvey(
  db: Sql,
  orgId: string,
  surveyId: string,
): Promise<{ survey: surveyRepo.TSurveyRow; version: number; def: TSurveyDefinition }> {
  const survey = await surveyRepo.getSurvey(db, orgId, surveyId);
  if (!survey) throw new AppError('SURVEY_NOT_FOUND');
  const version = survey.published_version;
  if (version === null) throw new AppError('RESPONSE_IMPORT_UNPUBLISHED');
  const v = await surveyRepo.getVersion(db, orgId, surveyId, version);
  if (!v) throw new AppError('RESPONSE_IMPORT_UNPUBLISHED');
  return { survey, version, def: v.definition };
}

async function rowContext(
  db: Sql,
  orgId: string,
  def: TSurveyDefinition,
  decimalComma: boolean,
): Promise<TRowContext> {
  const units = new Map<string, string | null>();
  for (const u of await listUnits(db, orgId)) {
    const k = u.name.trim().toLowerCase();
    // Two units with one name cannot be told apart from a name: such rows are rejected.
    units.set(k, units.has(k) ? null : u.id);
    units.set(u.id.toLowerCase(), u.id);
  }
  return {
    decimalComma,
    units,
    languages: def.languages,
    defaultLanguage: def.defaultLanguage,
    now: Date.now(),
  };
}

export async function upload(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<TResponseImportPreview> {
  const { def } = await publishedSurvey(db, auth.orgId, surveyId);
  // Rows may name any unit: only someone who sees the whole organisation may import.
  if ((await unitScope(db, auth)) !== null) throw new AppError('RESPONSE_IMPORT_SCOPED_USER');
  const format = tabularFormat(fileName);
  if (!format) throw new AppError('RESPONSE_IMPORT_FORMAT');
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('RESPONSE_IMPORT_TOO_LARGE');
  if (bytes.length === 0) throw new AppError('RESPONSE_IMPORT_EMPTY');
  const file = await open(bytes, format, fileName);
  if (file.header.length === 0 || file.header.every((h) => h.trim() === ''))
    throw new AppError('RESPONSE_IMPORT_EMPTY');
  const plan = planColumns(def, file.header);
  const ctx = await rowContext(db, auth.orgId, def, file.decimalComma);
  const sampleRows: TResponseImportPreview['sampleRows'] = [];
  try {
    for await (const r of file.rows) {
      if (r.values.every((v) => v.trim() === '')) continue;
      sampleRows.push(sample(plan, def, r.line, r.values, ctx));
      if (sampleRows.length >= 5) break;
    }
  } catch {
    throw new AppError('RESPONSE_IMPORT_UNREADABLE');
  }
  const id = await repo.insertImport(db, auth.orgId, {
    surveyId,
    fileName,
    format,
    bytes,
    encoding: file.encoding,
    headers: file.header,
    warnings: file.warnings,
    createdBy: auth.userId,
  });
  await audit(db, auth, {
    action: 'survey_response_import.uploaded',
    entity: 'survey_response_import',
    entityId: id,
    changes: { fileName, surveyId },
  });
  return {
    id,
    fileName,
    encoding: file.encoding,
    warnings: file.warnings,
    headers: file.header,
    answerColumns: plan.answers.map((a) => a.name),
    metaColumns: [...new Set([...plan.meta.values()])].map((i) => (file.header[i] ?? '').trim()),
    ignoredColumns: plan.ignored,
    unknownColumns: plan.unknown,
    missingRequired: [...(plan.respondentColumn ? [] : ['respondent_id']), ...plan.missingRequired],
    respondentColumn: plan.respondentColumn,
    sampleRows,
  };
}

/** A preview row: what would be stored, or why the row would be rejected. */
function sample(
  plan: ReturnType<typeof planColumns>,
  def: TSurveyDefinition,
  line: number,
  values: readonly string[],
  ctx: TRowContext,
): TResponseImportPreview['sampleRows'][number] {
  const r = readRow(plan, line, values, ctx);
  const answers = plan.answers
    .map((a) => ({ column: a.name, value: (values[a.index] ?? '').trim() }))
    .filter((a) => a.value !== '');
  if (!r.ok)
    return {
      row: line,
      ok: false,
      submittedAt: null,
      channel: null,
      unit: null,
      answers,
      errors: r.errors,
    };
  let errors: TImportRejection[] = [];
  try {
    evaluateAnswers(def, r.row.answers, r.row.status);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const column = columnOfField((e.details as { field?: unknown } | undefined)?.field);
    const i = plan.header.findIndex((h) => h.trim() === column);
    errors = [{ row: line, column, value: i < 0 ? '' : (values[i] ?? ''), reason: reasonOf(e) }];
  }
  return {
    row: line,
    ok: errors.length === 0,
    submittedAt: r.row.submittedAt,
    channel: r.row.channel,
    unit: r.row.unitName,
    answers,
    errors,
  };
}

function toStatus(r: repo.TImportRow): TResponseImportStatus {
  return {
    id: r.id,
    surveyId: r.survey_id,
    fileName: r.file_name,
    status: r.status,
    dryRun: r.dry_run,
    total: r.total,
    processed: r.processed,
    inserted: r.inserted,
    unchanged: r.unchanged,
    rejected: r.rejected,
    error: r.error,
  };
}

export async function status(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  id: string,
): Promise<TResponseImportStatus> {
  const r = await repo.getImport(db, auth.orgId, id);
  if (!r || r.survey_id !== surveyId) throw new AppError('NOT_FOUND');
  return toStatus(r);
}

/** Queues a dry run or the real run as a durable job; the caller polls status(). */
export async function start(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  id: string,
  dryRun: boolean,
): Promise<TResponseImportStatus> {
  await publishedSurvey(db, auth.orgId, surveyId);
  await status(db, auth, surveyId, id);
  return db.transaction(async (tx) => {
    if (!(await repo.markQueued(tx, auth.orgId, id, dryRun)))
      throw new AppError('RESPONSE_IMPORT_NOT_RUNNABLE');
    await audit(tx, auth, {
      action: 'survey_response_import.started',
      entity: 'survey_response_import',
      entityId: id,
      changes: { dryRun },
    });
    // Enqueued in the same transaction as the status change: a queued import always has a job.
    await enqueue(tx, {
      orgId: auth.orgId,
      kind: RESPONSE_IMPORT_JOB,
      payload: { importId: id },
      maxAttempts: 3,
    });
    return status(tx, auth, surveyId, id);
  });
}

export async function rejections(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  id: string,
  limit: number,
) {
  await status(db, auth, surveyId, id);
  return repo.rejectionsPage(db, auth.orgId, id, limit);
}

export async function rejectionsCsv(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  id: string,
): Promise<AsyncGenerator<TImportRejection>> {
  await status(db, auth, surveyId, id);
  return repo.rejectionRows(db, auth.orgId, id);
}

/**
 * Durable: a run interrupted by a crash is claimed again when its lock expires and starts over;
 * rows stored by the first attempt are found under their ids and not stored again.
 */
export function registerResponseImportJob(db: Sql): void {
  registerJob(RESPONSE_IMPORT_JOB, async ({ importId }, ctx) => {
    await execute(db, ctx.orgId, importId, ctx);
    return null;
  });
}

export async function execute(
  db: Sql,
  orgId: string,
  id: string,
  ctx: Pick<JobContext, 'progress' | 'log' | 'lastAttempt'>,
): Promise<void> {
  const job = await repo.fileOf(db, orgId, id);
  if (!job) return;
  const set = (sql: string, params: unknown[] = []) => repo.setProgress(db, orgId, id, sql, params);
  await importRun(
    {
      importId: id,
      set,
      run: ctx,
      expectedMessage: 'response import failed: unusable input',
      failedCode: 'RESPONSE_IMPORT_FAILED',
      onFailed: () => undefined,
    },
    async () => {
      const { version, def } = await publishedSurvey(db, orgId, job.survey_id);
      await repo.clearRejections(db, orgId, id);
      const file = await open(job.file_data, job.file_format, job.file_name);
      const plan = planColumns(def, file.header);
      const rctx = await rowContext(db, orgId, def, file.decimalComma);
      const total = csvRowEstimate(job.file_data, job.file_format);
      await repo.markRunning(db, orgId, id, total);
      const counts = await runImport(db, {
        orgId,
        surveyId: job.survey_id,
        version,
        def,
        plan,
        ctx: rctx,
        batches: file.batches,
        dryRun: job.dry_run,
        importId: id,
        onProgress: async (c) => {
          await ctx.progress({ ...c });
          await repo.recordProgress(db, orgId, id, c);
        },
      });
      // Once stored, the uploaded file (names, e-mails, comments) is not kept: the responses are
      // the record, and erasing a respondent must not leave a copy behind in the import.
      await repo.markDone(db, orgId, id, counts);
      await audit(
        db,
        { orgId, userId: null, email: null },
        {
          action: job.dry_run ? 'survey_response_import.dry_run' : 'survey_response_import.done',
          entity: 'survey_response_import',
          entityId: id,
          changes: { ...counts },
        },
      );
    },
  );
}
