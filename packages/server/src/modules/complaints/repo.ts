// SQL of the complaints module. Every function takes the org id first and filters by it.
import type { TComplaintStatus, TRemedy } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { params } from '../../db/params';

export interface TCase {
  id: string;
  reference: string;
  channel: string;
  form: string;
  status: TComplaintStatus;
  subject: string;
  description: string;
  language: 'es' | 'en';
  categoryId: string | null;
  servqualDimension: string | null;
  serviceAttribute: string | null;
  /** the shared catalogue's attribute (pub_service_attributes.id), migration 380 */
  serviceAttributeId: string | null;
  severity: string;
  remedySought: string[];
  customerId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  unitId: string | null;
  staffInvolved: string[];
  assigneeId: string | null;
  excludedAgents: string[];
  sourceRef: string | null;
  expectedResponseBy: string | null;
  acknowledgedAt: string | null;
  firstResponseAt: string | null;
  respondedAt: string | null;
  waitingSince: string | null;
  rejectReason: string | null;
  recourse: string | null;
  responseText: string | null;
  remedies: TRemedy[];
  customerDecision: 'accepted' | 'rejected' | null;
  decisionComment: string | null;
  decidedAt: string | null;
  rootCategoryId: string | null;
  causeId: string | null;
  fiveWhys: string[];
  closedAt: string | null;
  reopenCount: number;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  createdBy: string | null;
  /** next SLA due instant (earliest unmet target; kept by the SLA recomputation) */
  dueAt: string | null;
  /** the customer the agent said the contact e-mail does not belong to */
  customerMatchDismissed: string | null;
  receivedAt: string;
  updatedAt: string;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const FIELDS = [
  'id',
  'reference',
  'channel',
  'form',
  'status',
  'subject',
  'description',
  'language',
  'categoryId',
  'servqualDimension',
  'serviceAttribute',
  'serviceAttributeId',
  'severity',
  'remedySought',
  'customerId',
  'contactName',
  'contactEmail',
  'contactPhone',
  'unitId',
  'staffInvolved',
  'assigneeId',
  'excludedAgents',
  'sourceRef',
  'expectedResponseBy',
  'acknowledgedAt',
  'firstResponseAt',
  'respondedAt',
  'waitingSince',
  'rejectReason',
  'recourse',
  'responseText',
  'remedies',
  'customerDecision',
  'decisionComment',
  'decidedAt',
  'rootCategoryId',
  'causeId',
  'fiveWhys',
  'closedAt',
  'reopenCount',
  'rating',
  'ratingComment',
  'ratedAt',
  'createdBy',
  'dueAt',
  'customerMatchDismissed',
  'receivedAt',
  'updatedAt',
] as const;
const TIMES = new Set([
  'expectedResponseBy',
  'acknowledgedAt',
  'firstResponseAt',
  'respondedAt',
  'waitingSince',
  'decidedAt',
  'closedAt',
  'ratedAt',
  'dueAt',
  'receivedAt',
  'updatedAt',
]);
export const CASE_COLS = FIELDS.map((f) => `c.${snake(f)} AS "${f}"`).join(', ');

export function toCase(r: Record<string, unknown>): TCase {
  const out: Record<string, unknown> = { ...r };
  for (const k of TIMES) {
    const v = out[k];
    out[k] =
      v instanceof Date ? v.toISOString() : v == null ? null : new Date(String(v)).toISOString();
  }
  return out as unknown as TCase;
}

/** Next number of the org's yearly sequence (row-locked upsert: concurrency-safe). */
export async function nextNumber(db: Sql, orgId: string, year: number): Promise<number> {
  const r = await db.query<{ last: number }>(
    `INSERT INTO complaint_counters (org_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (org_id, year) DO UPDATE SET last = complaint_counters.last + 1
     RETURNING last`,
    [orgId, year],
  );
  return (r.rows[0] as { last: number }).last;
}

export type TCaseInsert = {
  reference: string;
  channel: string;
  form: string;
  subject: string;
  description: string;
  language: string;
  categoryId: string | null;
  servqualDimension: string | null;
  serviceAttribute: string | null;
  serviceAttributeId: string | null;
  severity: string;
  remedySought: string[];
  customerId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  unitId: string | null;
  staffInvolved: string[];
  sourceRef: string | null;
  customerToken: string;
  expectedResponseBy: Date;
  createdBy: string | null;
  receivedAt: Date | null;
};

/** Inserts a case; returns null when (channel, sourceRef) already exists (idempotent intake). */
export async function insertCase(db: Sql, orgId: string, v: TCaseInsert): Promise<string | null> {
  const { receivedAt, ...rest } = v;
  const keys = Object.keys(rest) as (keyof typeof rest)[];
  const cols = keys.map((k) => snake(k));
  const p = params(orgId);
  const vals = keys.map((k) => {
    const x = rest[k];
    return p.add(x instanceof Date ? x.toISOString() : x);
  });
  const at = p.add(receivedAt?.toISOString() ?? null, 'timestamptz');
  const r = await db.query<{ id: string }>(
    `INSERT INTO complaints (org_id, ${cols.join(', ')}, received_at)
     VALUES ($1, ${vals.join(', ')}, COALESCE(${at}, now()))
     ON CONFLICT (org_id, channel, source_ref) DO NOTHING RETURNING id`,
    p.values,
  );
  return r.rows[0]?.id ?? null;
}

export async function getCase(
  db: Sql,
  orgId: string,
  id: string,
  lock = false,
): Promise<TCase | null> {
  const r = await db.query(
    `SELECT ${CASE_COLS} FROM complaints c WHERE c.org_id = $1 AND c.id = $2${lock ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  return r.rows[0] ? toCase(r.rows[0]) : null;
}

export async function findBy(
  db: Sql,
  orgId: string,
  col: 'reference' | 'source_ref',
  value: string,
): Promise<TCase | null> {
  const r = await db.query(
    `SELECT ${CASE_COLS} FROM complaints c WHERE c.org_id = $1 AND c.${col} = $2 LIMIT 1`,
    [orgId, value],
  );
  return r.rows[0] ? toCase(r.rows[0]) : null;
}

/** Public follow-up link: the case whose token matches (any org: the token names it). */
export async function byToken(
  db: Sql,
  token: string,
  lock = false,
): Promise<(TCase & { orgId: string }) | null> {
  const r = await db.query(
    `SELECT c.org_id AS "orgId", ${CASE_COLS} FROM complaints c
      WHERE c.customer_token = $1${lock ? ' FOR UPDATE' : ''}`,
    [token],
  );
  return r.rows[0] ? (toCase(r.rows[0]) as TCase & { orgId: string }) : null;
}

type Patchable = Partial<Omit<TCase, 'id' | 'reference' | 'receivedAt' | 'updatedAt'>>;
const JSONB = new Set(['remedies']);

export async function updateCase(db: Sql, orgId: string, id: string, p: Patchable): Promise<void> {
  const keys = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined);
  if (!keys.length) return;
  const sets = keys.map((k, i) => `${snake(k)} = $${i + 3}${JSONB.has(k) ? '::jsonb' : ''}`);
  const vals = keys.map((k) => {
    const v = (p as Record<string, unknown>)[k];
    return JSONB.has(k) ? JSON.stringify(v) : v;
  });
  await db.query(
    `UPDATE complaints SET ${sets.join(', ')}, updated_at = now() WHERE org_id = $1 AND id = $2`,
    [orgId, id, ...vals],
  );
}

export interface TEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  kind: string;
  visibility: 'internal' | 'customer';
  fromStatus: string | null;
  toStatus: string | null;
  body: string | null;
  data: Record<string, unknown>;
}

export async function insertEvent(
  db: Sql,
  orgId: string,
  caseId: string,
  e: Omit<TEvent, 'id' | 'at' | 'data' | 'fromStatus' | 'toStatus' | 'body' | 'visibility'> &
    Partial<Pick<TEvent, 'data' | 'fromStatus' | 'toStatus' | 'body' | 'visibility'>>,
): Promise<TEvent> {
  const r = await db.query<TEvent>(
    `INSERT INTO complaint_events (org_id, complaint_id, actor_id, actor_label, kind, visibility,
                                   from_status, to_status, body, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
     RETURNING id, at, actor_id AS "actorId", actor_label AS "actorLabel", kind, visibility,
               from_status AS "fromStatus", to_status AS "toStatus", body, data`,
    [
      orgId,
      caseId,
      e.actorId,
      e.actorLabel,
      e.kind,
      e.visibility ?? 'internal',
      e.fromStatus ?? null,
      e.toStatus ?? null,
      e.body ?? null,
      JSON.stringify(e.data ?? {}),
    ],
  );
  const ev = r.rows[0] as TEvent;
  return { ...ev, at: new Date(ev.at).toISOString() };
}

export async function listEvents(
  db: Sql,
  orgId: string,
  caseId: string,
  /** what the customer may see: customer-visible entries and their own rating */
  customerOnly = false,
): Promise<TEvent[]> {
  const r = await db.query<TEvent>(
    `SELECT id, at, actor_id AS "actorId", actor_label AS "actorLabel", kind, visibility,
            from_status AS "fromStatus", to_status AS "toStatus", body, data
       FROM complaint_events
      WHERE org_id = $1 AND complaint_id = $2
        ${customerOnly ? `AND (visibility = 'customer' OR kind = 'rated')` : ''}
      ORDER BY at, id`,
    [orgId, caseId],
  );
  return r.rows.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
}

export interface TAttachmentMeta {
  id: string;
  eventId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** clean: the malware scanner found nothing; unscanned: no scanner, or it did not answer */
  scanStatus: 'clean' | 'unscanned';
  createdAt: string;
}

export async function insertAttachment(
  db: Sql,
  orgId: string,
  caseId: string,
  a: {
    eventId: string | null;
    filename: string;
    contentType: string;
    data: Buffer;
    sha256: string;
    /** the malware scanner looked at it and found nothing (else 'unscanned') */
    scanned: boolean;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO complaint_attachments (org_id, complaint_id, event_id, filename, content_type, size,
       sha256, data, scan_status, scanned_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
       CASE WHEN $9::boolean THEN 'clean' ELSE 'unscanned' END,
       CASE WHEN $9::boolean THEN now() END) RETURNING id`,
    [
      orgId,
      caseId,
      a.eventId,
      a.filename,
      a.contentType,
      a.data.length,
      a.sha256,
      a.data,
      a.scanned,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function listAttachments(
  db: Sql,
  orgId: string,
  caseId: string,
): Promise<TAttachmentMeta[]> {
  const r = await db.query<TAttachmentMeta>(
    `SELECT id, event_id AS "eventId", filename, content_type AS "contentType", size, sha256,
            scan_status AS "scanStatus", created_at AS "createdAt"
       FROM complaint_attachments WHERE org_id = $1 AND complaint_id = $2 ORDER BY created_at, id`,
    [orgId, caseId],
  );
  return r.rows.map((a) => ({ ...a, createdAt: new Date(a.createdAt).toISOString() }));
}

export async function getAttachment(
  db: Sql,
  orgId: string,
  caseId: string,
  id: string,
): Promise<(TAttachmentMeta & { data: Uint8Array }) | null> {
  const r = await db.query<TAttachmentMeta & { data: Uint8Array }>(
    `SELECT id, event_id AS "eventId", filename, content_type AS "contentType", size, sha256,
            scan_status AS "scanStatus", created_at AS "createdAt", data
       FROM complaint_attachments WHERE org_id = $1 AND complaint_id = $2 AND id = $3`,
    [orgId, caseId, id],
  );
  return r.rows[0] ?? null;
}

export interface TSettings {
  strategy: 'round_robin' | 'least_loaded';
  excludeManagers: boolean;
  responseDays: number;
  recourse: string | null;
  rrLastUserId: string | null;
}

export async function getSettings(db: Sql, orgId: string, lock = false): Promise<TSettings> {
  if (lock) {
    await db.query(
      'INSERT INTO complaint_settings (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING',
      [orgId],
    );
  }
  const r = await db.query<TSettings>(
    `SELECT strategy, exclude_managers AS "excludeManagers", response_days AS "responseDays",
            recourse, rr_last_user_id AS "rrLastUserId"
       FROM complaint_settings WHERE org_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [orgId],
  );
  return (
    r.rows[0] ?? {
      strategy: 'round_robin',
      excludeManagers: true,
      responseDays: 10,
      recourse: null,
      rrLastUserId: null,
    }
  );
}

export async function saveSettings(
  db: Sql,
  orgId: string,
  p: Partial<Omit<TSettings, 'rrLastUserId'>> & { rrLastUserId?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO complaint_settings (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING`,
    [orgId],
  );
  await db.query(
    `UPDATE complaint_settings SET strategy = COALESCE($2, strategy),
            exclude_managers = COALESCE($3, exclude_managers),
            response_days = COALESCE($4, response_days),
            recourse = CASE WHEN $5 THEN $6 ELSE recourse END,
            rr_last_user_id = CASE WHEN $7 THEN $8::uuid ELSE rr_last_user_id END,
            updated_at = now()
      WHERE org_id = $1`,
    [
      orgId,
      p.strategy ?? null,
      p.excludeManagers ?? null,
      p.responseDays ?? null,
      p.recourse !== undefined,
      p.recourse ?? null,
      p.rrLastUserId !== undefined,
      p.rrLastUserId ?? null,
    ],
  );
}

/** The customer's follow-up token of a case (a retried public submission gets it again). */
export async function customerTokenOf(db: Sql, orgId: string, id: string): Promise<string | null> {
  const r = await db.query<{ t: string }>(
    'SELECT customer_token AS t FROM complaints WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return r.rows[0]?.t ?? null;
}

/** Keeps `complaints.due_at` (the list's due time) equal to the earliest unmet SLA due instant. */
export async function syncDueAt(db: Sql, orgId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.query(
    `UPDATE complaints c SET due_at = d.due
       FROM (SELECT u.id, (SELECT min(t.due_at) FROM complaint_sla_targets t
                            WHERE t.org_id = $1 AND t.complaint_id = u.id AND t.met_at IS NULL) AS due
               FROM unnest($2::uuid[]) AS u(id)) d
      WHERE c.org_id = $1 AND c.id = d.id AND c.due_at IS DISTINCT FROM d.due`,
    [orgId, ids],
  );
}

/** GDPR erase of a customer: the contact fields copied onto their complaints are blanked too. */
export async function eraseCustomerContact(db: Sql, orgId: string, customerId: string) {
  await db.query(
    `UPDATE complaints SET contact_name = NULL, contact_email = NULL, contact_phone = NULL
      WHERE org_id = $1 AND customer_id = $2
        AND (contact_name IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL)`,
    [orgId, customerId],
  );
}
