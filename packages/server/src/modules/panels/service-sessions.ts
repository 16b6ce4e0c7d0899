// Focus-group / interview sessions: create and read, invitations with reminders (durable jobs),
// attendance, notes and transcript files. Re-exported by service.ts.
import { type TSessionCreate, ZSessionCreateSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { sha256 } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import * as repo from './repo';
import {
  assertAttribute,
  assertNeed,
  mustPanel,
  mustSession,
  type TPanelDeps,
  toInsight,
} from './service-shared';
import { inviteToken } from './tokens';

// ------------------------------------------------------------------------------ sessions
const toSession = (s: repo.TSessionRow) => ({
  id: s.id,
  panelId: s.panel_id,
  kind: s.kind,
  topic: s.topic,
  guide: s.guide,
  startsAt: s.starts_at,
  place: s.place,
  videoUrl: s.video_url,
  moderatorId: s.moderator_id,
  recording: s.recording,
  createdAt: s.created_at,
  counts: { invited: s.invited, yes: s.yes, attended: s.attended, insights: s.insights },
});

export async function listSessions(db: Sql, auth: AuthContext, panelId: string) {
  await mustPanel(db, auth.orgId, panelId);
  return { items: (await repo.listSessions(db, auth.orgId, panelId)).map(toSession) };
}

export async function createSession(
  db: Sql,
  auth: AuthContext,
  panelId: string,
  body: TSessionCreate,
) {
  const v = ZSessionCreateSchema.parse(body);
  await mustPanel(db, auth.orgId, panelId);
  for (const g of v.guide) {
    if (g.needId) await assertNeed(db, auth.orgId, g.needId);
    if (g.attributeId) await assertAttribute(db, auth.orgId, g.attributeId);
  }
  return db.transaction(async (tx) => {
    const id = await repo.insertSession(tx, auth.orgId, panelId, {
      ...v,
      moderatorId: v.moderatorId ?? auth.userId,
      createdBy: auth.userId,
    });
    await audit(tx, auth, { action: 'panel.session_created', entity: 'panel', entityId: panelId });
    return toSession((await repo.getSession(tx, auth.orgId, id)) as repo.TSessionRow);
  });
}

export async function getSession(db: Sql, auth: AuthContext, id: string) {
  const s = await mustSession(db, auth.orgId, id);
  const [invites, notes, insights] = [
    await repo.listInvites(db, auth.orgId, id),
    await repo.listNotes(db, auth.orgId, id),
    await repo.listInsights(db, auth.orgId, { sessionId: id }),
  ];
  return {
    ...toSession(s),
    panelName: (await repo.getPanel(db, auth.orgId, s.panel_id))?.name ?? '',
    invites: invites.map((i) => ({
      memberId: i.member_id,
      name: i.name,
      email: i.email,
      memberStatus: i.status,
      segment: i.segment,
      rsvp: i.rsvp,
      attended: i.attended,
      recordingConsent: i.recording_consent,
      invitedAt: i.invited_at,
      remindedAt: i.reminded_at,
      answeredAt: i.answered_at,
    })),
    notes: notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      fileName: n.file_name,
      body: n.body,
      themes: n.themes,
      createdAt: n.created_at,
    })),
    insights: insights.map(toInsight),
  };
}

/** Invites a saved sample or chosen members; mail and the reminder go through durable jobs. */
export async function invite(
  db: Sql,
  auth: AuthContext,
  deps: TPanelDeps,
  sessionId: string,
  body: {
    sampleId?: string | undefined;
    memberIds?: string[] | undefined;
    remindHoursBefore?: number;
  },
) {
  const s = await mustSession(db, auth.orgId, sessionId);
  if (Date.parse(s.starts_at) < Date.now()) throw new AppError('PANEL_SESSION_PAST');
  let ids: string[];
  if (body.sampleId) {
    const sample = await repo.getSample(db, auth.orgId, body.sampleId);
    if (!sample || sample.panel_id !== s.panel_id) throw new AppError('PANEL_AUDIENCE_INVALID');
    ids = sample.member_ids;
  } else if (body.memberIds?.length) ids = body.memberIds;
  else throw new AppError('PANEL_AUDIENCE_INVALID');
  const members = await repo.listMembers(db, auth.orgId, s.panel_id);
  const byId = new Map(members.map((m) => [m.id, m]));
  const ok = [...new Set(ids)].filter((id) => {
    const m = byId.get(id);
    return m && m.status === 'active' && m.email;
  });
  const hours = body.remindHoursBefore ?? 24;
  return db.transaction(async (tx) => {
    const added = await repo.insertInvites(
      tx,
      auth.orgId,
      sessionId,
      ok.map((memberId) => ({
        memberId,
        tokenHash: sha256(inviteToken(deps.secret, auth.orgId, sessionId, memberId)),
      })),
    );
    if (added.length) {
      await repo.markContacted(tx, auth.orgId, added);
      await enqueue(tx, {
        orgId: auth.orgId,
        kind: 'panels.invite',
        maxAttempts: 5,
        payload: { sessionId, memberIds: added, reminder: false },
      });
      const remindAt = Date.parse(s.starts_at) - hours * 3_600_000;
      if (hours > 0 && remindAt > Date.now())
        await enqueue(tx, {
          orgId: auth.orgId,
          kind: 'panels.invite',
          maxAttempts: 5,
          runAt: new Date(remindAt),
          payload: { sessionId, memberIds: null, reminder: true },
        });
    }
    await audit(tx, auth, {
      action: 'panel.invited',
      entity: 'panel',
      entityId: s.panel_id,
      changes: { sessionId, invited: added.length },
    });
    return { invited: added.length, skipped: ids.length - added.length };
  });
}

export async function setAttendance(
  db: Sql,
  auth: AuthContext,
  sessionId: string,
  body: { memberId: string; attended: boolean },
) {
  await mustSession(db, auth.orgId, sessionId);
  if (!(await repo.setAttendance(db, auth.orgId, sessionId, body.memberId, body.attended)))
    throw new AppError('PANEL_MEMBER_NOT_INVITED');
  return { memberId: body.memberId, attended: body.attended };
}

// ------------------------------------------------------------------------------ notes
export const TRANSCRIPT_MAX_BYTES = 1024 * 1024;

export async function addNote(
  db: Sql,
  auth: AuthContext,
  sessionId: string,
  v: { body: string; themes: string[]; kind?: 'typed' | 'transcript'; fileName?: string | null },
) {
  await mustSession(db, auth.orgId, sessionId);
  const themes = [
    ...new Set(v.themes.map((t) => t.trim().toLocaleLowerCase('es')).filter(Boolean)),
  ];
  const id = await repo.insertNote(db, auth.orgId, sessionId, {
    kind: v.kind ?? 'typed',
    fileName: v.fileName ?? null,
    body: v.body,
    themes,
    authorId: auth.userId,
  });
  return { id, kind: v.kind ?? 'typed', themes };
}

/**
 * A transcript file: refused when larger than 1 MB, when it holds NUL or other binary control
 * bytes (Word, PDF, audio…) or is not valid UTF-8. A UTF-8 BOM is dropped.
 */
export function transcriptText(bytes: Buffer): string {
  if (bytes.length > TRANSCRIPT_MAX_BYTES) throw new AppError('PANEL_TRANSCRIPT_TOO_LARGE');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('PANEL_TRANSCRIPT_NOT_TEXT');
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary sniff on purpose
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text))
    throw new AppError('PANEL_TRANSCRIPT_NOT_TEXT');
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new AppError('PANEL_TRANSCRIPT_EMPTY');
  return text;
}
