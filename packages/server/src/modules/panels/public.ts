// What the public pages of the panels module do (no login): the sign-up form with double
// opt-in, the RSVP page of an invitation (yes / no, consent to recording) and leaving the panel
// from that page. Rows are found by the hash of the link's token only.
import { ZRsvpSchema, ZSignupSchema } from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import { sha256 } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import * as repo from './repo';
import { optinToken } from './tokens';

const system = (orgId: string) => ({ orgId, userId: null, email: null });

export async function signupForm(db: Sql, slug: string) {
  const p = await repo.panelBySlug(db, slug);
  if (!p) throw new AppError('NOT_FOUND');
  return { name: p.name, description: p.description, consentText: p.consent_text };
}

/**
 * A pending member and a confirmation mail (double opt-in). The answer is the same whether the
 * address was already in the panel or not, so the form reveals nobody's membership.
 */
export async function signup(
  db: Sql,
  secret: string,
  slug: string,
  body: z.input<typeof ZSignupSchema>,
) {
  const v = ZSignupSchema.parse(body);
  const p = await repo.panelBySlug(db, slug);
  if (!p) throw new AppError('NOT_FOUND');
  await db.transaction(async (tx) => {
    if (await repo.emailInPanel(tx, p.org_id, p.id, v.email)) return;
    const [id] = await repo.insertMembers(tx, p.org_id, p.id, [
      {
        customerId: null,
        name: v.name,
        email: v.email,
        kind: 'external',
        segment: null,
        useClass: null,
        tier: null,
        demographics: v.demographics,
        language: v.language,
        source: 'signup',
        status: 'pending',
        consentText: p.consent_text,
        optinHash: null,
      },
    ]);
    if (!id) return;
    await repo.setOptinHash(tx, p.org_id, id, sha256(optinToken(secret, p.org_id, id)));
    await enqueue(tx, { orgId: p.org_id, kind: 'panels.optin', payload: { memberId: id } });
  });
  return { ok: true as const };
}

export async function confirmSignup(db: Sql, token: string) {
  const r = await db.transaction(async (tx) => {
    const m = await repo.confirmOptin(tx, sha256(token));
    if (m)
      await audit(tx, system(m.org_id), {
        action: 'panel.member_confirmed',
        entity: 'panel_member',
        entityId: m.id,
      });
    return m;
  });
  if (!r) throw new AppError('NOT_FOUND');
  return { panel: r.panel };
}

async function byToken(db: Sql, token: string) {
  const i = await repo.inviteByTokenHash(db, sha256(token));
  if (!i || i.member_status === 'erased') throw new AppError('NOT_FOUND');
  return i;
}

const view = (i: repo.TInviteByToken) => ({
  panel: i.panel,
  name: i.name,
  topic: i.topic,
  kind: i.kind,
  startsAt: i.starts_at,
  place: i.place,
  videoUrl: i.video_url,
  recording: i.recording,
  rsvp: i.rsvp,
  recordingConsent: i.recording_consent,
  withdrawn: i.member_status === 'withdrawn',
  past: Date.parse(i.starts_at) < Date.now(),
});

export async function invitation(db: Sql, token: string) {
  return view(await byToken(db, token));
}

export async function rsvp(db: Sql, token: string, body: z.input<typeof ZRsvpSchema>) {
  const v = ZRsvpSchema.parse(body);
  const i = await byToken(db, token);
  if (i.member_status !== 'active') throw new AppError('PANEL_MEMBER_INACTIVE');
  if (Date.parse(i.starts_at) < Date.now()) throw new AppError('PANEL_SESSION_PAST');
  await db.transaction(async (tx) => {
    await repo.answerInvite(
      tx,
      i.org_id,
      i.session_id,
      i.member_id,
      v.rsvp,
      v.rsvp === 'yes' && i.recording && v.recordingConsent,
    );
    await audit(tx, system(i.org_id), {
      action: 'panel.rsvp',
      entity: 'panel_member',
      entityId: i.member_id,
      changes: { sessionId: i.session_id, rsvp: v.rsvp },
    });
  });
  return view(await byToken(db, token));
}

/** "Leave the panel" from an invitation: consent withdrawn at once. */
export async function withdrawByToken(db: Sql, token: string) {
  const i = await byToken(db, token);
  await db.transaction(async (tx) => {
    await repo.withdrawMember(tx, i.org_id, i.member_id);
    await repo.answerInvite(tx, i.org_id, i.session_id, i.member_id, 'no', false);
    await audit(tx, system(i.org_id), {
      action: 'panel.member_withdrawn',
      entity: 'panel_member',
      entityId: i.member_id,
    });
  });
  return view(await byToken(db, token));
}
