// Panels and their members: create / edit panels, recruit from the registry, member edits,
// consent withdrawal, anonymising and a member's history. Re-exported by service.ts.
import {
  type TPanelCreate,
  type TRecruit,
  ZMemberPatchSchema,
  ZPanelCreateSchema,
  ZPanelPatchSchema,
  ZRecruitSchema,
} from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { randomToken } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import * as customers from '../customers/service';
import * as surveys from '../surveys/service';
import * as repo from './repo';
import { mustMember, mustPanel, slugify, toIncentive, toMember, toPanel } from './service-shared';

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
