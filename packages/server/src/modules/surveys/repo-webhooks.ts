// Webhook SQL: the org's webhooks (survey_webhooks) and their deliveries
// (survey_webhook_deliveries). Every statement filters on the org id.
import type { Sql } from '../../db/client';

export type TWebhookRow = Record<string, unknown>;
export type TDeliveryRow = Record<string, unknown>;

/** Active webhooks subscribed to completed responses. */
export async function activeWebhooks(
  db: Sql,
  orgId: string,
): Promise<{ id: string; survey_id: string | null }[]> {
  const r = await db.query<{ id: string; survey_id: string | null }>(
    `SELECT id, survey_id FROM survey_webhooks
      WHERE org_id = $1 AND active AND 'survey.response.completed' = ANY(events)`,
    [orgId],
  );
  return r.rows;
}

/** One delivery row per (webhook, response); null when it already exists. */
export async function insertResponseDelivery(
  tx: Sql,
  orgId: string,
  webhookId: string,
  responseId: string,
): Promise<string | null> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO survey_webhook_deliveries (org_id, webhook_id, response_id) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, webhook_id, response_id) DO NOTHING RETURNING id`,
    [orgId, webhookId, responseId],
  );
  return r.rows[0]?.id ?? null;
}

export async function surveyExists(db: Sql, orgId: string, surveyId: string): Promise<boolean> {
  const s = await db.query('SELECT 1 FROM surveys WHERE org_id = $1 AND id = $2', [
    orgId,
    surveyId,
  ]);
  return s.rows.length > 0;
}

export async function insertWebhook(
  db: Sql,
  orgId: string,
  v: {
    url: string;
    surveyId: string | null;
    secret: string;
    description: string | null;
    events: readonly string[];
  },
): Promise<TWebhookRow> {
  const r = await db.query(
    `INSERT INTO survey_webhooks (org_id, url, survey_id, secret, description, events)
     VALUES ($1, $2, $3, $4, $5, $6::text[]) RETURNING *`,
    [orgId, v.url, v.surveyId, v.secret, v.description, v.events],
  );
  return r.rows[0] as TWebhookRow;
}

export async function getWebhookRow(
  db: Sql,
  orgId: string,
  id: string,
): Promise<TWebhookRow | null> {
  const r = await db.query('SELECT * FROM survey_webhooks WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return (r.rows[0] as TWebhookRow | undefined) ?? null;
}

export async function updateWebhookRow(
  db: Sql,
  orgId: string,
  id: string,
  v: {
    url: string;
    surveyId: string | null;
    description: string | null;
    active: boolean;
    events: readonly string[];
  },
): Promise<TWebhookRow | null> {
  const r = await db.query(
    `UPDATE survey_webhooks SET url = $3, survey_id = $4, description = $5, active = $6,
            events = $7::text[], updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING *`,
    [orgId, id, v.url, v.surveyId, v.description, v.active, v.events],
  );
  return (r.rows[0] as TWebhookRow | undefined) ?? null;
}

export async function setWebhookSecret(
  db: Sql,
  orgId: string,
  id: string,
  secret: string,
): Promise<TWebhookRow | null> {
  const r = await db.query(
    `UPDATE survey_webhooks SET secret = $3, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING *`,
    [orgId, id, secret],
  );
  return (r.rows[0] as TWebhookRow | undefined) ?? null;
}

export async function listWebhookRows(db: Sql, orgId: string): Promise<TWebhookRow[]> {
  const r = await db.query('SELECT * FROM survey_webhooks WHERE org_id = $1 ORDER BY created_at', [
    orgId,
  ]);
  return r.rows as TWebhookRow[];
}

/** True when a row was deleted. */
export async function deleteWebhookRow(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    'DELETE FROM survey_webhooks WHERE org_id = $1 AND id = $2 RETURNING id',
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function webhookExists(db: Sql, orgId: string, id: string): Promise<boolean> {
  const h = await db.query('SELECT 1 FROM survey_webhooks WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return h.rows.length > 0;
}

/** The webhook's 50 newest deliveries. */
export async function listDeliveryRows(
  db: Sql,
  orgId: string,
  webhookId: string,
): Promise<TDeliveryRow[]> {
  const r = await db.query<TDeliveryRow>(
    `SELECT id, event, response_id, status, attempts, last_status, last_error, created_at,
            delivered_at
       FROM survey_webhook_deliveries WHERE org_id = $1 AND webhook_id = $2
      ORDER BY created_at DESC LIMIT 50`,
    [orgId, webhookId],
  );
  return r.rows;
}

/** A failed response delivery back to pending; null when it is not such a delivery. */
export async function resetFailedDelivery(
  tx: Sql,
  orgId: string,
  webhookId: string,
  deliveryId: string,
): Promise<TDeliveryRow | null> {
  const upd = await tx.query<TDeliveryRow>(
    `UPDATE survey_webhook_deliveries SET status = 'pending'
        WHERE org_id = $1 AND webhook_id = $2 AND id = $3 AND status = 'failed'
          AND response_id IS NOT NULL
        RETURNING *`,
    [orgId, webhookId, deliveryId],
  );
  return upd.rows[0] ?? null;
}

export async function getDeliveryRow(
  tx: Sql,
  orgId: string,
  webhookId: string,
  deliveryId: string,
): Promise<TDeliveryRow | null> {
  const cur = await tx.query<TDeliveryRow>(
    'SELECT * FROM survey_webhook_deliveries WHERE org_id = $1 AND webhook_id = $2 AND id = $3',
    [orgId, webhookId, deliveryId],
  );
  return cur.rows[0] ?? null;
}

/** One attempt's outcome on the delivery row. */
export async function recordAttempt(
  db: Sql,
  orgId: string,
  id: string,
  v: { status: number | null; error: string | null; outcome: 'delivered' | 'failed' | 'pending' },
): Promise<void> {
  await db.query(
    `UPDATE survey_webhook_deliveries SET attempts = attempts + 1, last_status = $3,
            last_error = $4,
            status = $5, delivered_at = CASE WHEN $5 = 'delivered' THEN now() END
      WHERE org_id = $1 AND id = $2`,
    [orgId, id, v.status, v.error, v.outcome],
  );
}

export async function webhookSecret(db: Sql, orgId: string, id: string): Promise<string> {
  const secret = await db.query<{ secret: string }>(
    'SELECT secret FROM survey_webhooks WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return (secret.rows[0] as { secret: string }).secret;
}

/** A delivery row for a test event (no response). */
export async function insertTestDelivery(
  db: Sql,
  orgId: string,
  webhookId: string,
  event: string,
): Promise<string> {
  const d = await db.query<{ id: string }>(
    `INSERT INTO survey_webhook_deliveries (org_id, webhook_id, response_id, event)
     VALUES ($1, $2, NULL, $3) RETURNING id`,
    [orgId, webhookId, event],
  );
  return (d.rows[0] as { id: string }).id;
}

/** The delivery with its webhook's destination and secret, for the job. */
export async function deliveryForJob(
  db: Sql,
  orgId: string,
  deliveryId: string,
): Promise<{
  id: string;
  response_id: string | null;
  status: string;
  url: string;
  secret: string;
} | null> {
  const r = await db.query<{
    id: string;
    response_id: string | null;
    status: string;
    url: string;
    secret: string;
  }>(
    `SELECT d.id, d.response_id, d.status, w.url, w.secret
       FROM survey_webhook_deliveries d
       JOIN survey_webhooks w ON w.org_id = d.org_id AND w.id = d.webhook_id
      WHERE d.org_id = $1 AND d.id = $2`,
    [orgId, deliveryId],
  );
  return r.rows[0] ?? null;
}
