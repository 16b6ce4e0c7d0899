// The survey response import on the shared row loop (lib/import/pipeline.ts): rows read by
// rows.ts (repeated respondents rejected), then per batch the customers looked up, the
// submission's own validation, and the stored responses compared. Each
// batch is ONE statement (repo.insertNewResponses: responses and their answers together, ON
// CONFLICT DO NOTHING), so a row is stored whole or not at all, and a crashed run retried from
// the start finds its rows already there under the same ids and stores nothing twice.
import { createHash } from 'node:crypto';
import type { TSurveyDefinition } from '@fidelia/contracts';
import type { Sql } from '../../../db/client';
import { AppError } from '../../../lib/errors';
import {
  runPipeline,
  type TBatch,
  type TPipelineCounts,
  type TRowVerdict,
} from '../../../lib/import/pipeline';
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
  const written = { inserted: 0, unchanged: 0 };
  const countsOf = (c: TPipelineCounts): TImportCounts => ({
    processed: c.processed,
    inserted: written.inserted,
    unchanged: written.unchanged,
    rejected: c.rejected,
  });
  const firstSeen = new Map<string, number>();
  const cellAt = (values: readonly string[], column: string) => {
    const i = o.plan.header.findIndex((h) => h.trim() === column);
    return i < 0 ? '' : (values[i] ?? '');
  };

  const validate = (row: TabularRow): TRowVerdict<TParsedRow> => {
    const r = readRow(o.plan, row.line, row.values, o.ctx);
    if (!r.ok) return { ok: false, rejections: r.errors };
    const first = firstSeen.get(r.row.respondentId);
    if (first !== undefined)
      return {
        ok: false,
        rejections: [
          {
            row: row.line,
            column: o.plan.respondentColumn ?? '',
            value: r.row.respondentId,
            reason: `duplicate_respondent:${first}`,
          },
        ],
      };
    firstSeen.set(r.row.respondentId, row.line);
    return { ok: true, value: r.row };
  };

  const write = async (batch: TBatch<TParsedRow>) => {
    const customers = await idsByExternalIds(db, o.orgId, [
      ...new Set(batch.rows.map((p) => p.value.customerExternalId).filter((x): x is string => !!x)),
    ]);
    const ready: TReady[] = [];
    for (const { line, value: parsed, values } of batch.rows) {
      let customerId: string | null = null;
      if (parsed.customerExternalId) {
        customerId = customers.get(parsed.customerExternalId) ?? null;
        if (!customerId) {
          batch.reject([
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
        batch.reject([{ row: line, column, value: cellAt(values, column), reason: reasonOf(e) }]);
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
        batch.reject([
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
      await repo.insertRejections(tx, o.orgId, o.importId, batch.rejections);
      // Rows this import stored in an attempt that crashed count as its own insertions.
      written.inserted += created + ownEarlier;
      written.unchanged += sameAsStored;
    });
  };

  const counts = await runPipeline({
    batches: o.batches,
    skipBlankRows: true,
    validate,
    batchSize: o.batchSize ?? 500,
    write,
    progress: (c) => o.onProgress?.(countsOf(c)),
  });
  return countsOf(counts);
}
