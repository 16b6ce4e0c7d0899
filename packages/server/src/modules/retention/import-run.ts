// The transactions import run on the shared row loop (lib/import/pipeline.ts): rows.ts validates
// (dates, amounts, types, derived ids, repeats in the file), an external customer id the
// registry does not know is rejected, zero amounts are kept with a warning; each batch of 2,000
// is one upsert (repo-import.ts) with insert/update/unchanged counts, then its rejections.
// Idempotent: re-running writes only differences.
import type { Sql } from '../../db/client';
import type { JobContext } from '../../jobs/queue';
import { runPipeline, type TBatch, type TRowVerdict } from '../../lib/import/pipeline';
import { importRun } from '../../lib/import/run';
import type { TabularRow } from '../../lib/tabular';
import { audit } from '../audit/service';
import { openFile } from './import-file';
import * as repo from './repo-import';
import {
  columnIndex,
  dayToIso,
  type TRejection,
  type TRowContext,
  type TTxRow,
  todayDay,
  validateRow,
} from './rows';
import { getSettings } from './settings';

const BATCH = 2000;

export interface TTxImportCounts {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warned: number;
}

type TAcceptedTx = TTxRow & { customerId: string };

/** Runs an uploaded import (idempotent: re-running writes only differences). */
export async function runImport(
  db: Sql,
  orgId: string,
  id: string,
  progress: (p: Record<string, unknown>) => Promise<void> = async () => {},
  run?: Pick<JobContext, 'log' | 'lastAttempt'>,
): Promise<TTxImportCounts | null> {
  const job = await repo.fileOf(db, orgId, id);
  if (!job) return null;
  const set = (sql: string, params: unknown[] = []) => repo.setImport(db, orgId, id, sql, params);
  const counts: TTxImportCounts = {
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
      await repo.clearRejections(db, orgId, id);
      const settings = await getSettings(db, orgId);
      const customers = await repo.customerIdsByExternalId(db, orgId);
      const file = await openFile(job.file_data, job.file_format, job.file_name);
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

      const validate = (r: TabularRow): TRowVerdict<TAcceptedTx> => {
        const v = validateRow(r.values, r.line, idx, ctx);
        if ('rejection' in v) return { ok: false, rejections: [v.rejection] };
        const customerId = customers.get(v.row.customerExternalId);
        if (!customerId)
          return {
            ok: false,
            rejections: [
              {
                row: r.line,
                column: 'customerId',
                value: v.row.customerExternalId,
                reason: 'unknown_customer',
              },
            ],
          };
        if (v.row.warning) {
          counts.warned++;
          if (warnings.length < 100)
            warnings.push({ row: r.line, column: 'amount', value: '0', reason: v.row.warning });
        }
        return { ok: true, value: { ...v.row, customerId } };
      };

      const write = async (batch: TBatch<TAcceptedTx>) => {
        if (batch.rows.length) {
          const good = batch.rows.map(({ value: x }) => ({
            externalId: x.externalId,
            customerId: x.customerId,
            date: dayToIso(x.day),
            amount: x.amount.toFixed(2),
            currency: x.currency,
            type: x.type,
            units: x.units,
          }));
          const r = await repo.upsertBatch(db, orgId, id, good);
          counts.inserted += r.inserted;
          counts.updated += r.updated;
          counts.unchanged += good.length - r.inserted - r.updated;
        }
        await repo.insertRejections(db, orgId, id, batch.rejections);
      };

      await runPipeline({
        batches: file.batches,
        skipBlankRows: false,
        validate,
        batchSize: BATCH,
        write,
        progress: async (c) => {
          counts.total = c.processed;
          counts.rejected = c.rejected;
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
        },
      });
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
