// Transactions import, the module's surface for it: upload (stored in retention_imports,
// previewed), status and rejections, start (a durable job). The run is import-run.ts (the shared
// row loop), the SQL repo-import.ts, the file handling import-file.ts, the row rules rows.ts.
import type { TTxImportPreview, TTxImportStatus } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue, registerJob } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { tabularFormat } from '../../lib/tabular';
import { isUuid } from '../../lib/uuid';
import { audit } from '../audit/service';
import { normaliseBytes, openFile } from './import-file';
import { runImport } from './import-run';
import * as repo from './repo-import';
import { mapHeader, type TRejection } from './rows';

export { runImport, type TTxImportCounts } from './import-run';

export const TX_IMPORT_JOB = 'retention.import';

export async function upload(
  db: Sql,
  auth: AuthContext,
  fileName: string,
  raw: Uint8Array,
): Promise<TTxImportPreview> {
  const format = tabularFormat(fileName);
  if (!format) throw new AppError('TX_IMPORT_FORMAT');
  if (raw.length === 0) throw new AppError('TX_IMPORT_EMPTY');
  const bytes = normaliseBytes(raw, format);
  const file = await openFile(bytes, format, fileName);
  if (file.header.length === 0 || file.header.every((h) => h === ''))
    throw new AppError('TX_IMPORT_EMPTY');
  const sampleRows: string[][] = [];
  try {
    for await (const r of file.rows) {
      sampleRows.push(r.values);
      if (sampleRows.length >= 5) break;
    }
  } catch {
    throw new AppError('TX_IMPORT_UNREADABLE');
  }
  const { mapping, missing } = mapHeader(file.header);
  const id = await repo.insertUpload(db, auth.orgId, {
    fileName,
    format,
    bytes,
    headers: file.header,
    mapping,
    createdBy: auth.userId,
  });
  await audit(db, auth, {
    action: 'transaction_import.uploaded',
    entity: 'transaction_import',
    entityId: id,
    changes: { fileName },
  });
  return { id, fileName, headers: file.header, sampleRows, mapping, missing };
}

export async function status(db: Sql, orgId: string, id: string): Promise<TTxImportStatus> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  const r = await repo.importRow(db, orgId, id);
  if (!r) throw new AppError('NOT_FOUND');
  const rejections = await repo.rejections(db, orgId, id, 100);
  const { file_name, ...rest } = r;
  return { ...rest, fileName: file_name, rejections };
}

export async function listImports(db: Sql, orgId: string): Promise<TTxImportStatus[]> {
  const ids = await repo.recentImportIds(db, orgId, 10);
  return Promise.all(ids.map((id) => status(db, orgId, id)));
}

export async function rejectionRows(db: Sql, orgId: string, id: string): Promise<TRejection[]> {
  await status(db, orgId, id);
  return repo.rejections(db, orgId, id, null);
}

export async function start(db: Sql, auth: AuthContext, id: string) {
  await status(db, auth.orgId, id);
  const mapping = await repo.claimUploaded(db, auth.orgId, id);
  if (!mapping) throw new AppError('TX_IMPORT_NOT_RUNNABLE');
  const cols = new Set(Object.values(mapping));
  if (!cols.has('customerId') || !cols.has('date') || !cols.has('amount')) {
    await repo.backToUploaded(db, auth.orgId, id);
    throw new AppError('TX_IMPORT_COLUMNS');
  }
  await enqueue(db, {
    orgId: auth.orgId,
    kind: TX_IMPORT_JOB,
    payload: { importId: id },
    maxAttempts: 2,
  });
  await audit(db, auth, {
    action: 'transaction_import.started',
    entity: 'transaction_import',
    entityId: id,
  });
  return { id, status: 'queued' as const };
}

export function registerTxImportJob(db: Sql): void {
  registerJob(TX_IMPORT_JOB, async ({ importId }, ctx) => {
    return runImport(db, ctx.orgId, importId, (p) => ctx.progress(p), ctx);
  });
}
