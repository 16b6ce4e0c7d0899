// Reproducible quota samples under the org's contact-fatigue rule (who is eligible, preview,
// save, list). Re-exported by service.ts.
import { type TSampleRequest, ZSampleRequestSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { audit } from '../audit/service';
import * as surveys from '../surveys/service';
import * as repo from './repo';
import { drawSample, type TQuotaFill } from './sample';
import { mustPanel, toMember } from './service-shared';

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
