// SQL for panel members (panel_members): recruitment, consent, opt-in, withdrawal and erasure,
// and the contact logs the fatigue rule reads. Split from repo.ts by concern.
import type { Sql } from '../../db/client';
import { iso } from './repo-sql';

// ------------------------------------------------------------------------------ members
export interface TMemberRow {
  id: string;
  panel_id: string;
  customer_id: string | null;
  name: string;
  email: string | null;
  kind: string;
  segment: string | null;
  use_class: string | null;
  tier: string | null;
  demographics: Record<string, string>;
  language: string;
  source: string;
  status: string;
  consent_at: string | null;
  withdrawn_at: string | null;
  last_contacted_at: string | null;
  created_at: string;
  invited: number;
  attended: number;
  incentives: string;
  surveys: number;
}
const MEMBER_COLS = `m.id, m.panel_id, m.customer_id, m.name, m.email, m.kind, m.segment, m.use_class,
  m.tier, m.demographics, m.language, m.source, m.status, ${iso('m.consent_at')} AS consent_at,
  ${iso('m.withdrawn_at')} AS withdrawn_at, ${iso('m.last_contacted_at')} AS last_contacted_at,
  ${iso('m.created_at')} AS created_at,
  (SELECT count(*)::int FROM panel_invites i WHERE i.org_id = m.org_id AND i.member_id = m.id) AS invited,
  (SELECT count(*)::int FROM panel_invites i WHERE i.org_id = m.org_id AND i.member_id = m.id AND i.attended) AS attended,
  (SELECT COALESCE(sum(amount), 0)::text FROM panel_incentives x WHERE x.org_id = m.org_id AND x.member_id = m.id) AS incentives,
  (SELECT count(*)::int FROM pub_survey_customer_responses r WHERE r.org_id = m.org_id AND r.customer_id = m.customer_id) AS surveys`;

export async function listMembers(db: Sql, orgId: string, panelId: string): Promise<TMemberRow[]> {
  const r = await db.query<TMemberRow>(
    `SELECT ${MEMBER_COLS} FROM panel_members m WHERE m.org_id = $1 AND m.panel_id = $2
      ORDER BY fid_name_key(m.name), m.id`,
    [orgId, panelId],
  );
  return r.rows;
}

export async function getMember(db: Sql, orgId: string, id: string): Promise<TMemberRow | null> {
  const r = await db.query<TMemberRow>(
    `SELECT ${MEMBER_COLS} FROM panel_members m WHERE m.org_id = $1 AND m.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function existingCustomerIds(
  db: Sql,
  orgId: string,
  panelId: string,
): Promise<Set<string>> {
  const r = await db.query<{ customer_id: string }>(
    `SELECT customer_id FROM panel_members WHERE org_id = $1 AND panel_id = $2 AND customer_id IS NOT NULL`,
    [orgId, panelId],
  );
  return new Set(r.rows.map((x) => x.customer_id));
}

export interface TNewMember {
  customerId: string | null;
  name: string;
  email: string | null;
  kind: string;
  segment: string | null;
  useClass: string | null;
  tier: string | null;
  demographics: Record<string, string>;
  language: 'es' | 'en';
  source: 'registry' | 'signup';
  status: 'pending' | 'active';
  consentText: string;
  optinHash: string | null;
}

export async function insertMembers(
  db: Sql,
  orgId: string,
  panelId: string,
  ms: TNewMember[],
): Promise<string[]> {
  if (!ms.length) return [];
  const r = await db.query<{ id: string }>(
    `INSERT INTO panel_members (org_id, panel_id, customer_id, name, email, kind, segment, use_class,
                                tier, demographics, language, source, status, consent_text, consent_at, optin_hash)
     SELECT $1, $2, x.customer_id, x.name, x.email, x.kind, x.segment, x.use_class, x.tier,
            x.demographics, x.language, x.source, x.status, x.consent_text,
            CASE WHEN x.status = 'active' THEN now() END, x.optin_hash
       FROM jsonb_to_recordset($3::jsonb) AS x(customer_id uuid, name text, email text, kind text,
            segment text, use_class text, tier text, demographics jsonb, language text, source text, status text,
            consent_text text, optin_hash text)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      orgId,
      panelId,
      JSON.stringify(
        ms.map((m) => ({
          customer_id: m.customerId,
          name: m.name,
          email: m.email,
          kind: m.kind,
          segment: m.segment,
          use_class: m.useClass,
          tier: m.tier,
          demographics: m.demographics,
          language: m.language,
          source: m.source,
          status: m.status,
          consent_text: m.consentText,
          optin_hash: m.optinHash,
        })),
      ),
    ],
  );
  return r.rows.map((x) => x.id);
}

export async function patchMember(
  db: Sql,
  orgId: string,
  id: string,
  v: {
    segment?: string | null;
    tier?: string | null;
    use_class?: string | null;
    demographics?: Record<string, string>;
  },
): Promise<boolean> {
  const cols = Object.keys(v);
  if (!cols.length) return true;
  const sets = cols
    .map((c, i) => (c === 'demographics' ? `${c} = $${i + 3}::jsonb` : `${c} = $${i + 3}`))
    .join(', ');
  const r = await db.query(
    `UPDATE panel_members SET ${sets} WHERE org_id = $1 AND id = $2 AND status <> 'erased' RETURNING 1`,
    [
      orgId,
      id,
      ...cols.map((c) =>
        c === 'demographics' ? JSON.stringify(v.demographics) : (v as Record<string, unknown>)[c],
      ),
    ],
  );
  return r.rows.length > 0;
}

export async function withdrawMember(db: Sql, orgId: string, id: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE panel_members SET status = 'withdrawn', withdrawn_at = now()
      WHERE org_id = $1 AND id = $2 AND status IN ('pending', 'active') RETURNING 1`,
    [orgId, id],
  );
  return r.rows.length > 0;
}

export async function confirmOptin(
  db: Sql,
  hash: string,
): Promise<{ org_id: string; id: string; panel: string } | null> {
  const r = await db.query<{ org_id: string; id: string; panel: string }>(
    `UPDATE panel_members m SET status = 'active', consent_at = now(), optin_hash = NULL
       FROM panels p
      WHERE m.optin_hash = $1 AND m.status = 'pending' AND p.org_id = m.org_id AND p.id = m.panel_id
      RETURNING m.org_id, m.id, p.name AS panel`,
    [hash],
  );
  return r.rows[0] ?? null;
}

/** Blanks what identifies the member (name, e-mail, demographics) and their quotes/notes. */
export async function anonymiseMember(
  db: Sql,
  orgId: string,
  memberId: string,
  erased: boolean,
): Promise<void> {
  const m = await db.query<{ name: string }>(
    `SELECT name FROM panel_members WHERE org_id = $1 AND id = $2`,
    [orgId, memberId],
  );
  const name = m.rows[0]?.name;
  if (name === undefined) return;
  if (name.trim().length >= 2) {
    // the member's name inside notes/transcripts of the sessions they were invited to
    await db.query(
      `UPDATE panel_notes n SET body = replace(n.body, $3, '[anonimizado]')
        WHERE n.org_id = $1
          AND n.session_id IN (SELECT session_id FROM panel_invites WHERE org_id = $1 AND member_id = $2)
          AND strpos(n.body, $3) > 0`,
      [orgId, memberId, name],
    );
  }
  await db.query(
    `UPDATE panel_insights SET quote = '', member_id = NULL, customer_id = NULL
      WHERE org_id = $1 AND member_id = $2`,
    [orgId, memberId],
  );
  await db.query(
    `UPDATE panel_members SET name = '—', email = NULL, demographics = '{}'::jsonb, optin_hash = NULL,
            status = CASE WHEN $3 THEN 'erased' ELSE 'withdrawn' END,
            withdrawn_at = COALESCE(withdrawn_at, now()), customer_id = NULL
      WHERE org_id = $1 AND id = $2`,
    [orgId, memberId, erased],
  );
  await db.query(
    `UPDATE panel_incentives SET customer_id = NULL WHERE org_id = $1 AND member_id = $2`,
    [orgId, memberId],
  );
}

export async function memberIdsOfCustomer(
  db: Sql,
  orgId: string,
  customerId: string,
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `SELECT id FROM panel_members WHERE org_id = $1 AND customer_id = $2`,
    [orgId, customerId],
  );
  return r.rows.map((x) => x.id);
}

export async function markContacted(db: Sql, orgId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.query(
    `UPDATE panel_members SET last_contacted_at = now() WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, ids],
  );
}

/**
 * Last contact of each customer, by source: a survey invitation, reminder, personal link or
 * staff-keyed response (the surveys module's published contact log, pub_survey_contacts) and a
 * panel invitation (any panel of the org). One statement; both sources feed one fatigue rule.
 */
export async function lastContactByCustomer(
  db: Sql,
  orgId: string,
  customerIds: string[],
): Promise<Map<string, { survey: string | null; panel: string | null }>> {
  if (!customerIds.length) return new Map();
  const r = await db.query<{ customer_id: string; survey: string | null; panel: string | null }>(
    `SELECT c.id AS customer_id,
            ${iso('(SELECT max(k.contacted_at) FROM pub_survey_contacts k WHERE k.org_id = $1 AND k.customer_id = c.id)')} AS survey,
            ${iso('(SELECT max(m.last_contacted_at) FROM panel_members m WHERE m.org_id = $1 AND m.customer_id = c.id)')} AS panel
       FROM unnest($2::uuid[]) AS c(id)`,
    [orgId, customerIds],
  );
  return new Map(r.rows.map((x) => [x.customer_id, { survey: x.survey, panel: x.panel }]));
}

/** Surveys each customer answered (complete responses, newest first; pub_survey_customer_responses). */
export async function surveysAnswered(
  db: Sql,
  orgId: string,
  customerIds: string[],
): Promise<
  {
    customer_id: string;
    response_id: string;
    survey_id: string;
    survey_name: string;
    answered_at: string;
  }[]
> {
  if (!customerIds.length) return [];
  const r = await db.query<{
    customer_id: string;
    response_id: string;
    survey_id: string;
    survey_name: string;
    answered_at: string;
  }>(
    `SELECT customer_id, response_id, survey_id, survey_name, ${iso('answered_at')} AS answered_at
       FROM pub_survey_customer_responses
      WHERE org_id = $1 AND customer_id = ANY($2::uuid[])
      ORDER BY answered_at DESC, response_id`,
    [orgId, customerIds],
  );
  return r.rows;
}

export async function emailInPanel(db: Sql, orgId: string, panelId: string, email: string) {
  const r = await db.query(
    `SELECT 1 FROM panel_members WHERE org_id = $1 AND panel_id = $2 AND lower(email) = lower($3)
        AND status IN ('pending', 'active')`,
    [orgId, panelId, email],
  );
  return r.rows.length > 0;
}

export async function setOptinHash(db: Sql, orgId: string, memberId: string, hash: string) {
  await db.query(`UPDATE panel_members SET optin_hash = $3 WHERE org_id = $1 AND id = $2`, [
    orgId,
    memberId,
    hash,
  ]);
}
