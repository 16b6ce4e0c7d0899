// Signed outgoing webhooks on new complete responses (Standard Webhooks: webhook-id,
// webhook-timestamp, webhook-signature "v1,<base64 HMAC-SHA256(id.timestamp.body)>" with the
// base64 key after "whsec_"). Deliveries are rows; sending runs as durable jobs with retries.
import { createHmac, randomBytes } from 'node:crypto';
import type { TWebhook } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue, type JobContext } from '../../jobs/queue';
import { AppError } from '../../lib/errors';

export const WEBHOOK_JOB = 'survey.webhook';
export const WEBHOOK_MAX_ATTEMPTS = 8;

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
  const r = await db.query<Hook>(
    'SELECT id, survey_id FROM survey_webhooks WHERE org_id = $1 AND active',
    [orgId],
  );
  cache.set(orgId, { at: Date.now(), hooks: r.rows });
  return r.rows;
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
    const r = await tx.query<{ id: string }>(
      `INSERT INTO survey_webhook_deliveries (org_id, webhook_id, response_id) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, webhook_id, response_id) DO NOTHING RETURNING id`,
      [orgId, h.id, responseId],
    );
    const id = r.rows[0]?.id;
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

const toHook = (r: Record<string, unknown>): TWebhook => ({
  id: r.id as string,
  url: r.url as string,
  surveyId: (r.survey_id as string | null) ?? null,
  description: (r.description as string | null) ?? null,
  active: r.active as boolean,
  createdAt: new Date(r.created_at as string).toISOString(),
});

export async function createWebhook(
  db: Sql,
  orgId: string,
  v: { url: string; surveyId: string | null; description?: string | undefined },
): Promise<TWebhook> {
  if (v.surveyId) {
    const s = await db.query('SELECT 1 FROM surveys WHERE org_id = $1 AND id = $2', [
      orgId,
      v.surveyId,
    ]);
    if (!s.rows.length) throw new AppError('NOT_FOUND');
  }
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const r = await db.query(
    `INSERT INTO survey_webhooks (org_id, url, survey_id, secret, description)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [orgId, v.url, v.surveyId, secret, v.description ?? null],
  );
  forgetWebhooks(orgId);
  return { ...toHook(r.rows[0] as Record<string, unknown>), secret };
}

export async function listWebhooks(db: Sql, orgId: string): Promise<TWebhook[]> {
  const r = await db.query('SELECT * FROM survey_webhooks WHERE org_id = $1 ORDER BY created_at', [
    orgId,
  ]);
  return r.rows.map((x) => toHook(x as Record<string, unknown>));
}

export async function deleteWebhook(db: Sql, orgId: string, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
  const r = await db.query(
    'DELETE FROM survey_webhooks WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  if (!r.rows.length) throw new AppError('NOT_FOUND');
  forgetWebhooks(orgId);
}

export async function listDeliveries(db: Sql, orgId: string, webhookId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(webhookId)) throw new AppError('NOT_FOUND');
  const h = await db.query('SELECT 1 FROM survey_webhooks WHERE org_id = $1 AND id = $2', [
    orgId,
    webhookId,
  ]);
  if (!h.rows.length) throw new AppError('NOT_FOUND');
  const r = await db.query<Record<string, unknown>>(
    `SELECT id, response_id, status, attempts, last_status, last_error, created_at, delivered_at
       FROM survey_webhook_deliveries WHERE org_id = $1 AND webhook_id = $2
      ORDER BY created_at DESC LIMIT 200`,
    [orgId, webhookId],
  );
  return {
    items: r.rows.map((x) => ({
      id: x.id,
      responseId: x.response_id,
      status: x.status,
      attempts: x.attempts,
      lastStatus: x.last_status,
      lastError: x.last_error,
      createdAt: new Date(x.created_at as string).toISOString(),
      deliveredAt: x.delivered_at ? new Date(x.delivered_at as string).toISOString() : null,
    })),
  };
}

/** Job handler: POSTs one delivery; a non-2xx answer throws so the queue retries it. */
export function webhookJob(
  db: Sql,
  payloadOf: (orgId: string, responseId: string) => Promise<unknown>,
) {
  return async (payload: unknown, ctx: JobContext) => {
    const { deliveryId } = payload as { deliveryId: string };
    const r = await db.query<{
      id: string;
      response_id: string;
      status: string;
      url: string;
      secret: string;
    }>(
      `SELECT d.id, d.response_id, d.status, w.url, w.secret
         FROM survey_webhook_deliveries d
         JOIN survey_webhooks w ON w.org_id = d.org_id AND w.id = d.webhook_id
        WHERE d.org_id = $1 AND d.id = $2`,
      [ctx.orgId, deliveryId],
    );
    const d = r.rows[0];
    if (!d || d.status === 'delivered') return { skipped: true };
    const body = JSON.stringify({
      type: 'survey.response.completed',
      timestamp: new Date().toISOString(),
      data: await payloadOf(ctx.orgId, d.response_id),
    });
    const ts = Math.floor(Date.now() / 1000);
    let status = 0;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': d.id,
          'webhook-timestamp': String(ts),
          'webhook-signature': signWebhook(d.secret, d.id, ts, body),
          'user-agent': 'Fidelia-Webhooks/1',
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const final = error !== null && ctx.attempt >= WEBHOOK_MAX_ATTEMPTS;
    await db.query(
      `UPDATE survey_webhook_deliveries SET attempts = $3, last_status = $4, last_error = $5,
              status = $6, delivered_at = CASE WHEN $6 = 'delivered' THEN now() END
        WHERE org_id = $1 AND id = $2`,
      [
        ctx.orgId,
        d.id,
        ctx.attempt,
        status || null,
        error,
        error === null ? 'delivered' : final ? 'failed' : 'pending',
      ],
    );
    if (error) throw new Error(`webhook ${d.id}: ${error}`);
    return { status };
  };
}
