// The panels module's one public surface (issue 17): panels of customers (registry or public
// sign-up with double opt-in), consent and its withdrawal, reproducible quota samples with the
// contact-fatigue rule, an incentives ledger, focus-group / interview sessions with invitations,
// reminders and RSVP by e-mail, attendance, notes and transcripts, insights linked to needs,
// service attributes and gaps, and their summaries. Other modules call only what is here.
import {
  type TIncentiveCreate,
  type TInsightCreate,
  type TPanelCreate,
  type TRecruit,
  type TSampleRequest,
  type TSessionCreate,
  ZIncentiveSchema,
  ZInsightSchema,
  ZMemberPatchSchema,
  ZPanelCreateSchema,
  ZPanelPatchSchema,
  ZRecruitSchema,
  ZSampleRequestSchema,
  ZSessionCreateSchema,
} from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { randomToken, sha256 } from '../../lib/crypto';
import { AppError, registerErrors } from '../../lib/errors';
import { isUuid } from '../../lib/uuid';
import { audit, registerAuditLabels } from '../audit/service';
import * as customers from '../customers/service';
import * as surveys from '../surveys/service';
import * as repo from './repo';
import { summaryBy } from './repo-insights';
import { drawSample, type TQuotaFill } from './sample';
import { timelineFor } from './timeline';
import { inviteToken, optinToken } from './tokens';

export { registerPanelJobs } from './mail';
export * from './public';

registerErrors({
  PANEL_SLUG_TAKEN: {
    status: 409,
    es: 'Ya hay otro formulario de inscripción con ese nombre.',
    en: 'Another sign-up form already uses that name.',
  },
  PANEL_AUDIENCE_INVALID: {
    status: 400,
    es: 'Elige una muestra o una lista de miembros para invitar.',
    en: 'Choose a sample or a list of members to invite.',
  },
  PANEL_SESSION_PAST: {
    status: 409,
    es: 'La sesión ya se celebró: no se pueden enviar invitaciones.',
    en: 'The session is over: invitations can no longer be sent.',
  },
  PANEL_MEMBER_NOT_INVITED: {
    status: 400,
    es: 'Esa persona no está invitada a esta sesión.',
    en: 'That member is not invited to this session.',
  },
  PANEL_MEMBER_INACTIVE: {
    status: 409,
    es: 'Esa persona retiró su consentimiento o sus datos se borraron.',
    en: 'That member withdrew consent or was erased.',
  },
  PANEL_NOTE_INVALID: {
    status: 400,
    es: 'La nota indicada no pertenece a esta sesión.',
    en: 'That note does not belong to this session.',
  },
  PANEL_NEED_UNKNOWN: {
    status: 400,
    es: 'La necesidad indicada no existe.',
    en: 'Unknown customer need.',
  },
  PANEL_ATTRIBUTE_UNKNOWN: {
    status: 400,
    es: 'El atributo de servicio indicado no existe.',
    en: 'Unknown service attribute.',
  },
  PANEL_INCENTIVE_CONFLICT: {
    status: 409,
    es: 'Ese incentivo ya se registró con otros datos.',
    en: 'That incentive was already recorded with other content.',
  },
  PANEL_TRANSCRIPT_TOO_LARGE: {
    status: 413,
    es: 'La transcripción supera el límite de 1 MB de texto. Divídela en varias partes.',
    en: 'The transcript exceeds the 1 MB text limit. Split it into several parts.',
  },
  PANEL_TRANSCRIPT_NOT_TEXT: {
    status: 415,
    es: 'La transcripción debe ser un archivo de texto (UTF-8, .txt o .vtt/.srt). Los documentos Word, PDF o audio no se aceptan.',
    en: 'The transcript must be a text file (UTF-8, .txt or .vtt/.srt). Word, PDF or audio files are not accepted.',
  },
  PANEL_TRANSCRIPT_EMPTY: {
    status: 400,
    es: 'La transcripción está vacía.',
    en: 'The transcript is empty.',
  },
});

registerAuditLabels('panel', async (db, orgId, ids) => {
  const all = await repo.listPanels(db, orgId);
  return new Map(all.filter((p) => ids.includes(p.id)).map((p) => [p.id, p.name]));
});

// GDPR erase covers panels: the person's memberships are blanked, their quotes and their name
// inside session notes anonymised, in the erase transaction.
customers.onCustomerErased('panels', async (tx, orgId, customerId) => {
  for (const id of await repo.memberIdsOfCustomer(tx, orgId, customerId)) {
    await repo.anonymiseMember(tx, orgId, id, true);
  }
});
customers.registerTimelineSource('panels', timelineFor);

export interface TPanelDeps {
  secret: string;
  publicUrl: string;
}

// ------------------------------------------------------------------------------ shapes
/** fatigueDays: the org's contact-fatigue window (surveys' setting), not a per-panel one. */
const toPanel = (p: repo.TPanelRow, fatigueDays: number) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  kind: p.kind,
  signupSlug: p.signup_slug,
  consentText: p.consent_text,
  fatigueDays,
  createdAt: p.created_at,
  members: p.members,
  activeMembers: p.active,
  sessions: p.sessions,
});
const toMember = (m: repo.TMemberRow) => ({
  id: m.id,
  panelId: m.panel_id,
  customerId: m.customer_id,
  name: m.name,
  email: m.email,
  kind: m.kind,
  segment: m.segment,
  useClass: m.use_class,
  tier: m.tier,
  demographics: m.demographics,
  language: m.language,
  source: m.source,
  status: m.status,
  consentAt: m.consent_at,
  withdrawnAt: m.withdrawn_at,
  lastContactedAt: m.last_contacted_at,
  createdAt: m.created_at,
  history: {
    invited: m.invited,
    attended: m.attended,
    incentives: Number(m.incentives),
    surveysAnswered: m.surveys,
  },
});

async function mustPanel(db: Sql, orgId: string, id: string) {
  const p = isUuid(id) ? await repo.getPanel(db, orgId, id) : null;
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}
async function mustMember(db: Sql, orgId: string, id: string) {
  const m = isUuid(id) ? await repo.getMember(db, orgId, id) : null;
  if (!m) throw new AppError('NOT_FOUND');
  return m;
}
async function mustSession(db: Sql, orgId: string, id: string) {
  const s = isUuid(id) ? await repo.getSession(db, orgId, id) : null;
  if (!s) throw new AppError('NOT_FOUND');
  return s;
}

const slugify = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'panel';

// ------------------------------------------------------------------------------ panels
export async function listPanels(db: Sql, auth: AuthContext) {
  const days = await surveys.contactFatigueDays(db, auth.orgId);
  return { items: (await repo.listPanels(db, auth.orgId)).map((p) => toPanel(p, days)) };
}

export async function getPanel(db: Sql, auth: AuthContext, id: string) {
  const p = await mustPanel(db, auth.orgId, id);
  return toPanel(p, await surveys.contactFatigueDays(db, auth.orgId));
}

export async function createPanel(db: Sql, auth: AuthContext, body: TPanelCreate) {
  const v = ZPanelCreateSchema.parse(body);
  return db.transaction(async (tx) => {
    const id = await repo.insertPanel(tx, auth.orgId, {
      ...v,
      signupSlug: v.signupOpen ? `${slugify(v.name)}-${randomToken(4).toLowerCase()}` : null,
      createdBy: auth.userId,
    });
    await audit(tx, auth, { action: 'panel.created', entity: 'panel', entityId: id });
    const row = (await repo.getPanel(tx, auth.orgId, id)) as repo.TPanelRow;
    return toPanel(row, await surveys.contactFatigueDays(tx, auth.orgId));
  });
}

export async function patchPanel(
  db: Sql,
  auth: AuthContext,
  id: string,
  body: z.input<typeof ZPanelPatchSchema>,
) {
  const v = ZPanelPatchSchema.parse(body);
  const p = await mustPanel(db, auth.orgId, id);
  const set: Parameters<typeof repo.updatePanel>[3] = {};
  if (v.name !== undefined) set.name = v.name;
  if (v.description !== undefined) set.description = v.description;
  if (v.kind !== undefined) set.kind = v.kind;
  if (v.consentText !== undefined) set.consent_text = v.consentText;
  if (v.signupOpen === false) set.signup_slug = null;
  if (v.signupOpen === true && !p.signup_slug)
    set.signup_slug = `${slugify(v.name ?? p.name)}-${randomToken(4).toLowerCase()}`;
  await db.transaction(async (tx) => {
    await repo.updatePanel(tx, auth.orgId, id, set);
    await audit(tx, auth, {
      action: 'panel.updated',
      entity: 'panel',
      entityId: id,
      changes: Object.fromEntries(Object.keys(set).map((k) => [k, '(changed)'])),
    });
  });
  return getPanel(db, auth, id);
}

// ------------------------------------------------------------------------------ members
export async function listMembers(db: Sql, auth: AuthContext, panelId: string) {
  await mustPanel(db, auth.orgId, panelId);
  return { items: (await repo.listMembers(db, auth.orgId, panelId)).map(toMember) };
}

const attrDemographics = (a: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(a)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .map(([k, v]) => [
        k
          .toLowerCase()
          .replace(/[^a-z0-9_]/g, '_')
          .slice(0, 40),
        String(v),
      ]),
  );

/**
 * Recruits registry customers (by id or by the registry's filters; the caller's unit scope
 * applies). Only active customers who accept being contacted for research (survey consent) and
 * who have an e-mail join; the answer counts the others by reason.
 */
export async function recruit(db: Sql, auth: AuthContext, panelId: string, body: TRecruit) {
  const v = ZRecruitSchema.parse(body);
  const panel = await mustPanel(db, auth.orgId, panelId);
  if (!v.customerIds && !v.filters) throw new AppError('PANEL_AUDIENCE_INVALID');
  const found: Awaited<ReturnType<typeof customers.get>>[] = [];
  if (v.customerIds) {
    for (const id of [...new Set(v.customerIds)]) {
      try {
        found.push(await customers.get(db, auth, id));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
  }
  let segmentLabel = v.segment ?? null;
  if (v.filters) {
    const f = v.filters;
    if (f.segmentId && !segmentLabel) {
      const segs = await customers.segments.list(db, auth);
      segmentLabel = segs.items.find((s) => s.id === f.segmentId)?.name ?? null;
    }
    let cursor: string | undefined;
    do {
      const page = await customers.list(db, auth, {
        sort: 'name',
        limit: 200,
        status: 'active',
        ...(f.q ? { q: f.q } : {}),
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.tier ? { tier: f.tier } : {}),
        ...(f.segmentId ? { segmentId: f.segmentId } : {}),
        ...(cursor ? { cursor } : {}),
      });
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && found.length < 5000);
  }
  const already = await repo.existingCustomerIds(db, auth.orgId, panelId);
  const skipped = { already: 0, noConsent: 0, noEmail: 0, inactive: 0 };
  const rows: repo.TNewMember[] = [];
  const seen = new Set<string>();
  for (const c of found) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (already.has(c.id)) skipped.already++;
    else if (c.status !== 'active') skipped.inactive++;
    else if (!c.consentSurvey) skipped.noConsent++;
    else if (!c.email) skipped.noEmail++;
    else
      rows.push({
        customerId: c.id,
        name: c.name,
        email: c.email,
        kind: c.kind,
        segment: segmentLabel,
        useClass: c.useClass,
        tier: c.tier,
        demographics: attrDemographics(c.attributes ?? {}),
        language: c.language === 'en' ? 'en' : 'es',
        source: 'registry',
        status: 'active',
        consentText: panel.consent_text,
        optinHash: null,
      });
  }
  const added = await db.transaction(async (tx) => {
    const ids = await repo.insertMembers(tx, auth.orgId, panelId, rows);
    await audit(tx, auth, {
      action: 'panel.recruited',
      entity: 'panel',
      entityId: panelId,
      changes: { added: ids.length, ...skipped },
    });
    return ids.length;
  });
  return { added, skipped };
}

export async function patchMember(
  db: Sql,
  auth: AuthContext,
  id: string,
  body: z.input<typeof ZMemberPatchSchema>,
) {
  const v = ZMemberPatchSchema.parse(body);
  const m = await mustMember(db, auth.orgId, id);
  if (m.status === 'erased') throw new AppError('PANEL_MEMBER_INACTIVE');
  await repo.patchMember(db, auth.orgId, id, {
    ...(v.segment !== undefined ? { segment: v.segment } : {}),
    ...(v.tier !== undefined ? { tier: v.tier } : {}),
    ...(v.useClass !== undefined ? { use_class: v.useClass } : {}),
    ...(v.demographics !== undefined ? { demographics: v.demographics } : {}),
  });
  return toMember((await repo.getMember(db, auth.orgId, id)) as repo.TMemberRow);
}

/** Consent withdrawn: the member leaves sampling and every invitation not yet mailed, at once. */
export async function withdrawMember(db: Sql, auth: AuthContext, id: string) {
  await mustMember(db, auth.orgId, id);
  await db.transaction(async (tx) => {
    await repo.withdrawMember(tx, auth.orgId, id);
    await audit(tx, auth, {
      action: 'panel.member_withdrawn',
      entity: 'panel_member',
      entityId: id,
    });
  });
  return toMember((await repo.getMember(db, auth.orgId, id)) as repo.TMemberRow);
}

/** On request: blank the member's identity, quotes and name inside notes (keeps the counts). */
export async function anonymiseMember(db: Sql, auth: AuthContext, id: string) {
  await mustMember(db, auth.orgId, id);
  await db.transaction(async (tx) => {
    await repo.anonymiseMember(tx, auth.orgId, id, false);
    await audit(tx, auth, {
      action: 'panel.member_anonymised',
      entity: 'panel_member',
      entityId: id,
    });
  });
  return toMember((await repo.getMember(db, auth.orgId, id)) as repo.TMemberRow);
}

// ------------------------------------------------------------------------------ sampling
/**
 * Members who may be drawn: active (consent given, not withdrawn) and not contacted within the
 * org's contact-fatigue window, the one the surveys use (surveys/service `contactFatigueDays`,
 * PUT /api/survey-settings; 0 = off). One rule over both contact logs: a survey invitation,
 * reminder, personal link or staff-keyed response (surveys' pub_survey_contacts) or an invitation
 * from any panel of the org. An excluded member is counted under the source of their LAST
 * contact, so survey + panel = fatigue.
 */
async function eligible(db: Sql, orgId: string, panel: repo.TPanelRow, now = Date.now()) {
  const all = await repo.listMembers(db, orgId, panel.id);
  const active = all.filter((m) => m.status === 'active');
  const fatigueDays = await surveys.contactFatigueDays(db, orgId);
  const last = await repo.lastContactByCustomer(
    db,
    orgId,
    active.flatMap((m) => (m.customer_id ? [m.customer_id] : [])),
  );
  const windowMs = fatigueDays * 86_400_000;
  const within = (at: string | null | undefined) =>
    windowMs > 0 && !!at && now - Date.parse(at) < windowMs;
  /** 'survey' / 'panel' when the member's last contact is recent, else null */
  const reason = (m: repo.TMemberRow): 'survey' | 'panel' | null => {
    const c = m.customer_id ? last.get(m.customer_id) : undefined;
    const panelAt = c?.panel ?? m.last_contacted_at;
    const surveyAt = c?.survey ?? null;
    const latest =
      surveyAt && (!panelAt || Date.parse(surveyAt) >= Date.parse(panelAt)) ? 'survey' : 'panel';
    const at = latest === 'survey' ? surveyAt : panelAt;
    return within(at) ? latest : null;
  };
  const why = active.map((m) => [m, reason(m)] as const);
  const bySurvey = why.filter(([, r]) => r === 'survey').length;
  const byPanel = why.filter(([, r]) => r === 'panel').length;
  return {
    fatigueDays,
    members: why.filter(([, r]) => r === null).map(([m]) => m),
    excluded: {
      fatigue: bySurvey + byPanel,
      fatigueSurvey: bySurvey,
      fatiguePanel: byPanel,
      notActive: all.length - active.length,
    },
  };
}

export async function previewSample(
  db: Sql,
  auth: AuthContext,
  panelId: string,
  body: TSampleRequest,
) {
  const v = ZSampleRequestSchema.parse(body);
  const panel = await mustPanel(db, auth.orgId, panelId);
  const seed = v.seed ?? Math.floor(Math.random() * 2147483647);
  const el = await eligible(db, auth.orgId, panel);
  const draw = drawSample(el.members, v.size, v.quotas, seed);
  return {
    seed,
    size: v.size,
    quotas: v.quotas,
    eligible: el.members.length,
    excluded: el.excluded,
    fatigueDays: el.fatigueDays,
    fill: draw.fill,
    members: draw.members.map(toMember),
  };
}

export async function saveSample(
  db: Sql,
  auth: AuthContext,
  panelId: string,
  body: TSampleRequest,
) {
  const p = await previewSample(db, auth, panelId, body);
  const id = await db.transaction(async (tx) => {
    const sid = await repo.insertSample(tx, auth.orgId, {
      panelId,
      seed: p.seed,
      size: p.size,
      quotas: p.quotas,
      memberIds: p.members.map((m) => m.id),
      fill: p.fill,
      createdBy: auth.userId,
    });
    await audit(tx, auth, {
      action: 'panel.sample_drawn',
      entity: 'panel',
      entityId: panelId,
      changes: { sampleId: sid, seed: p.seed, size: p.members.length },
    });
    return sid;
  });
  return { id, ...p };
}

export async function listSamples(db: Sql, auth: AuthContext, panelId: string) {
  await mustPanel(db, auth.orgId, panelId);
  return {
    items: (await repo.listSamples(db, auth.orgId, panelId)).map((s) => ({
      id: s.id,
      seed: s.seed,
      size: s.size,
      quotas: s.quotas,
      fill: s.fill as TQuotaFill[],
      memberIds: s.member_ids,
      createdAt: s.created_at,
    })),
  };
}

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

// ------------------------------------------------------------------------------ insights
const toInsight = (i: repo.TInsightRow & { topic?: string; starts_at?: string }) => ({
  id: i.id,
  sessionId: i.session_id,
  noteId: i.note_id,
  memberId: i.member_id,
  memberName: i.member_name,
  customerId: i.customer_id,
  theme: i.theme,
  quote: i.quote,
  segment: i.segment,
  needId: i.need_id,
  needKind: i.need_kind,
  attributeId: i.attribute_id,
  gap: i.gap,
  createdAt: i.created_at,
  ...(i.topic !== undefined ? { topic: i.topic, sessionAt: i.starts_at } : {}),
});

async function viewExists(db: Sql, name: string): Promise<boolean> {
  const r = await db.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [name]);
  return r.rows[0]?.ok === true;
}
/** Needs are the strategy module's (pub_strategy_needs): checked when that view exists. */
async function assertNeed(db: Sql, orgId: string, id: string) {
  if (!(await viewExists(db, 'pub_strategy_needs'))) return;
  const r = await db.query('SELECT 1 FROM pub_strategy_needs WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  if (!r.rows.length) throw new AppError('PANEL_NEED_UNKNOWN');
}
/** Service attributes are the standards module's (pub_service_attributes), when it exists. */
async function assertAttribute(db: Sql, orgId: string, id: string) {
  if (!(await viewExists(db, 'pub_service_attributes'))) return;
  const r = await db.query('SELECT 1 FROM pub_service_attributes WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  if (!r.rows.length) throw new AppError('PANEL_ATTRIBUTE_UNKNOWN');
}

export async function addInsight(
  db: Sql,
  auth: AuthContext,
  sessionId: string,
  body: TInsightCreate,
) {
  const v = ZInsightSchema.parse(body);
  await mustSession(db, auth.orgId, sessionId);
  if (v.noteId && !(await repo.noteInSession(db, auth.orgId, sessionId, v.noteId)))
    throw new AppError('PANEL_NOTE_INVALID');
  let customerId: string | null = null;
  let segment = v.segment ?? null;
  if (v.memberId) {
    const m = await repo.invitedMember(db, auth.orgId, sessionId, v.memberId);
    if (!m) throw new AppError('PANEL_MEMBER_NOT_INVITED');
    customerId = m.customer_id;
    segment = segment ?? m.segment;
  }
  if (v.needId) await assertNeed(db, auth.orgId, v.needId);
  if (v.attributeId) await assertAttribute(db, auth.orgId, v.attributeId);
  const id = await repo.insertInsight(db, auth.orgId, sessionId, {
    noteId: v.noteId ?? null,
    memberId: v.memberId ?? null,
    customerId,
    theme: v.theme.trim().toLocaleLowerCase('es'),
    quote: v.quote,
    segment,
    needId: v.needId ?? null,
    needKind: v.needKind ?? null,
    attributeId: v.attributeId ?? null,
    gap: v.gap ?? null,
    createdBy: auth.userId,
  });
  const row = (await repo.listInsights(db, auth.orgId, { sessionId })).find((x) => x.id === id);
  return toInsight(row as repo.TInsightRow);
}

/** Theme summary across sessions (one panel or all): insights by theme and segment, quotes. */
export async function themes(db: Sql, auth: AuthContext, panelId?: string) {
  if (panelId) await mustPanel(db, auth.orgId, panelId);
  const rows = await repo.listInsights(db, auth.orgId, panelId ? { panelId } : {});
  const by = new Map<
    string,
    {
      theme: string;
      count: number;
      sessions: Set<string>;
      segments: Map<string, number>;
      quotes: ReturnType<typeof toInsight>[];
    }
  >();
  for (const r of rows) {
    const e = by.get(r.theme) ?? {
      theme: r.theme,
      count: 0,
      sessions: new Set<string>(),
      segments: new Map<string, number>(),
      quotes: [],
    };
    e.count++;
    e.sessions.add(r.session_id);
    const seg = r.segment ?? '';
    e.segments.set(seg, (e.segments.get(seg) ?? 0) + 1);
    if (r.quote && e.quotes.length < 3) e.quotes.push(toInsight(r));
    by.set(r.theme, e);
  }
  return {
    total: rows.length,
    items: [...by.values()]
      .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme, 'es'))
      .map((e) => ({
        theme: e.theme,
        count: e.count,
        sessions: e.sessions.size,
        segments: [...e.segments.entries()]
          .map(([segment, count]) => ({ segment: segment || null, count }))
          .sort((a, b) => b.count - a.count),
        quotes: e.quotes,
      })),
  };
}

/** Insights by need and by service attribute with their names (own view of insightSummary). */
export async function insightLinks(db: Sql, auth: AuthContext) {
  const s = await insightSummary(db, auth.orgId);
  const needIds = Object.keys(s.needs);
  const needs = new Map<string, { text: string; kind: string; segment: string | null }>();
  if (needIds.length && (await viewExists(db, 'pub_strategy_needs'))) {
    const r = await db.query<{ id: string; text: string; kind: string; segment: string | null }>(
      'SELECT id, text, kind, segment FROM pub_strategy_needs WHERE org_id = $1 AND id = ANY($2::uuid[])',
      [auth.orgId, needIds],
    );
    for (const x of r.rows) needs.set(x.id, x);
  }
  const attrIds = Object.keys(s.attributes);
  const attrs = new Map<string, { name_es: string; name_en: string }>();
  if (attrIds.length && (await viewExists(db, 'pub_service_attributes'))) {
    const r = await db.query<{ id: string; name_es: string; name_en: string }>(
      'SELECT id, name_es, name_en FROM pub_service_attributes WHERE org_id = $1 AND id = ANY($2::uuid[])',
      [auth.orgId, attrIds],
    );
    for (const x of r.rows) attrs.set(x.id, x);
  }
  return {
    needs: needIds.map((id) => ({
      id,
      text: needs.get(id)?.text ?? null,
      kind: needs.get(id)?.kind ?? null,
      segment: needs.get(id)?.segment ?? null,
      ...(s.needs[id] as TInsightSummaryEntry),
    })),
    attributes: attrIds.map((id) => ({
      id,
      nameEs: attrs.get(id)?.name_es ?? null,
      nameEn: attrs.get(id)?.name_en ?? null,
      ...(s.attributes[id] as TInsightSummaryEntry),
    })),
  };
}

// ------------------------------------------------------------------------------ incentives
const toIncentive = (x: repo.TIncentiveRow) => ({
  id: x.id,
  memberId: x.member_id,
  memberName: x.member_name,
  sessionId: x.session_id,
  sessionTopic: x.topic,
  kind: x.kind,
  amount: Number(x.amount),
  note: x.note,
  createdAt: x.created_at,
});

export async function listIncentives(db: Sql, auth: AuthContext, panelId: string) {
  await mustPanel(db, auth.orgId, panelId);
  const rows = await repo.listIncentives(db, auth.orgId, panelId);
  const totals = { points: 0, voucher: 0 };
  for (const r of rows) totals[r.kind as 'points' | 'voucher'] += Number(r.amount);
  return { items: rows.map(toIncentive), totals };
}

export async function incentiveRows(db: Sql, auth: AuthContext, panelId: string) {
  await mustPanel(db, auth.orgId, panelId);
  return repo.listIncentives(db, auth.orgId, panelId);
}

/** Client-made id: same id and content again = replay (200), other content = 409. */
export async function addIncentive(
  db: Sql,
  auth: AuthContext,
  memberId: string,
  body: TIncentiveCreate,
) {
  const v = ZIncentiveSchema.parse(body);
  const m = await mustMember(db, auth.orgId, memberId);
  const same = (x: repo.TIncentiveRow) =>
    x.member_id === memberId &&
    x.kind === v.kind &&
    Number(x.amount) === Math.round(v.amount * 100) / 100 &&
    x.note === v.note &&
    (x.session_id ?? null) === (v.sessionId ?? null);
  const prior = await repo.getIncentive(db, auth.orgId, v.id);
  if (prior) {
    if (!same(prior)) throw new AppError('PANEL_INCENTIVE_CONFLICT');
    return { ...toIncentive(prior), replay: true };
  }
  if (m.status === 'erased') throw new AppError('PANEL_MEMBER_INACTIVE');
  if (v.sessionId) {
    const s = await mustSession(db, auth.orgId, v.sessionId);
    if (s.panel_id !== m.panel_id) throw new AppError('NOT_FOUND');
  }
  const inserted = await db.transaction(async (tx) => {
    const ok = await repo.insertIncentive(tx, auth.orgId, {
      id: v.id,
      memberId,
      customerId: m.customer_id,
      sessionId: v.sessionId ?? null,
      kind: v.kind,
      amount: v.amount,
      note: v.note,
      createdBy: auth.userId,
    });
    if (ok)
      await audit(tx, auth, {
        action: 'panel.incentive_given',
        entity: 'panel_member',
        entityId: memberId,
        changes: { kind: v.kind, amount: v.amount },
      });
    return ok;
  });
  const row = (await repo.getIncentive(db, auth.orgId, v.id)) as repo.TIncentiveRow;
  if (!inserted && !same(row)) throw new AppError('PANEL_INCENTIVE_CONFLICT');
  return { ...toIncentive(row), replay: !inserted };
}

// ------------------------------------------------------------------------------ strategy
export interface TInsightQuote {
  quote: string;
  theme: string;
  segment: string | null;
  /** ISO date-time of the session the quote comes from */
  sessionAt: string;
  topic: string;
}
export interface TInsightSummaryEntry {
  count: number;
  quotes: TInsightQuote[];
}
export interface TInsightSummary {
  /** need id (pub_strategy_needs.id) -> count and up to 3 quotes */
  needs: Record<string, TInsightSummaryEntry>;
  /** service attribute id (pub_service_attributes.id) -> count and up to 3 quotes */
  attributes: Record<string, TInsightSummaryEntry>;
}

/**
 * Insights linked to needs and service attributes, for the strategy workspace's
 * needs -> attributes view: per id, how many insights and up to three quotes with the session
 * date (sessions newest first). Omitted filters mean "every linked need / attribute".
 */
export async function insightSummary(
  db: Sql,
  orgId: string,
  q: { needIds?: readonly string[]; attributeIds?: readonly string[] } = {},
): Promise<TInsightSummary> {
  const needs = await summaryBy(db, orgId, 'need_id', q.needIds?.filter(isUuid));
  const attributes = await summaryBy(db, orgId, 'attribute_id', q.attributeIds?.filter(isUuid));
  const toMap = (rows: typeof needs) =>
    Object.fromEntries(rows.map((r) => [r.key, { count: r.n, quotes: r.quotes }]));
  return { needs: toMap(needs), attributes: toMap(attributes) };
}

export { optinToken };

// ------------------------------------------------------------------------------ member history
/**
 * One member with their participation history: the surveys they answered as a registry customer
 * (complete responses, surveys' pub_survey_customer_responses), the sessions they were invited
 * to and attended, and the incentives they were given.
 */
export async function getMember(db: Sql, auth: AuthContext, id: string) {
  const m = await mustMember(db, auth.orgId, id);
  const [answered, sessions, incentives] = await Promise.all([
    m.customer_id ? repo.surveysAnswered(db, auth.orgId, [m.customer_id]) : Promise.resolve([]),
    repo.sessionsOfMember(db, auth.orgId, id),
    repo.incentivesOfMember(db, auth.orgId, id),
  ]);
  return {
    ...toMember(m),
    surveysAnswered: answered.map((r) => ({
      responseId: r.response_id,
      surveyId: r.survey_id,
      surveyName: r.survey_name,
      answeredAt: r.answered_at,
    })),
    sessions: sessions.map((s) => ({
      id: s.session_id,
      kind: s.kind,
      topic: s.topic,
      startsAt: s.starts_at,
      rsvp: s.rsvp,
      attended: s.attended,
    })),
    incentives: incentives.map(toIncentive),
  };
}
