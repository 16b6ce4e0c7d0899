// Streams an import file through the submission's validation and stores it in batches. Each
// batch is ONE statement (repo.insertNewResponses: responses and their answers together, ON
// CONFLICT DO NOTHING), so a row is stored whole or not at all, and a crashed run retried from
// the start finds its rows already there under the same ids and stores nothing twice.
import { createHash } from 'node:crypto';
import type { TImportRejection, TSurveyDefinition } from '@fidelia/contracts';
import type { Sql } from '../../../db/client';
import { AppError } from '../../../lib/errors';
import type { TabularRow } from '../../../lib/tabular';
import { idsByExternalIds } from '../../customers/service';
import { evaluateAnswers } from '../answers';
import { hashJson } from '../definition';
import * as surveyRepo from '../repo';
import * as repo from './repo';
import {
  columnOfField,
  readRow,
  type TColumnPlan,
  type TParsedRow,
  type TRowContext,
} from './rows';

export interface TImportCounts {
  processed: number;
  inserted: number;
  unchanged: number;
  rejected: number;
}

/**
 * The stored response id of a respondent: a name-based (version 5) UUID in the survey's id as
 * namespace, so the same respondent of the same survey always lands on the same row.
 */
export function responseIdFor(surveyId: string, respondentId: string): string {
  const ns = Buffer.from(surveyId.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(respondentId, 'utf8').digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The message part of a validation error, as stored in the rejection's reason. */
export function reasonOf(e: AppError): string {
  const d = (e.details ?? {}) as { reason?: unknown };
  switch (e.code) {
    case 'SURVEY_ANSWER_INVALID':
      return `invalid:${typeof d.reason === 'string' ? d.reason : ''}`;
    case 'SURVEY_ANSWER_REQUIRED':
      return 'required';
    case 'SURVEY_ANSWER_HIDDEN':
      return 'hidden';
    case 'SURVEY_CONSTANT_SUM':
      return 'constant_sum';
    case 'SURVEY_ANSWER_UNKNOWN':
      return 'unknown_question';
    default:
      return e.code.toLowerCase();
  }
}

export interface TRunOptions {
  orgId: string;
  surveyId: string;
  version: number;
  def: TSurveyDefinition;
  plan: TColumnPlan;
  ctx: TRowContext;
  batches: AsyncIterable<TabularRow[]>;
  dryRun: boolean;
  importId: string;
  batchSize?: number;
  onProgress?: (c: TImportCounts) => Promise<void>;
}

interface TReady {
  line: number;
  parsed: TParsedRow;
  item: surveyRepo.TNewResponse;
}

export async function runImport(db: Sql, o: TRunOptions): Promise<TImportCounts> {
  const counts: TImportCounts = { processed: 0, inserted: 0, unchanged: 0, rejected: 0 };
  const firstSeen = new Map<string, number>();
  const batchSize = o.batchSize ?? 500;
  let pending: Array<{ line: number; parsed: TParsedRow }> = [];
  let rejections: TImportRejection[] = [];
  let rejectedRows = 0;
  const reject = (rs: TImportRejection[]) => {
    rejections.push(...rs);
    rejectedRows++;
  };
  const cellAt = (values: readonly string[], column: string) => {
    const i = o.plan.header.findIndex((h) => h.trim() === column);
    return i < 0 ? '' : (values[i] ?? '');
  };
  const valuesByLine = new Map<number, readonly string[]>();

  const flush = async () => {
    const customers = await idsByExternalIds(db, o.orgId, [
      ...new Set(pending.map((p) => p.parsed.customerExternalId).filter((x): x is string => !!x)),
    ]);
    const ready: TReady[] = [];
    for (const { line, parsed } of pending) {
      const values = valuesByLine.get(line) ?? [];
      let customerId: string | null = null;
      if (parsed.customerExternalId) {
        customerId = customers.get(parsed.customerExternalId) ?? null;
        if (!customerId) {
          reject([
            {
              row: line,
              column: 'customer_external_id',
              value: parsed.customerExternalId,
              reason: 'unknown_customer',
            },
          ]);
          continue;
        }
      }
      let rows: ReturnType<typeof evaluateAnswers>;
      try {
        rows = evaluateAnswers(o.def, parsed.answers, parsed.status);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const column = columnOfField((e.details as { field?: unknown } | undefined)?.field);
        reject([{ row: line, column, value: cellAt(values, column), reason: reasonOf(e) }]);
        continue;
      }
      const id = responseIdFor(o.surveyId, parsed.respondentId);
      // The same fields as a submission's hash (submit.ts), so an API replay of the same
      // response matches the imported one.
      const bodyHash = hashJson({
        status: parsed.status,
        answers: parsed.answers,
        version: o.version,
        customerId,
      });
      ready.push({
        line,
        parsed,
        item: {
          orgId: o.orgId,
          softDuplicate: false,
          rows,
          values: {
            id,
            surveyId: o.surveyId,
            version: o.version,
            status: parsed.status,
            channel: parsed.channel,
            language: parsed.language,
            customerId,
            orgUnitId: parsed.unitId,
            enteredBy: null,
            invitationId: null,
            deviceKey: null,
            duplicateOf: null,
            raw: {
              answers: parsed.answers,
              importId: o.importId,
              respondentId: parsed.respondentId,
              row: line,
            },
            bodyHash,
            page: null,
            startedAt: parsed.startedAt,
            submittedAt: parsed.submittedAt,
          },
        },
      });
    }
    const stored = await repo.storedResponses(
      db,
      o.orgId,
      ready.map((r) => r.item.values.id),
    );
    const toInsert: TReady[] = [];
    let sameAsStored = 0;
    let ownEarlier = 0;
    for (const r of ready) {
      const s = stored.get(r.item.values.id);
      if (!s) toInsert.push(r);
      else if (s.bodyHash !== r.item.values.bodyHash || s.surveyId !== o.surveyId) {
        // Imported before with other answers: the stored response stays as it was.
        reject([
          {
            row: r.line,
            column: o.plan.respondentColumn ?? '',
            value: r.parsed.respondentId,
            reason: 'respondent_already_imported_differently',
          },
        ]);
      } else if (s.importId === o.importId) ownEarlier++;
      else sameAsStored++;
    }
    const batchRejections = rejections;
    rejections = [];
    await db.transaction(async (tx) => {
      let created = toInsert.length;
      if (!o.dryRun && toInsert.length > 0) {
        const keys = await surveyRepo.insertNewResponses(
          tx,
          toInsert.map((r) => r.item),
        );
        created = keys.size;
        // A concurrent run of the same file stored the others meanwhile.
        sameAsStored += toInsert.length - keys.size;
      }
      // Rows this import stored in an attempt that crashed count as its own insertions.
      counts.inserted += created + ownEarlier;
      counts.unchanged += sameAsStored;
      counts.rejected += rejectedRows;
      rejectedRows = 0;
      await repo.insertRejections(tx, o.orgId, o.importId, batchRejections);
    });
    pending = [];
    valuesByLine.clear();
    await o.onProgress?.({ ...counts });
    // PGlite runs in this thread and settles its promises as microtasks: yield to the event loop
    // so HTTP requests (the progress bar polling) are served while a large import runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  for await (const batch of o.batches) {
    for (const row of batch) {
      if (row.values.every((v) => v.trim() === '')) continue;
      counts.processed++;
      const r = readRow(o.plan, row.line, row.values, o.ctx);
      if (!r.ok) {
        reject(r.errors);
      } else {
        const first = firstSeen.get(r.row.respondentId);
        if (first !== undefined) {
          reject([
            {
              row: row.line,
              column: o.plan.respondentColumn ?? '',
              value: r.row.respondentId,
              reason: `duplicate_respondent:${first}`,
            },
          ]);
        } else {
          firstSeen.set(r.row.respondentId, row.line);
          pending.push({ line: row.line, parsed: r.row });
          valuesByLine.set(row.line, row.values);
        }
      }
      if (pending.length >= batchSize || rejections.length >= batchSize) await flush();
    }
  }
  await flush();
  return counts;
}
