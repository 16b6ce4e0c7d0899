// SQL of the panels module (its own tables only). Every function takes the org id first and
// every statement filters by it.
import type { Sql } from '../../db/client';

const iso = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// ------------------------------------------------------------------------------ panels
export interface TPanelRow {
  id: string;
  name: string;
  description: string;
  kind: string;
  signup_slug: string | null;
  consent_text: string;
  fatigue_days: number;
  created_at: string;
  members: number;
  active: number;
  sessions: number;
}
const PANEL_COLS = `p.id, p.name, p.description, p.kind, p.signup_slug, p.consent_text, p.fatigue_days,
  ${iso('p.created_at')} AS created_at,
  (SELECT count(*)::int FROM panel_members m WHERE m.org_id = p.org_id AND m.panel_id = p.id) AS members,
  (SELECT count(*)::int FROM panel_members m WHERE m.org_id = p.org_id AND m.panel_id = p.id AND m.status = 'active') AS active,
  (SELECT count(*)::int FROM panel_sessions s WHERE s.org_id = p.org_id AND s.panel_id = p.id) AS sessions`;

export async function listPanels(db: Sql, orgId: string): Promise<TPanelRow[]> {
  const r = await db.query<TPanelRow>(
    `SELECT ${PANEL_COLS} FROM panels p WHERE p.org_id = $1 ORDER BY p.created_at DESC, p.id`,
    [orgId],
  );
  return r.rows;
}

export async function getPanel(db: Sql, orgId: string, id: string): Promise<TPanelRow | null> {
  const r = await db.query<TPanelRow>(
    `SELECT ${PANEL_COLS} FROM panels p WHERE p.org_id = $1 AND p.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertPanel(
  db: Sql,
  orgId: string,
  v: {
    name: string;
    description: string;
    kind: string;
    consentText: string;
    signupSlug: string | null;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO panels (org_id, name, description, kind, consent_text, signup_slug, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [orgId, v.name, v.description, v.kind, v.consentText, v.signupSlug, v.createdBy],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function updatePanel(
  db: Sql,
  orgId: string,
  id: string,
  v: Partial<{
    name: string;
    description: string;
    kind: string;
    consent_text: string;
    fatigue_days: number;
    signup_slug: string | null;
  }>,
): Promise<boolean> {
  const cols = Object.keys(v);
  if (!cols.length) return true;
  const sets = cols.map((c, i) => `${c} = $${i + 3}`).join(', ');
  const r = await db.query(`UPDATE panels SET ${sets} WHERE org_id = $1 AND id = $2 RETURNING 1`, [
    orgId,
    id,
    ...cols.map((c) => (v as Record<string, unknown>)[c]),
  ]);
  return r.rows.length > 0;
}

export async function panelBySlug(
  db: Sql,
  slug: string,
): Promise<{
  org_id: string;
  id: string;
  name: string;
  description: string;
  consent_text: string;
} | null> {
  // Public sign-up: the slug is the only key (unique across orgs); org_id comes from the row.
  const r = await db.query<{
    org_id: string;
    id: string;
    name: string;
    description: string;
    consent_text: string;
  }>(
    `SELECT org_id, id, name, description, consent_text FROM panels
      WHERE signup_slug = $1 AND org_id IS NOT NULL`,
    [slug],
  );
  return r.rows[0] ?? null;
}

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

// ------------------------------------------------------------------------------ samples
export async function insertSample(
  db: Sql,
  orgId: string,
  v: {
    panelId: string;
    seed: number;
    size: number;
    quotas: unknown;
    memberIds: string[];
    fill: unknown;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO panel_samples (org_id, panel_id, seed, size, quotas, member_ids, fill, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::uuid[], $7::jsonb, $8) RETURNING id`,
    [
      orgId,
      v.panelId,
      v.seed,
      v.size,
      JSON.stringify(v.quotas),
      v.memberIds,
      JSON.stringify(v.fill),
      v.createdBy,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

export interface TSampleRow {
  id: string;
  panel_id: string;
  seed: number;
  size: number;
  quotas: unknown[];
  member_ids: string[];
  fill: unknown[];
  created_at: string;
}
export async function listSamples(db: Sql, orgId: string, panelId: string): Promise<TSampleRow[]> {
  const r = await db.query<TSampleRow>(
    `SELECT id, panel_id, seed, size, quotas, member_ids::text[] AS member_ids, fill,
            ${iso('created_at')} AS created_at
       FROM panel_samples WHERE org_id = $1 AND panel_id = $2 ORDER BY created_at DESC, id`,
    [orgId, panelId],
  );
  return r.rows;
}
export async function getSample(db: Sql, orgId: string, id: string): Promise<TSampleRow | null> {
  const r = await db.query<TSampleRow>(
    `SELECT id, panel_id, seed, size, quotas, member_ids::text[] AS member_ids, fill,
            ${iso('created_at')} AS created_at
       FROM panel_samples WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

// ------------------------------------------------------------------------------ sessions
export interface TSessionRow {
  id: string;
  panel_id: string;
  kind: string;
  topic: string;
  guide: unknown[];
  starts_at: string;
  place: string;
  video_url: string;
  moderator_id: string | null;
  recording: boolean;
  created_at: string;
  invited: number;
  yes: number;
  attended: number;
  insights: number;
}
const SESSION_COLS = `s.id, s.panel_id, s.kind, s.topic, s.guide, ${iso('s.starts_at')} AS starts_at, s.place,
  s.video_url, s.moderator_id, s.recording, ${iso('s.created_at')} AS created_at,
  (SELECT count(*)::int FROM panel_invites i WHERE i.org_id = s.org_id AND i.session_id = s.id) AS invited,
  (SELECT count(*)::int FROM panel_invites i WHERE i.org_id = s.org_id AND i.session_id = s.id AND i.rsvp = 'yes') AS yes,
  (SELECT count(*)::int FROM panel_invites i WHERE i.org_id = s.org_id AND i.session_id = s.id AND i.attended) AS attended,
  (SELECT count(*)::int FROM panel_insights x WHERE x.org_id = s.org_id AND x.session_id = s.id) AS insights`;

export async function listSessions(
  db: Sql,
  orgId: string,
  panelId: string,
): Promise<TSessionRow[]> {
  const r = await db.query<TSessionRow>(
    `SELECT ${SESSION_COLS} FROM panel_sessions s WHERE s.org_id = $1 AND s.panel_id = $2
      ORDER BY s.starts_at DESC, s.id`,
    [orgId, panelId],
  );
  return r.rows;
}

export async function getSession(db: Sql, orgId: string, id: string): Promise<TSessionRow | null> {
  const r = await db.query<TSessionRow>(
    `SELECT ${SESSION_COLS} FROM panel_sessions s WHERE s.org_id = $1 AND s.id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function insertSession(
  db: Sql,
  orgId: string,
  panelId: string,
  v: {
    kind: string;
    topic: string;
    guide: unknown[];
    startsAt: string;
    place: string;
    videoUrl: string;
    moderatorId: string | null;
    recording: boolean;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO panel_sessions (org_id, panel_id, kind, topic, guide, starts_at, place, video_url,
                                 moderator_id, recording, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz, $7, $8, $9, $10, $11) RETURNING id`,
    [
      orgId,
      panelId,
      v.kind,
      v.topic,
      JSON.stringify(v.guide),
      v.startsAt,
      v.place,
      v.videoUrl,
      v.moderatorId,
      v.recording,
      v.createdBy,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

// ------------------------------------------------------------------------------ invites
export interface TInviteRow {
  member_id: string;
  name: string;
  email: string | null;
  status: string;
  segment: string | null;
  customer_id: string | null;
  rsvp: string;
  attended: boolean;
  recording_consent: boolean;
  invited_at: string;
  reminded_at: string | null;
  answered_at: string | null;
}
export async function listInvites(
  db: Sql,
  orgId: string,
  sessionId: string,
): Promise<TInviteRow[]> {
  const r = await db.query<TInviteRow>(
    `SELECT i.member_id, m.name, m.email, m.status, m.segment, m.customer_id, i.rsvp, i.attended,
            i.recording_consent, ${iso('i.invited_at')} AS invited_at,
            ${iso('i.reminded_at')} AS reminded_at, ${iso('i.answered_at')} AS answered_at
       FROM panel_invites i
       JOIN panel_members m ON m.org_id = i.org_id AND m.id = i.member_id
      WHERE i.org_id = $1 AND i.session_id = $2
      ORDER BY fid_name_key(m.name), m.id`,
    [orgId, sessionId],
  );
  return r.rows;
}

export async function insertInvites(
  db: Sql,
  orgId: string,
  sessionId: string,
  rows: { memberId: string; tokenHash: string }[],
): Promise<string[]> {
  if (!rows.length) return [];
  const r = await db.query<{ member_id: string }>(
    `INSERT INTO panel_invites (org_id, session_id, member_id, token_hash)
     SELECT $1, $2, x.member_id, x.token_hash
       FROM jsonb_to_recordset($3::jsonb) AS x(member_id uuid, token_hash text)
     ON CONFLICT DO NOTHING RETURNING member_id`,
    [
      orgId,
      sessionId,
      JSON.stringify(rows.map((x) => ({ member_id: x.memberId, token_hash: x.tokenHash }))),
    ],
  );
  return r.rows.map((x) => x.member_id);
}

export async function setAttendance(
  db: Sql,
  orgId: string,
  sessionId: string,
  memberId: string,
  attended: boolean,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE panel_invites SET attended = $4 WHERE org_id = $1 AND session_id = $2 AND member_id = $3 RETURNING 1`,
    [orgId, sessionId, memberId, attended],
  );
  return r.rows.length > 0;
}

export interface TInviteByToken {
  org_id: string;
  session_id: string;
  member_id: string;
  rsvp: string;
  recording_consent: boolean;
  member_status: string;
  name: string;
  topic: string;
  kind: string;
  starts_at: string;
  place: string;
  video_url: string;
  recording: boolean;
  panel: string;
}
export async function inviteByTokenHash(db: Sql, hash: string): Promise<TInviteByToken | null> {
  // RSVP link: the token hash is the only key (unique); org_id comes from the row.
  const r = await db.query<TInviteByToken>(
    `SELECT i.org_id, i.session_id, i.member_id, i.rsvp, i.recording_consent, m.status AS member_status,
            m.name, s.topic, s.kind, ${iso('s.starts_at')} AS starts_at, s.place, s.video_url,
            s.recording, p.name AS panel
       FROM panel_invites i
       JOIN panel_members m ON m.org_id = i.org_id AND m.id = i.member_id
       JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
       JOIN panels p ON p.org_id = s.org_id AND p.id = s.panel_id
      WHERE i.token_hash = $1 AND i.org_id IS NOT NULL`,
    [hash],
  );
  return r.rows[0] ?? null;
}

export async function answerInvite(
  db: Sql,
  orgId: string,
  sessionId: string,
  memberId: string,
  rsvp: string,
  recordingConsent: boolean,
): Promise<void> {
  await db.query(
    `UPDATE panel_invites SET rsvp = $4, recording_consent = $5, answered_at = now()
      WHERE org_id = $1 AND session_id = $2 AND member_id = $3`,
    [orgId, sessionId, memberId, rsvp, recordingConsent],
  );
}

/** Invitations to mail now: active members with an e-mail (a withdrawal stops them at once). */
export async function mailableInvites(
  db: Sql,
  orgId: string,
  sessionId: string,
  memberIds: string[] | null,
  reminder: boolean,
): Promise<{ member_id: string; name: string; email: string; language: string }[]> {
  const r = await db.query<{ member_id: string; name: string; email: string; language: string }>(
    `SELECT i.member_id, m.name, m.email, m.language FROM panel_invites i
       JOIN panel_members m ON m.org_id = i.org_id AND m.id = i.member_id
      WHERE i.org_id = $1 AND i.session_id = $2 AND m.status = 'active' AND m.email IS NOT NULL
        AND ($3::uuid[] IS NULL OR i.member_id = ANY($3::uuid[]))
        AND (CASE WHEN $4 THEN i.rsvp <> 'no' AND i.reminded_at IS NULL AND i.mailed_at IS NOT NULL
                  ELSE i.mailed_at IS NULL END)
      ORDER BY i.member_id`,
    [orgId, sessionId, memberIds, reminder],
  );
  return r.rows;
}

export async function markMailed(
  db: Sql,
  orgId: string,
  sessionId: string,
  memberId: string,
  reminder: boolean,
) {
  await db.query(
    `UPDATE panel_invites SET ${reminder ? 'reminded_at' : 'mailed_at'} = now() WHERE org_id = $1 AND session_id = $2 AND member_id = $3`,
    [orgId, sessionId, memberId],
  );
}

// ------------------------------------------------------------------------------ notes
export interface TNoteRow {
  id: string;
  kind: string;
  file_name: string | null;
  body: string;
  themes: string[];
  author_id: string | null;
  created_at: string;
}
export async function listNotes(db: Sql, orgId: string, sessionId: string): Promise<TNoteRow[]> {
  const r = await db.query<TNoteRow>(
    `SELECT id, kind, file_name, body, themes, author_id, ${iso('created_at')} AS created_at
       FROM panel_notes WHERE org_id = $1 AND session_id = $2 ORDER BY created_at, id`,
    [orgId, sessionId],
  );
  return r.rows;
}
export async function insertNote(
  db: Sql,
  orgId: string,
  sessionId: string,
  v: {
    kind: string;
    fileName: string | null;
    body: string;
    themes: string[];
    authorId: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO panel_notes (org_id, session_id, kind, file_name, body, themes, author_id)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7) RETURNING id`,
    [orgId, sessionId, v.kind, v.fileName, v.body, v.themes, v.authorId],
  );
  return (r.rows[0] as { id: string }).id;
}
export async function noteInSession(db: Sql, orgId: string, sessionId: string, noteId: string) {
  const r = await db.query(
    `SELECT 1 FROM panel_notes WHERE org_id = $1 AND session_id = $2 AND id = $3`,
    [orgId, sessionId, noteId],
  );
  return r.rows.length > 0;
}

// ------------------------------------------------------------------------------ insights
export interface TInsightRow {
  id: string;
  session_id: string;
  note_id: string | null;
  member_id: string | null;
  customer_id: string | null;
  member_name: string | null;
  theme: string;
  quote: string;
  segment: string | null;
  need_id: string | null;
  need_kind: string | null;
  attribute_id: string | null;
  gap: number | null;
  created_at: string;
}
export async function listInsights(
  db: Sql,
  orgId: string,
  f: { sessionId?: string; panelId?: string },
): Promise<(TInsightRow & { topic: string; starts_at: string })[]> {
  const r = await db.query<TInsightRow & { topic: string; starts_at: string }>(
    `SELECT i.id, i.session_id, i.note_id, i.member_id, i.customer_id, m.name AS member_name, i.theme,
            i.quote, i.segment, i.need_id, i.need_kind, i.attribute_id, i.gap,
            ${iso('i.created_at')} AS created_at, s.topic, ${iso('s.starts_at')} AS starts_at
       FROM panel_insights i
       JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
       LEFT JOIN panel_members m ON m.org_id = i.org_id AND m.id = i.member_id
      WHERE i.org_id = $1 AND ($2::uuid IS NULL OR i.session_id = $2::uuid)
        AND ($3::uuid IS NULL OR s.panel_id = $3::uuid)
      ORDER BY s.starts_at DESC, i.created_at, i.id`,
    [orgId, f.sessionId ?? null, f.panelId ?? null],
  );
  return r.rows;
}
export async function insertInsight(
  db: Sql,
  orgId: string,
  sessionId: string,
  v: {
    noteId: string | null;
    memberId: string | null;
    customerId: string | null;
    theme: string;
    quote: string;
    segment: string | null;
    needId: string | null;
    needKind: string | null;
    attributeId: string | null;
    gap: number | null;
    createdBy: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO panel_insights (org_id, session_id, note_id, member_id, customer_id, theme, quote,
                                 segment, need_id, need_kind, attribute_id, gap, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      orgId,
      sessionId,
      v.noteId,
      v.memberId,
      v.customerId,
      v.theme,
      v.quote,
      v.segment,
      v.needId,
      v.needKind,
      v.attributeId,
      v.gap,
      v.createdBy,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function invitedMember(
  db: Sql,
  orgId: string,
  sessionId: string,
  memberId: string,
): Promise<{ customer_id: string | null; segment: string | null } | null> {
  const r = await db.query<{ customer_id: string | null; segment: string | null }>(
    `SELECT m.customer_id, m.segment FROM panel_invites i
       JOIN panel_members m ON m.org_id = i.org_id AND m.id = i.member_id
      WHERE i.org_id = $1 AND i.session_id = $2 AND i.member_id = $3`,
    [orgId, sessionId, memberId],
  );
  return r.rows[0] ?? null;
}

// ------------------------------------------------------------------------------ incentives
export interface TIncentiveRow {
  id: string;
  member_id: string;
  member_name: string;
  member_email: string | null;
  session_id: string | null;
  topic: string | null;
  kind: string;
  amount: string;
  note: string;
  created_at: string;
}
const INCENTIVE_SQL = `SELECT x.id, x.member_id, m.name AS member_name, m.email AS member_email, x.session_id,
    s.topic, x.kind, x.amount::text AS amount, x.note, ${iso('x.created_at')} AS created_at
   FROM panel_incentives x
   JOIN panel_members m ON m.org_id = x.org_id AND m.id = x.member_id
   LEFT JOIN panel_sessions s ON s.org_id = x.org_id AND s.id = x.session_id`;

export async function listIncentives(
  db: Sql,
  orgId: string,
  panelId: string,
): Promise<TIncentiveRow[]> {
  const r = await db.query<TIncentiveRow>(
    `${INCENTIVE_SQL} WHERE x.org_id = $1 AND m.panel_id = $2 ORDER BY x.created_at DESC, x.id`,
    [orgId, panelId],
  );
  return r.rows;
}
export async function getIncentive(db: Sql, orgId: string, id: string) {
  const r = await db.query<TIncentiveRow>(`${INCENTIVE_SQL} WHERE x.org_id = $1 AND x.id = $2`, [
    orgId,
    id,
  ]);
  return r.rows[0] ?? null;
}
export async function insertIncentive(
  db: Sql,
  orgId: string,
  v: {
    id: string;
    memberId: string;
    customerId: string | null;
    sessionId: string | null;
    kind: string;
    amount: number;
    note: string;
    createdBy: string | null;
  },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO panel_incentives (org_id, id, member_id, customer_id, session_id, kind, amount, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING 1`,
    [orgId, v.id, v.memberId, v.customerId, v.sessionId, v.kind, v.amount, v.note, v.createdBy],
  );
  return r.rows.length > 0;
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

// ------------------------------------------------------------------------------ member history
/** Sessions a member was invited to (newest first), with RSVP and attendance. */
export async function sessionsOfMember(db: Sql, orgId: string, memberId: string) {
  const r = await db.query<{
    session_id: string;
    kind: string;
    topic: string;
    starts_at: string;
    rsvp: string | null;
    attended: boolean;
  }>(
    `SELECT s.id AS session_id, s.kind, s.topic, ${iso('s.starts_at')} AS starts_at, i.rsvp, i.attended
       FROM panel_invites i
       JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
      WHERE i.org_id = $1 AND i.member_id = $2
      ORDER BY s.starts_at DESC, s.id`,
    [orgId, memberId],
  );
  return r.rows;
}

export async function incentivesOfMember(
  db: Sql,
  orgId: string,
  memberId: string,
): Promise<TIncentiveRow[]> {
  const r = await db.query<TIncentiveRow>(
    `${INCENTIVE_SQL} WHERE x.org_id = $1 AND x.member_id = $2 ORDER BY x.created_at DESC, x.id`,
    [orgId, memberId],
  );
  return r.rows;
}
