// Customer imports: upload (stored in the database, previewed), run in the background with
// progress in customer_imports, rejection report. The file lives in the row, so a run can be
// retried after a restart.
import type { TImportMapping, TImportPreview, TImportStatus } from '@fidelia/contracts';
import type { Sql } from '../../../db/client';
import { enqueue, type JobContext, registerJob } from '../../../jobs/queue';
import type { AuthContext } from '../../../lib/access';
import { AppError, registerErrors } from '../../../lib/errors';
import { csvRowEstimate, importRun } from '../../../lib/import/run';
import { openTabularBytes, type TabularFile, tabularFormat } from '../../../lib/tabular';
import { audit } from '../../audit/service';
import { unitScope } from '../../orgs/service';
import { listFields } from '../repo-write';
import { runImport } from './engine';
import { suggestMapping } from './mapping';
import * as sql from './repo';
import { checkMapping } from './rows';

registerErrors({
  IMPORT_EMPTY: {
    status: 400,
    es: 'El archivo está vacío o no tiene cabecera.',
    en: 'The file is empty or has no header.',
  },
  IMPORT_UNREADABLE: {
    status: 400,
    es: 'No se puede leer el archivo.',
    en: 'The file cannot be read.',
  },
  IMPORT_FORMAT: {
    status: 415,
    es: 'Sube un archivo .csv o .xlsx.',
    en: 'Upload a .csv or .xlsx file.',
  },
  IMPORT_MAPPING_INVALID: {
    status: 400,
    es: 'La asignación de columnas no es válida (falta el identificador externo o hay destinos repetidos).',
    en: 'Invalid column mapping (external id missing or targets repeated).',
  },
  IMPORT_NOT_RUNNABLE: {
    status: 409,
    es: 'Esta importación ya se ha lanzado.',
    en: 'This import was already started.',
  },
  IMPORT_SCOPED_USER: {
    status: 403,
    es: 'Las importaciones requieren acceso a toda la organización.',
    en: 'Imports need organisation-wide access.',
  },
});

function open(bytes: Uint8Array, format: 'csv' | 'xlsx', name: string): Promise<TabularFile> {
  return openTabularBytes(bytes, format, name).catch(() => {
    throw new AppError('IMPORT_UNREADABLE');
  });
}

export async function upload(
  db: Sql,
  auth: AuthContext,
  fileName: string,
  bytes: Uint8Array,
): Promise<TImportPreview> {
  if ((await unitScope(db, auth)) !== null) throw new AppError('IMPORT_SCOPED_USER');
  const format = tabularFormat(fileName);
  if (!format) throw new AppError('IMPORT_FORMAT');
  if (bytes.length === 0) throw new AppError('IMPORT_EMPTY');
  const file = await open(bytes, format, fileName);
  if (file.header.length === 0 || file.header.every((h) => h === ''))
    throw new AppError('IMPORT_EMPTY');
  const sampleRows: string[][] = [];
  try {
    for await (const r of file.rows) {
      sampleRows.push(r.values);
      if (sampleRows.length >= 5) break;
    }
  } catch {
    throw new AppError('IMPORT_UNREADABLE');
  }
  const fields = await listFields(db, auth.orgId);
  const id = await sql.insertImport(db, auth.orgId, {
    fileName,
    format,
    bytes,
    encoding: file.encoding,
    headers: file.header,
    warnings: file.warnings,
    createdBy: auth.userId,
  });
  await audit(db, auth, {
    action: 'customer_import.uploaded',
    entity: 'customer_import',
    entityId: id,
    changes: { fileName },
  });
  return {
    id,
    fileName,
    encoding: file.encoding,
    warnings: file.warnings,
    headers: file.header,
    sampleRows,
    suggestedMapping: suggestMapping(file.header, fields),
  };
}

export async function status(db: Sql, auth: AuthContext, id: string): Promise<TImportStatus> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
  const r = await sql.getImportStatus(db, auth.orgId, id);
  if (!r) throw new AppError('NOT_FOUND');
  const { dry_run, ...rest } = r;
  return { ...rest, dryRun: dry_run };
}

/** Queues the run as a durable job (jobs table); the caller polls status(). */
export async function start(
  db: Sql,
  auth: AuthContext,
  id: string,
  mapping: TImportMapping,
  dryRun: boolean,
): Promise<{ id: string; status: 'queued' }> {
  await status(db, auth, id);
  const job = await sql.queueImport(db, auth.orgId, id, mapping, dryRun);
  if (!job) throw new AppError('IMPORT_NOT_RUNNABLE');
  const problems = [
    ...checkMapping(mapping),
    ...Object.keys(mapping)
      .filter((h) => !job.headers.includes(h))
      .map((h) => `unknown_header:${h}`),
  ];
  if (problems.length > 0) {
    await sql.unqueueImport(db, auth.orgId, id);
    throw new AppError('IMPORT_MAPPING_INVALID', { problems });
  }
  await audit(db, auth, {
    action: 'customer_import.started',
    entity: 'customer_import',
    entityId: id,
    changes: { dryRun },
  });
  await enqueue(db, {
    orgId: auth.orgId,
    kind: IMPORT_JOB,
    payload: { importId: id },
    maxAttempts: 2,
  });
  return { id, status: 'queued' };
}

export const IMPORT_JOB = 'customer-import';

/**
 * Durable: a run interrupted by a restart is claimed again when its lock expires, and re-running
 * is safe because the upsert only writes differences. Registered by the routes plugin with the
 * app's database (job handlers get no handle of their own).
 */
export function registerImportJob(db: Sql): void {
  registerJob(IMPORT_JOB, async ({ importId }, ctx) => {
    const job = await sql.importJob(db, ctx.orgId, importId);
    if (!job) return null;
    await execute(db, ctx.orgId, importId, job, job.mapping, job.dry_run, ctx);
    return null;
  });
}

async function execute(
  db: Sql,
  orgId: string,
  id: string,
  job: { file_data: Uint8Array; file_format: 'csv' | 'xlsx'; file_name: string },
  mapping: TImportMapping,
  dryRun: boolean,
  ctx: Pick<JobContext, 'progress' | 'log' | 'lastAttempt'>,
): Promise<void> {
  const heartbeat = ctx.progress;
  const set = sql.importSetter(db, orgId, id);
  await importRun(
    {
      importId: id,
      set,
      run: ctx,
      expectedMessage: 'customer import failed: unusable file',
      failedCode: 'IMPORT_FAILED',
      onFailed: () => undefined,
    },
    async () => {
      await sql.clearRejections(db, orgId, id);
      const file = await open(job.file_data, job.file_format, job.file_name);
      const fields = new Map((await listFields(db, orgId)).map((f) => [f.key, f]));
      const units = await sql.orgUnitIds(db, orgId);
      const total = csvRowEstimate(job.file_data, job.file_format);
      await sql.markRunning(set, total);
      const counts = await runImport(db, orgId, {
        header: file.header,
        rows: file.rows,
        mapping,
        fields,
        units,
        dryRun,
        importId: id,
        onProgress: async (c) => {
          await heartbeat({ ...c });
          await sql.recordProgress(set, c);
        },
      });
      await sql.markDone(set, counts);
      await audit(
        db,
        { orgId, userId: null, email: null },
        {
          action: dryRun ? 'customer_import.dry_run' : 'customer_import.done',
          entity: 'customer_import',
          entityId: id,
          changes: { ...counts },
        },
      );
    },
  );
}
