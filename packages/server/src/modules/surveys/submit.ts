// Storing a response (every channel): validation against the version's definition, idempotency
// on the client id, closing rules and quota, duplicate-respondent rule, and — in the same
// transaction — the long answers, the `survey.followup` job and webhook deliveries.
import type { TAnswers, TSurveyDefinition, TSurveyLanguage } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import { AppError, registerErrors } from '../../lib/errors';
import { evaluateAnswers, type TLongRow } from './answers';
import { hashJson } from './definition';
import * as repo from './repo';
import { hasWebhooks, queueWebhooks } from './webhooks';

registerErrors({
  SURVEY_NOT_FOUND: { status: 404, es: 'La encuesta no existe.', en: 'Survey not found.' },
  SURVEY_CLOSED: {
    status: 410,
    es: 'Esta encuesta ya está cerrada.',
    en: 'This survey is closed.',
  },
  SURVEY_QUOTA_REACHED: {
    status: 410,
    es: 'La encuesta ha alcanzado el número de respuestas previsto.',
    en: 'The survey has reached its response quota.',
  },
  SURVEY_VERSION_UNKNOWN: {
    status: 400,
    es: 'La versión de la encuesta no existe.',
    en: 'Unknown survey version.',
  },
  SURVEY_RESPONSE_CONFLICT: {
    status: 409,
    es: 'Ya existe una respuesta distinta con ese identificador.',
    en: 'A different response with that id already exists.',
  },
  SURVEY_DUPLICATE_RESPONDENT: {
    status: 409,
    es: 'Ya ha respondido a esta encuesta desde este dispositivo.',
    en: 'This survey was already answered from this device.',
  },
  SURVEY_UNIT_INVALID: { status: 400, es: 'La unidad no existe.', en: 'Unknown org unit.' },
  SURVEY_LANGUAGE_UNAVAILABLE: {
    status: 400,
    es: 'La encuesta no está disponible en ese idioma.',
    en: 'The survey is not available in that language.',
  },
});

// Published versions never change: cached for the life of the process.
const versionCache = new Map<string, TSurveyDefinition>();

export async function definitionOf(
  db: Sql,
  orgId: string,
  surveyId: string,
  version: number,
): Promise<TSurveyDefinition> {
  const key = `${orgId}:${surveyId}:${version}`;
  const hit = versionCache.get(key);
  if (hit) return hit;
  const v = await repo.getVersion(db, orgId, surveyId, version);
  if (!v) throw new AppError('SURVEY_VERSION_UNKNOWN', { field: 'version' });
  if (versionCache.size > 2000) versionCache.clear();
  versionCache.set(key, v.definition);
  return v.definition;
}

/** Is the survey accepting responses now? Throws the 4xx the respondent should see. */
export function assertOpen(s: repo.TSurveyRow, now = Date.now()): void {
  const st = repo.settingsOf(s);
  if (s.status !== 'open' || s.published_version === null) {
    throw new AppError(s.status === 'closed' ? 'SURVEY_CLOSED' : 'SURVEY_NOT_FOUND');
  }
  if (st.closesAt && Date.parse(st.closesAt) <= now) throw new AppError('SURVEY_CLOSED');
}

export interface TSubmitInput {
  id: string;
  status: 'partial' | 'complete';
  /** one the version offers; defaults to its default language */
  language: TSurveyLanguage | undefined;
  version?: number | undefined;
  answers: TAnswers;
  channel: string;
  customerId: string | null;
  orgUnitId: string | null;
  enteredBy: string | null;
  invitationId: string | null;
  deviceKey: string | null;
  startedAt: string | null;
  submittedAt?: string | null;
  page: number | null;
  /** the body exactly as received (stored unchanged in `raw`) */
  raw: unknown;
  /** strict duplicate rule applies (anonymous links only) */
  duplicates: 'off' | 'soft' | 'strict';
  /** extra writes in the same transaction (not on replays), e.g. using up a token */
  onStored?: (tx: Sql, res: TSubmitResult) => Promise<void>;
}

export interface TSubmitResult {
  id: string;
  status: 'partial' | 'complete';
  replay: boolean;
  /** set when this call completed the response (for token bookkeeping) */
  completedNow: boolean;
}

// A detractor answer opens a follow-up only while it is fresh: a paper form keyed in weeks later
// still counts, a response back-dated by months (an import, the demo's history) would only
// flood the complaints queue with cases nobody can act on any more.
const FOLLOWUP_WINDOW_MS = 30 * 86_400_000;

function followup(
  rows: TLongRow[],
  submittedAt?: string | null,
): { kind: 'detractor' | 'low_csat'; score: number } | null {
  if (submittedAt && Date.now() - Date.parse(submittedAt) > FOLLOWUP_WINDOW_MS) return null;
  const nps = rows.find((r) => r.tag === 'nps' && r.num !== null);
  if (nps && (nps.num as number) <= 6) return { kind: 'detractor', score: nps.num as number };
  const csat = rows.find((r) => r.tag === 'csat' && r.num !== null);
  if (csat && (csat.num as number) <= 2) return { kind: 'low_csat', score: csat.num as number };
  return null;
}

function commentOf(def: TSurveyDefinition, rows: TLongRow[]): string | null {
  const texts = new Set(
    def.pages.flatMap((p) => p.questions.filter((q) => q.type === 'text').map((q) => q.key)),
  );
  const tagged = rows.find((r) => r.tag === 'comment' && r.txt);
  const any = rows.find((r) => texts.has(r.questionKey) && r.txt);
  return (tagged ?? any)?.txt ?? null;
}

// Group commit for the fast path: submissions share one INSERT statement (one round trip, one
// commit). At most MAX_IN_FLIGHT batches run at once; while they run, new submissions wait in
// the queue and leave together in the next batch, so batches grow by themselves under load and
// stay single rows (no added latency) when the server is quiet. Each caller still gets its answer
// only after its statement has committed. A batch that fails (e.g. one bad row) is retried row by
// row so one bad submission never fails the others. Same (org, id) twice goes into a later statement
// (one statement cannot insert a key twice); the unique key decides which copy is stored, the other
// one replays.
interface TPending {
  item: repo.TNewResponse;
  key: string;
  resolve: (created: boolean) => void;
  reject: (e: unknown) => void;
}
interface TQueue {
  pending: TPending[];
  scheduled: boolean;
  inFlight: number;
}
const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 3;
const queues = new WeakMap<Sql, TQueue>();

function insertNew(db: Sql, item: repo.TNewResponse): Promise<boolean> {
  let q = queues.get(db);
  if (!q) {
    q = { pending: [], scheduled: false, inFlight: 0 };
    queues.set(db, q);
  }
  const queue = q;
  return new Promise<boolean>((resolve, reject) => {
    queue.pending.push({ item, key: `${item.orgId}:${item.values.id}`, resolve, reject });
    schedule(db, queue);
  });
}

function schedule(db: Sql, q: TQueue): void {
  if (q.scheduled || q.inFlight >= MAX_IN_FLIGHT || !q.pending.length) return;
  q.scheduled = true;
  // setImmediate: submissions parsed in the same turn of the event loop join this batch
  setImmediate(() => flush(db, q));
}

function flush(db: Sql, q: TQueue): void {
  q.scheduled = false;
  while (q.inFlight < MAX_IN_FLIGHT && q.pending.length) {
    const batch: TPending[] = [];
    const keys = new Set<string>();
    const rest: TPending[] = [];
    for (const p of q.pending) {
      if (batch.length < MAX_BATCH && !keys.has(p.key)) {
        keys.add(p.key);
        batch.push(p);
      } else rest.push(p);
    }
    q.pending = rest;
    q.inFlight++;
    void runBatch(db, batch).finally(() => {
      q.inFlight--;
      schedule(db, q);
    });
  }
}

async function runBatch(db: Sql, batch: TPending[]): Promise<void> {
  try {
    const created = await repo.insertNewResponses(
      db,
      batch.map((p) => p.item),
    );
    for (const p of batch) p.resolve(created.has(p.key));
  } catch (e) {
    if (batch.length === 1) {
      (batch[0] as TPending).reject(e);
      return;
    }
    await Promise.all(
      batch.map((p) =>
        repo.insertNewResponses(db, [p.item]).then(
          (c) => p.resolve(c.has(p.key)),
          (err) => p.reject(err),
        ),
      ),
    );
  }
}

/**
 * Validates and stores one response in a single transaction. Idempotent on (org, id): the same
 * complete body again is a replay; a partial may be overwritten until it is complete.
 */
export async function storeResponse(
  db: Sql,
  survey: repo.TSurveyRow,
  input: TSubmitInput,
): Promise<TSubmitResult> {
  const orgId = survey.org_id;
  const version = input.version ?? survey.published_version;
  if (version === null || version === undefined) throw new AppError('SURVEY_NOT_FOUND');
  if (survey.published_version !== null && version > survey.published_version) {
    throw new AppError('SURVEY_VERSION_UNKNOWN', { field: 'version' });
  }
  const def = await definitionOf(db, orgId, survey.id, version);
  const language = input.language ?? def.defaultLanguage;
  if (!def.languages.includes(language)) {
    throw new AppError('SURVEY_LANGUAGE_UNAVAILABLE', { field: 'language' });
  }
  const rows = evaluateAnswers(def, input.answers, input.status);
  const bodyHash = hashJson({
    status: input.status,
    answers: input.answers,
    version,
    customerId: input.customerId,
  });
  const settings = repo.settingsOf(survey);
  const complete = input.status === 'complete';
  const now = new Date().toISOString();
  const values: repo.TResponseInsert = {
    id: input.id,
    surveyId: survey.id,
    version,
    status: input.status,
    channel: input.channel,
    language,
    customerId: input.customerId,
    orgUnitId: input.orgUnitId,
    enteredBy: input.enteredBy,
    invitationId: input.invitationId,
    deviceKey: input.deviceKey,
    duplicateOf: null,
    raw: input.raw,
    bodyHash,
    page: input.page,
    startedAt: input.startedAt,
    submittedAt: complete ? (input.submittedAt ?? now) : null,
  };

  // Fast path (the common case): a new response with nothing else to write in its transaction
  // is one atomic statement — one round trip to the database.
  const simple =
    !input.onStored &&
    !(complete && settings.quota !== null) &&
    !(complete && input.deviceKey && input.duplicates === 'strict') &&
    !(complete && input.customerId && followup(rows, input.submittedAt)) &&
    !(complete && (await hasWebhooks(db, orgId, survey.id)));
  if (simple) {
    const soft = Boolean(complete && input.deviceKey && input.duplicates === 'soft');
    if (await insertNew(db, { orgId, values, rows, softDuplicate: soft })) {
      return { id: input.id, status: input.status, replay: false, completedNow: complete };
    }
    // the id exists: a retry, a resumed partial, or a conflict — decided below
  }

  return db.transaction(async (tx) => {
    if (complete && settings.quota !== null) {
      // Serialise completions of a quota-limited survey so the quota is exact.
      await repo.getSurvey(tx, orgId, survey.id, true);
      if ((await repo.countComplete(tx, orgId, survey.id)) >= settings.quota) {
        const existing = await repo.getResponse(tx, orgId, input.id);
        if (existing?.status !== 'complete') throw new AppError('SURVEY_QUOTA_REACHED');
      }
    }
    let duplicateOf: string | null = null;
    if (complete && input.deviceKey && input.duplicates !== 'off') {
      duplicateOf = await repo.recentFromDevice(tx, orgId, survey.id, input.deviceKey, input.id);
      if (duplicateOf && input.duplicates === 'strict') {
        throw new AppError('SURVEY_DUPLICATE_RESPONDENT');
      }
    }
    values.duplicateOf = duplicateOf;
    const created = await repo.insertResponse(tx, orgId, values);
    if (!created) {
      const prev = await repo.getResponse(tx, orgId, input.id, true);
      if (!prev) throw new AppError('SURVEY_RESPONSE_CONFLICT', { field: 'id' });
      const sameOwner =
        prev.survey_id === survey.id &&
        prev.customer_id === input.customerId &&
        prev.invitation_id === input.invitationId;
      if (!sameOwner) throw new AppError('SURVEY_RESPONSE_CONFLICT', { field: 'id' });
      if (prev.status === 'complete') {
        if (prev.body_hash === bodyHash) {
          return { id: prev.id, status: 'complete', replay: true, completedNow: false };
        }
        throw new AppError('SURVEY_RESPONSE_CONFLICT', { field: 'id' });
      }
      if (prev.body_hash === bodyHash) {
        return { id: prev.id, status: prev.status, replay: true, completedNow: false };
      }
      await repo.updatePartial(tx, orgId, values);
    }
    await repo.insertAnswers(tx, orgId, survey.id, input.id, rows);
    if (complete) {
      const f = input.customerId ? followup(rows, input.submittedAt) : null;
      if (f) {
        await enqueue(tx, {
          orgId,
          kind: 'survey.followup',
          maxAttempts: 10,
          payload: {
            orgId,
            responseId: input.id,
            surveyId: survey.id,
            customerId: input.customerId,
            orgUnitId: input.orgUnitId,
            kind: f.kind,
            score: f.score,
            comment: commentOf(def, rows),
            language,
          },
        });
      }
      await queueWebhooks(tx, orgId, survey.id, input.id);
    }
    const res: TSubmitResult = {
      id: input.id,
      status: input.status,
      replay: false,
      completedNow: complete,
    };
    await input.onStored?.(tx, res);
    return res;
  });
}
