// The customers import on the shared row loop (lib/import/pipeline.ts): validation (rows.ts)
// with unknown units and repeated external ids rejected, then per batch the diff against the
// stored customers (diff.ts) and the upserts (repo-write.ts). Each batch commits in its own
// transaction (progress is visible, memory stays flat); re-running the same file is idempotent
// because only real differences are written.
import type { TCustomField, TImportMapping } from '@fidelia/contracts';
import {
  inBatches,
  runPipeline,
  type TBatch,
  type TPipelineCounts,
  type TRowVerdict,
} from '../../../lib/import/pipeline';
import type { TabularRow } from '../../../lib/tabular';
import type { TSql } from '../sql';
import { DuplicateTracker, diffCustomer } from './diff';
import { insertDrafts, insertRejections, loadByExternalIds, updateChanged } from './repo-write';
import { type TImportDraft, validateRow } from './rows';

export interface TImportCounts {
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface TRunImportOptions {
  header: readonly string[];
  rows: AsyncIterable<TabularRow>;
  mapping: TImportMapping;
  fields: ReadonlyMap<string, TCustomField>;
  /** The org's unit ids; a row naming another unit is rejected (never trusted to the FK). */
  units?: ReadonlySet<string>;
  dryRun: boolean;
  /** When set, rejections are stored for the downloadable report. */
  importId?: string;
  batchSize?: number;
  onProgress?: (counts: TImportCounts) => Promise<void> | void;
}

export function emptyCounts(): TImportCounts {
  return { processed: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
}

export async function runImport(
  db: TSql,
  orgId: string,
  opts: TRunImportOptions,
): Promise<TImportCounts> {
  const written = { inserted: 0, updated: 0, unchanged: 0 };
  const dups = new DuplicateTracker();
  const countsOf = (c: TPipelineCounts): TImportCounts => ({
    processed: c.processed,
    inserted: written.inserted,
    updated: written.updated,
    unchanged: written.unchanged,
    rejected: c.rejected,
  });

  const validate = (row: TabularRow): TRowVerdict<TImportDraft> => {
    const r = validateRow(row.line, opts.header, row.values, opts.mapping, opts.fields);
    if (r.ok && r.draft.unitId && opts.units && !opts.units.has(r.draft.unitId)) {
      const column = Object.entries(opts.mapping).find(([, t]) => t === 'unitId')?.[0] ?? '';
      return {
        ok: false,
        rejections: [{ row: row.line, column, value: r.draft.unitId, reason: 'unknown_unit' }],
      };
    }
    if (!r.ok) return { ok: false, rejections: r.errors };
    const first = dups.check(r.draft.externalId, row.line);
    if (first === null) return { ok: true, value: r.draft };
    return {
      ok: false,
      rejections: [
        {
          row: row.line,
          column: externalIdColumn(opts.mapping),
          value: r.draft.externalId,
          reason: `duplicate_external_id:${first}`,
        },
      ],
    };
  };

  const write = async (batch: TBatch<TImportDraft>) => {
    const stored =
      batch.rows.length === 0
        ? new Map()
        : await loadByExternalIds(
            db,
            orgId,
            batch.rows.map((b) => b.value.externalId),
          );
    const inserts: TImportDraft[] = [];
    const updates: Array<{ id: string; changes: Partial<TImportDraft> }> = [];
    for (const { line, value: draft } of batch.rows) {
      const s = stored.get(draft.externalId);
      if (s?.erased) {
        // An erased customer stays anonymous: importing its id again must not re-identify it.
        batch.reject([
          { row: line, column: '', value: draft.externalId, reason: 'customer_erased' },
        ]);
        continue;
      }
      const d = diffCustomer(draft, s);
      if (d.kind === 'insert') inserts.push(d.draft);
      else if (d.kind === 'update') updates.push({ id: d.id, changes: d.changes });
      else written.unchanged++;
    }
    // A dry run still stores its rejections: the report is what the user previews.
    await db.transaction(async (tx) => {
      if (opts.dryRun) {
        written.inserted += inserts.length;
        written.updated += updates.length;
      } else {
        written.inserted += await insertDrafts(tx, orgId, inserts, opts.importId ?? null);
        written.updated += await updateChanged(tx, orgId, updates, opts.importId ?? null);
      }
      if (opts.importId) await insertRejections(tx, orgId, opts.importId, batch.rejections);
    });
  };

  const counts = await runPipeline({
    batches: inBatches(opts.rows),
    skipBlankRows: true,
    validate,
    batchSize: opts.batchSize ?? 1000,
    write,
    progress: (c) => opts.onProgress?.(countsOf(c)),
  });
  return countsOf(counts);
}

function externalIdColumn(mapping: TImportMapping): string {
  return Object.entries(mapping).find(([, t]) => t === 'externalId')?.[0] ?? '';
}
