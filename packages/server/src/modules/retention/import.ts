// Transactions import: upload (stored in retention_imports, previewed), run as a durable job,
// upsert on the transaction id in batches, per-row rejections with reasons.
import type { TTxColumn, TTxImportPreview, TTxImportStatus } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue, type JobContext, registerJob } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { importRun } from '../../lib/import/run';
import { openTabularBytes, type TabularFile, tabularFormat } from '../../lib/tabular';
import { audit } from '../audit/service';
import {
  cdnowTextToCsv,
  columnIndex,
  dayToIso,
  mapHeader,
  type TRejection,
  type TRowContext,
  type TTxRow,
  todayDay,
  validateRow,
} from './rows';
import { getSettings } from './settings';

registerErrors({
  TX_IMPORT_FORMAT: {
    status: 415,
    es: 'Sube un archivo .csv, .txt o .xlsx.',
    en: 'Upload a .csv, .txt or .xlsx file.',
  },
  TX_IMPORT_EMPTY: {
    status: 400,
    es: 'El archivo está vacío o no tiene cabecera.',
    en: 'The file is empty or has no header.',
  },
  TX_IMPORT_UNREADABLE: {
    status: 400,
    es: 'No se puede leer el archivo.',
    en: 'The file cannot be read.',
  },
  TX_IMPORT_COLUMNS: {
    status: 400,
    es: 'Faltan columnas obligatorias: cliente, fecha e importe.',
    en: 'Required columns are missing: customer, date and amount.',
  },
  TX_IMPORT_NOT_RUNNABLE: {
    status: 409,
    es: 'Esta importación ya se ha lanzado.',
    en: 'This import was already started.',
  },
});

export const TX_IMPORT_JOB = 'retention.import';
const BATCH = 2000;

/** Whitespace CDNOW text is converted to CSV once, at upload. */
function normaliseBytes(bytes: Uint8Array, format: 'csv' | 'xlsx'): Uint8Array {
  if (format !== 'csv') return bytes;
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (/[,;\t]/.test(firstLine)) return bytes;
  const csv = cdnowTextToCsv(Buffer.from(bytes).toString('utf8'));
  return csv ? Buffer.from(csv) : bytes;
}

function open(bytes: Uint8Array, format: 'csv' | 'xlsx', name: string): Promise<TabularFile> {
  return openTabularBytes(bytes, format, name).catch(() => {
    throw new AppError('TX_IMPORT_UNREADABLE');
  });
}

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
  const file = await open(bytes, format, fileName);
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
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO retention_imports (org_id, file_name, file_format, file_data, headers, mapping, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING id`,
    [
      auth.orgId,
      fileName,
      format,
      Buffer.from(bytes),
      JSON.stringify(file.header),
      JSON.stringify(mapping),
      auth.userId,
    ],
  );
  const id = rows[0]?.id ?? '';
  await audit(db, auth, {
    action: 'transaction_import.uploaded',
    entity: 'transaction_import',
    entityId: id,
    changes: { fileName },
  });
  return { id, fileName, headers: file.header, sampleRows, mapping, missing };
}

export async function status(db: Sql, orgId: string, id: string): Promise<TTxImportStatus> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
  const { rows } = await db.query<{
    id: string;
    file_name: string;
    status: TTxImportStatus['status'];
    total: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    warned: number;
    warnings: TRejection[];
    error: string | null;
  }>(
    `SELECT id, file_name, status, total, inserted, updated, unchanged, rejected, warned, warnings, error
       FROM retention_imports WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND');
  const rej = await db.query<TRejection>(
    `SELECT row_no AS row, column_name AS column, value, reason FROM retention_import_rejections
      WHERE org_id = $1 AND import_id = $2 ORDER BY row_no LIMIT 100`,
    [orgId, id],
  );
  const { file_name, ...rest } = r;
  return { ...rest, fileName: file_name, rejections: rej.rows };
}

export async function listImports(db: Sql, orgId: string): Promise<TTxImportStatus[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM retention_imports WHERE org_id = $1 ORDER BY created_at DESC LIMIT 10',
    [orgId],
  );
  return Promise.all(rows.map((r) => status(db, orgId, r.id)));
}

export async function rejectionRows(db: Sql, orgId: string, id: string): Promise<TRejection[]> {
  await status(db, orgId, id);
  const { rows } = await db.query<TRejection>(
    `SELECT row_no AS row, column_name AS column, value, reason FROM retention_import_rejections
      WHERE org_id = $1 AND import_id = $2 ORDER BY row_no`,
    [orgId, id],
  );
  return rows;
}

export async function start(db: Sql, auth: AuthContext, id: string) {
  await status(db, auth.orgId, id);
  const { rows } = await db.query<{ mapping: Record<string, TTxColumn> }>(
    `UPDATE retention_imports SET status = 'queued'
      WHERE org_id = $1 AND id = $2 AND status = 'uploaded' RETURNING mapping`,
    [auth.orgId, id],
  );
  const job = rows[0];
  if (!job) throw new AppError('TX_IMPORT_NOT_RUNNABLE');
  const cols = new Set(Object.values(job.mapping));
  if (!cols.has('customerId') || !cols.has('date') || !cols.has('amount')) {
    await db.query(
      `UPDATE retention_imports SET status = 'uploaded' WHERE org_id = $1 AND id = $2`,
      [auth.orgId, id],
    );
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

interface TCounts {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warned: number;
}

/** Runs an uploaded import (idempotent: re-running writes only differences). */
export async function runImport(
  db: Sql,
  orgId: string,
  id: string,
  progress: (p: Record<string, unknown>) => Promise<void> = async () => {},
  run?: Pick<JobContext, 'log' | 'lastAttempt'>,
): Promise<TCounts | null> {
  const { rows } = await db.query<{
    file_data: Uint8Array;
    file_format: 'csv' | 'xlsx';
    file_name: string;
    mapping: Record<string, TTxColumn>;
  }>(
    'SELECT file_data, file_format, file_name, mapping FROM retention_imports WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  const job = rows[0];
  if (!job) return null;
  const set = (sql: string, params: unknown[] = []) =>
    db.query(`UPDATE retention_imports SET ${sql} WHERE org_id = $1 AND id = $2`, [
      orgId,
      id,
      ...params,
    ]);
  const counts: TCounts = {
    total: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    warned: 0,
  };
  const warnings: TRejection[] = [];
  return importRun(
    {
      importId: id,
      set,
      run,
      expectedMessage: 'transaction import failed: unusable file',
      failedCode: 'TX_IMPORT_FAILED',
      onFailed: () => counts,
    },
    async () => {
      await set(`status = 'running'`);
      await db.query(
        'DELETE FROM retention_import_rejections WHERE org_id = $1 AND import_id = $2',
        [orgId, id],
      );
      const settings = await getSettings(db, orgId);
      const customers = new Map<string, string>();
      const cr = await db.query<{ id: string; external_id: string }>(
        `SELECT id, external_id FROM pub_customers
        WHERE org_id = $1 AND external_id IS NOT NULL AND status <> 'erased'`,
        [orgId],
      );
      for (const c of cr.rows) customers.set(c.external_id, c.id);
      const file = await open(job.file_data, job.file_format, job.file_name);
      const idx = columnIndex(file.header, job.mapping);
      const ctx: TRowContext = {
        mapping: job.mapping,
        header: file.header,
        decimalComma: file.decimalComma,
        defaultCurrency: settings.currency,
        today: todayDay(),
        occurrences: new Map(),
        seen: new Set(),
      };
      let good: Array<TTxRow & { customerId: string }> = [];
      let bad: TRejection[] = [];
      const flush = async () => {
        if (good.length) {
          const r = await upsertBatch(db, orgId, id, good);
          counts.inserted += r.inserted;
          counts.updated += r.updated;
          counts.unchanged += good.length - r.inserted - r.updated;
        }
        if (bad.length) await insertRejections(db, orgId, id, bad);
        counts.rejected += bad.length;
        good = [];
        bad = [];
        await progress({ ...counts });
        await set(
          'total = $3, inserted = $4, updated = $5, unchanged = $6, rejected = $7, warned = $8, warnings = $9::jsonb',
          [
            counts.total,
            counts.inserted,
            counts.updated,
            counts.unchanged,
            counts.rejected,
            counts.warned,
            JSON.stringify(warnings),
          ],
        );
      };
      for await (const batch of file.batches) {
        for (const r of batch) {
          counts.total++;
          const v = validateRow(r.values, r.line, idx, ctx);
          if ('rejection' in v) {
            bad.push(v.rejection);
            continue;
          }
          const customerId = customers.get(v.row.customerExternalId);
          if (!customerId) {
            bad.push({
              row: r.line,
              column: 'customerId',
              value: v.row.customerExternalId,
              reason: 'unknown_customer',
            });
            continue;
          }
          if (v.row.warning) {
            counts.warned++;
            if (warnings.length < 100)
              warnings.push({ row: r.line, column: 'amount', value: '0', reason: v.row.warning });
          }
          good.push({ ...v.row, customerId });
          if (good.length >= BATCH) await flush();
        }
      }
      await flush();
      await set(`status = 'done', finished_at = now()`);
      await audit(
        db,
        { orgId, userId: null, email: null },
        {
          action: 'transaction_import.done',
          entity: 'transaction_import',
          entityId: id,
          changes: { ...counts },
        },
      );
      return counts;
    },
  );
}

/** One statement per batch; `xmax = 0` tells an insert from an update; unchanged rows are
 *  filtered by the WHERE of DO UPDATE and not returned. */
async function upsertBatch(
  db: Sql,
  orgId: string,
  importId: string,
  rows: Array<TTxRow & { customerId: string }>,
): Promise<{ inserted: number; updated: number }> {
  const r = await db.query<{ inserted: boolean }>(
    `INSERT INTO retention_transactions
       (org_id, external_id, customer_id, occurred_on, amount, currency, type, units, import_id)
     SELECT $1, e, c, d::date, a, cur, ty, u, $2
       FROM unnest($3::text[], $4::uuid[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::int[])
         AS t(e, c, d, a, cur, ty, u)
     ON CONFLICT (org_id, external_id) DO UPDATE SET
       customer_id = EXCLUDED.customer_id, occurred_on = EXCLUDED.occurred_on,
       amount = EXCLUDED.amount, currency = EXCLUDED.currency, type = EXCLUDED.type,
       units = EXCLUDED.units, import_id = EXCLUDED.import_id, updated_at = now()
     WHERE (retention_transactions.customer_id, retention_transactions.occurred_on,
            retention_transactions.amount, retention_transactions.currency,
            retention_transactions.type, retention_transactions.units)
       IS DISTINCT FROM (EXCLUDED.customer_id, EXCLUDED.occurred_on, EXCLUDED.amount,
            EXCLUDED.currency, EXCLUDED.type, EXCLUDED.units)
     RETURNING (xmax = 0) AS inserted`,
    [
      orgId,
      importId,
      rows.map((x) => x.externalId),
      rows.map((x) => x.customerId),
      rows.map((x) => dayToIso(x.day)),
      rows.map((x) => x.amount.toFixed(2)),
      rows.map((x) => x.currency),
      rows.map((x) => x.type),
      rows.map((x) => x.units),
    ],
  );
  const inserted = r.rows.filter((x) => x.inserted).length;
  return { inserted, updated: r.rows.length - inserted };
}

async function insertRejections(db: Sql, orgId: string, importId: string, rows: TRejection[]) {
  await db.query(
    `INSERT INTO retention_import_rejections (org_id, import_id, row_no, column_name, value, reason)
     SELECT $1, $2, r, c, v, re FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS t(r, c, v, re)`,
    [
      orgId,
      importId,
      rows.map((x) => x.row),
      rows.map((x) => x.column),
      rows.map((x) => x.value.slice(0, 200)),
      rows.map((x) => x.reason),
    ],
  );
}
