// SQL for samples, sessions, their invitations (RSVP, attendance, mailing) and notes.
// Split from repo.ts by concern.
import type { Sql } from '../../db/client';
import { iso } from './repo-sql';

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
