// Signed outgoing webhooks on new complete responses (Standard Webhooks: webhook-id,
// webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256(id.timestamp.body)>" with the
// base64 key after "whsec_"). Deliveries are rows; sending runs as durable jobs with retries.
// SSRF guard (lib/egress): a destination that is, or resolves to, a loopback/private/link-local
// address is refused unless config.webhookAllowPrivate; literal IPs at create/edit time, every
// resolved address at delivery time, and the socket connects only to the vetted address.
import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type TWebhook, ZWebhookCreateSchema } from '@fidelia/contracts';
import { z } from 'zod';
import type { Db, Sql } from '../../db/client';
import type { JobPayload } from '../../jobs/kinds';
import { enqueue, type JobContext } from '../../jobs/queue';
import { checkUrl, EgressRefused, egressLookup } from '../../lib/egress';
import { AppError, registerErrors } from '../../lib/errors';
import { isUuid } from '../../lib/uuid';
import * as sql from './repo-webhooks';

registerErrors({
  WEBHOOK_URL_REFUSED: {
    status: 400,
    es: 'Esa dirección es privada, local o de enlace local (p. ej. 127.0.0.1, 10.x, 192.168.x, 169.254.169.254): los webhooks solo pueden ir a direcciones públicas.',
    en: 'That address is private, loopback or link-local (e.g. 127.0.0.1, 10.x, 192.168.x, 169.254.169.254): webhooks may only go to public addresses.',
  },
  WEBHOOK_RETRY_NOT_ALLOWED: {
    status: 409,
    es: 'Solo se puede reintentar una entrega fallida de una respuesta (envía un nuevo evento de prueba en su lugar).',
    en: 'Only a failed response delivery can be retried (send a new test event instead).',
  },
});

/** Refuses a non-public literal IP destination (host names are vetted when delivering). */
export function assertDestination(url: string, allowPrivate: boolean): void {
  try {
    checkUrl(url, allowPrivate);
  } catch (e) {
    if (e instanceof EgressRefused) throw new AppError('WEBHOOK_URL_REFUSED', { field: 'url' });
    throw e;
  }
}

export const WEBHOOK_JOB = 'survey.webhook';
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** Events a webhook can subscribe to; 'webhook.test' is only sent on request ("send test"). */
export const WEBHOOK_EVENTS = ['survey.response.completed'] as const;
export const TEST_EVENT = 'webhook.test';
const ZEvents = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
const ZUrl = z.url({ protocol: /^https?$/ }).max(2000);
export const ZWebhookCreateBody = ZWebhookCreateSchema.extend({
  events: ZEvents.default(['survey.response.completed']),
});
export const ZWebhookPatchBody = z
  .strictObject({
    url: ZUrl.optional(),
    surveyId: z.string().uuid().nullable().optional(),
    description: z.string().max(200).nullable().optional(),
    active: z.boolean().optional(),
    events: ZEvents.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'empty patch' });
export type TWebhookOut = TWebhook & { events: string[]; updatedAt: string };

interface Hook {
  id: string;
  survey_id: string | null;
}
// Active webhooks per org, cached briefly so the submit path costs no query when there are none.
const cache = new Map<string, { at: number; hooks: Hook[] }>();
const TTL_MS = 5000;
export const forgetWebhooks = (orgId: string) => cache.delete(orgId);

async function activeHooks(db: Sql, orgId: string): Promise<Hook[]> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.hooks;
  const hooks: Hook[] = await sql.activeWebhooks(db, orgId);
  cache.set(orgId, { at: Date.now(), hooks });
  return hooks;
}

/** Does a new response of this survey fire any webhook? (cached) */
export async function hasWebhooks(db: Sql, orgId: string, surveyId: string): Promise<boolean> {
  return (await activeHooks(db, orgId)).some(
    (h) => h.survey_id === null || h.survey_id === surveyId,
  );
}

/** In the response's transaction: one delivery row + one job per matching webhook. */
export async function queueWebhooks(
  tx: Sql,
  orgId: string,
  surveyId: string,
  responseId: string,
): Promise<void> {
  const hooks = (await activeHooks(tx, orgId)).filter(
    (h) => h.survey_id === null || h.survey_id === surveyId,
  );
  for (const h of hooks) {
    const id = await sql.insertResponseDelivery(tx, orgId, h.id, responseId);
    if (id) {
      await enqueue(tx, {
        orgId,
        kind: WEBHOOK_JOB,
        payload: { deliveryId: id },
        maxAttempts: WEBHOOK_MAX_ATTEMPTS,
      });
    }
  }
}

/** Standard Webhooks signature of one message. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const toHook = (r: Record<string, unknown>): TWebhookOut => ({
  id: r.id as string,
  url: r.url as string,
  surveyId: (r.survey_id as string | null) ?? null,
  description: (r.description as string | null) ?? null,
  active: r.active as boolean,
  events: (r.events as string[] | null) ?? ['survey.response.completed'],
  createdAt: new Date(r.created_at as string).toISOString(),
  updatedAt: new Date((r.updated_at ?? r.created_at) as string).toISOString(),
});

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

async function assertSurvey(db: Sql, orgId: string, surveyId: string | null | undefined) {
  if (!surveyId) return;
  if (!(await sql.surveyExists(db, orgId, surveyId)))
    throw new AppError('NOT_FOUND', { field: 'surveyId' });
}

export async function createWebhook(
  db: Sql,
  orgId: string,
  v: {
    url: string;
    surveyId: string | null;
    description?: string | undefined;
    events?: readonly string[] | undefined;
  },
  allowPrivate = false,
): Promise<TWebhookOut> {
  assertDestination(v.url, allowPrivate);
  await assertSurvey(db, orgId, v.surveyId);
  const secret = newSecret();
  const row = await sql.insertWebhook(db, orgId, {
    url: v.url,
    surveyId: v.surveyId,
    secret,
    description: v.description ?? null,
    events: v.events ?? ['survey.response.completed'],
  });
  forgetWebhooks(orgId);
  return { ...toHook(row), secret };
}

export async function getWebhook(db: Sql, orgId: string, id: string): Promise<TWebhookOut> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  const row = await sql.getWebhookRow(db, orgId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toHook(row);
}

export async function updateWebhook(
  db: Sql,
  orgId: string,
  id: string,
  v: z.output<typeof ZWebhookPatchBody>,
  allowPrivate = false,
): Promise<TWebhookOut> {
  const cur = await getWebhook(db, orgId, id);
  if (v.url !== undefined) assertDestination(v.url, allowPrivate);
  if (v.surveyId !== undefined) await assertSurvey(db, orgId, v.surveyId);
  const row = await sql.updateWebhookRow(db, orgId, id, {
    url: v.url ?? cur.url,
    surveyId: v.surveyId !== undefined ? v.surveyId : cur.surveyId,
    description: v.description !== undefined ? v.description : cur.description,
    active: v.active ?? cur.active,
    events: v.events ?? cur.events,
  });
  if (!row) throw new AppError('NOT_FOUND');
  forgetWebhooks(orgId);
  return toHook(row);
}

/** A new signing secret, returned once; the old one stops working at once. */
export async function rotateSecret(db: Sql, orgId: string, id: string): Promise<TWebhookOut> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  const secret = newSecret();
  const row = await sql.setWebhookSecret(db, orgId, id, secret);
  if (!row) throw new AppError('NOT_FOUND');
  return { ...toHook(row), secret };
}

export async function listWebhooks(db: Sql, orgId: string): Promise<TWebhookOut[]> {
  return (await sql.listWebhookRows(db, orgId)).map(toHook);
}

export async function deleteWebhook(db: Sql, orgId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  if (!(await sql.deleteWebhookRow(db, orgId, id))) throw new AppError('NOT_FOUND');
  forgetWebhooks(orgId);
}

export async function listDeliveries(db: Sql, orgId: string, webhookId: string) {
  if (!isUuid(webhookId)) throw new AppError('NOT_FOUND');
  if (!(await sql.webhookExists(db, orgId, webhookId))) throw new AppError('NOT_FOUND');
  return { items: (await sql.listDeliveryRows(db, orgId, webhookId)).map(toDelivery) };
}

const toDelivery = (x: Record<string, unknown>) => ({
  id: x.id as string,
  event: x.event as string,
  responseId: (x.response_id as string | null) ?? null,
  status: x.status as string,
  attempts: x.attempts as number,
  lastStatus: (x.last_status as number | null) ?? null,
  lastError: (x.last_error as string | null) ?? null,
  createdAt: new Date(x.created_at as string).toISOString(),
  deliveredAt: x.delivered_at ? new Date(x.delivered_at as string).toISOString() : null,
});

/**
 * "Retry now" for a failed response delivery: back to pending with one job that makes a single
 * attempt right away (a failure leaves it failed again, ready for another manual retry).
 * Idempotent: a delivery that is already pending or delivered is returned as it is and no
 * second job is queued (`queued: false`). Test-event deliveries are not retried (409).
 */
export async function retryDelivery(
  db: Db,
  orgId: string,
  webhookId: string,
  deliveryId: string,
): Promise<ReturnType<typeof toDelivery> & { queued: boolean }> {
  if (!isUuid(webhookId) || !isUuid(deliveryId)) throw new AppError('NOT_FOUND');
  return db.transaction(async (tx) => {
    const row = await sql.resetFailedDelivery(tx, orgId, webhookId, deliveryId);
    if (row) {
      await enqueue(tx, {
        orgId,
        kind: WEBHOOK_JOB,
        payload: { deliveryId, maxAttempts: 1, manual: true },
        maxAttempts: 1,
      });
      return { ...toDelivery(row), queued: true };
    }
    const c = await sql.getDeliveryRow(tx, orgId, webhookId, deliveryId);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.response_id === null) throw new AppError('WEBHOOK_RETRY_NOT_ALLOWED');
    return { ...toDelivery(c), queued: false };
  });
}

interface PostResult {
  status: number;
  error: string | null;
  /** Refused by the egress policy: final, never retried. */
  refused?: boolean;
}

/**
 * POSTs one signed message (redirects are not followed; 10 s timeout); returns the HTTP status
 * (0 = no answer) and the error, if any. The host is vetted by the SSRF guard and the socket
 * connects only to the vetted address.
 */
export function post(
  url: string,
  secret: string,
  id: string,
  body: string,
  allowPrivate: boolean,
): Promise<PostResult> {
  const ts = Math.floor(Date.now() / 1000);
  const fail = (e: unknown): PostResult =>
    e instanceof EgressRefused || (e as { code?: string })?.code === 'EGRESS_REFUSED'
      ? { status: 0, error: (e as Error).message.slice(0, 500), refused: true }
      : { status: 0, error: (e instanceof Error ? e.message : String(e)).slice(0, 500) };
  let u: URL;
  try {
    u = new URL(url);
    checkUrl(u, allowPrivate);
  } catch (e) {
    return Promise.resolve(fail(e));
  }
  return new Promise<PostResult>((resolve) => {
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(
      u,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'webhook-id': id,
          'webhook-timestamp': String(ts),
          'webhook-signature': signWebhook(secret, id, ts, body),
          'user-agent': 'Fidelia-Webhooks/1',
        },
        lookup: egressLookup(allowPrivate),
        agent: false,
      },
      (res) => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        res.destroy(); // the answer's body is never read (nor waited for)
        const ok = status >= 200 && status < 300;
        resolve({ status, error: ok ? null : `HTTP ${status}` });
      },
    );
    // the whole exchange up to the status line, not only idle time
    const timer = setTimeout(() => req.destroy(new Error('timeout after 10 s')), 10_000);
    req.on('error', (e) => {
      clearTimeout(timer);
      resolve(fail(e));
    });
    req.end(body);
  });
}

async function record(db: Sql, orgId: string, id: string, r: PostResult, final: boolean) {
  await sql.recordAttempt(db, orgId, id, {
    status: r.status || null,
    error: r.error,
    outcome: r.error === null ? 'delivered' : final ? 'failed' : 'pending',
  });
}

/**
 * "Send test event": one signed 'webhook.test' message now (no retries), recorded as a
 * delivery so it shows in the list. Inactive webhooks can be tested too.
 */
export async function sendTest(db: Sql, orgId: string, id: string, allowPrivate = false) {
  const h = await getWebhook(db, orgId, id);
  const secret = await sql.webhookSecret(db, orgId, id);
  const deliveryId = await sql.insertTestDelivery(db, orgId, id, TEST_EVENT);
  const body = JSON.stringify({
    type: TEST_EVENT,
    timestamp: new Date().toISOString(),
    data: { webhookId: h.id, surveyId: h.surveyId, events: h.events },
  });
  const r = await post(h.url, secret, deliveryId, body, allowPrivate);
  await record(db, orgId, deliveryId, r, true);
  return { deliveryId, ok: r.error === null, status: r.status || null, error: r.error };
}

/**
 * Job handler: POSTs one delivery; a non-2xx answer throws so the queue retries it. A
 * destination refused by the SSRF guard fails the delivery at once (no retries).
 */
export function webhookJob(
  db: Sql,
  payloadOf: (orgId: string, responseId: string) => Promise<unknown>,
  allowPrivate = false,
) {
  return async (payload: JobPayload<'survey.webhook'>, ctx: JobContext) => {
    const { deliveryId, maxAttempts = WEBHOOK_MAX_ATTEMPTS } = payload;
    const d = await sql.deliveryForJob(db, ctx.orgId, deliveryId);
    if (!d || d.status === 'delivered' || !d.response_id) return { skipped: true };
    const body = JSON.stringify({
      type: 'survey.response.completed',
      timestamp: new Date().toISOString(),
      data: await payloadOf(ctx.orgId, d.response_id),
    });
    const res = await post(d.url, d.secret, d.id, body, allowPrivate);
    await record(db, ctx.orgId, d.id, res, res.refused === true || ctx.attempt >= maxAttempts);
    if (res.refused) return { refused: true, error: res.error };
    if (res.error) throw new Error(`webhook ${d.id}: ${res.error}`);
    return { status: res.status };
  };
}
