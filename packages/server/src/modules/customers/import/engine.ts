// Streams an import file through validation, diffing and batched upserts. Each batch commits
// in its own transaction (progress is visible, memory stays flat); re-running the same file is
// idempotent because only real differences are written.
import type { TCustomField, TImportMapping, TImportRejection } from '@fidelia/contracts';
import type { TabularRow } from '../../../lib/tabular';
import type { TSql } from '../sql';
import { DuplicateTracker, diffCustomer } from './diff';
import { type TImportDraft, validateRow } from './rows';
import { insertDrafts, insertRejections, loadByExternalIds, updateChanged } from './write';

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
  const counts = emptyCounts();
  const dups = new DuplicateTracker();
  const batchSize = opts.batchSize ?? 1000;
  let batch: Array<{ rowNo: number; draft: TImportDraft }> = [];
  let rejections: TImportRejection[] = [];

  const flush = async () => {
    const stored =
      batch.length === 0
        ? new Map()
        : await loadByExternalIds(
            db,
            orgId,
            batch.map((b) => b.draft.externalId),
          );
    const inserts: TImportDraft[] = [];
    const updates: Array<{ id: string; changes: Partial<TImportDraft> }> = [];
    for (const { rowNo, draft } of batch) {
      const s = stored.get(draft.externalId);
      if (s?.erased) {
        // An erased customer stays anonymous: importing its id again must not re-identify it.
        rejections.push({
          row: rowNo,
          column: '',
          value: draft.externalId,
          reason: 'customer_erased',
        });
        counts.rejected++;
        continue;
      }
      const d = diffCustomer(draft, s);
      if (d.kind === 'insert') inserts.push(d.draft);
      else if (d.kind === 'update') updates.push({ id: d.id, changes: d.changes });
      else counts.unchanged++;
    }
    const pending = rejections;
    rejections = [];
    // A dry run still stores its rejections: the report is what the user previews.
    await db.transaction(async (tx) => {
      if (opts.dryRun) {
        counts.inserted += inserts.length;
        counts.updated += updates.length;
      } else {
        counts.inserted += await insertDrafts(tx, orgId, inserts, opts.importId ?? null);
        counts.updated += await updateChanged(tx, orgId, updates, opts.importId ?? null);
      }
      if (opts.importId) await insertRejections(tx, orgId, opts.importId, pending);
    });
    batch = [];
    await opts.onProgress?.({ ...counts });
    // PGlite runs in this thread and its promises settle as microtasks, so without this the
    // whole import would starve HTTP requests until the next file chunk is read (seconds).
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  for await (const row of opts.rows) {
    // Blank lines (e.g. trailing ones from spreadsheets) are not rows.
    if (row.values.every((v) => v.trim() === '')) continue;
    counts.processed++;
    const r = validateRow(row.line, opts.header, row.values, opts.mapping, opts.fields);
    if (r.ok && r.draft.unitId && opts.units && !opts.units.has(r.draft.unitId)) {
      const column = Object.entries(opts.mapping).find(([, t]) => t === 'unitId')?.[0] ?? '';
      rejections.push({ row: row.line, column, value: r.draft.unitId, reason: 'unknown_unit' });
      counts.rejected++;
    } else if (!r.ok) {
      rejections.push(...r.errors);
      counts.rejected++;
    } else {
      const first = dups.check(r.draft.externalId, row.line);
      if (first !== null) {
        rejections.push({
          row: row.line,
          column: externalIdColumn(opts.mapping),
          value: r.draft.externalId,
          reason: `duplicate_external_id:${first}`,
        });
        counts.rejected++;
      } else batch.push({ rowNo: row.line, draft: r.draft });
    }
    if (batch.length >= batchSize || rejections.length >= batchSize) await flush();
  }
  await flush();
  return counts;
}

function externalIdColumn(mapping: TImportMapping): string {
  return Object.entries(mapping).find(([, t]) => t === 'externalId')?.[0] ?? '';
}
