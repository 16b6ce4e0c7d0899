// Internal helpers shared by the panels service-<concern> files: row-to-API shapes, the
// must* lookups (404), slug and the needs / attributes checks. Not re-exported by service.ts.
import type { Sql } from '../../db/client';
import { AppError } from '../../lib/errors';
import { isUuid } from '../../lib/uuid';
import * as repo from './repo';
import * as views from './repo-views';

export interface TPanelDeps {
  secret: string;
  publicUrl: string;
}

// ------------------------------------------------------------------------------ shapes
/** fatigueDays: the org's contact-fatigue window (surveys' setting), not a per-panel one. */
export const toPanel = (p: repo.TPanelRow, fatigueDays: number) => ({
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
export const toMember = (m: repo.TMemberRow) => ({
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

export async function mustPanel(db: Sql, orgId: string, id: string) {
  const p = isUuid(id) ? await repo.getPanel(db, orgId, id) : null;
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}
export async function mustMember(db: Sql, orgId: string, id: string) {
  const m = isUuid(id) ? await repo.getMember(db, orgId, id) : null;
  if (!m) throw new AppError('NOT_FOUND');
  return m;
}
export async function mustSession(db: Sql, orgId: string, id: string) {
  const s = isUuid(id) ? await repo.getSession(db, orgId, id) : null;
  if (!s) throw new AppError('NOT_FOUND');
  return s;
}

export const slugify = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'panel';

export const toInsight = (i: repo.TInsightRow & { topic?: string; starts_at?: string }) => ({
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

/** Needs are the strategy module's (pub_strategy_needs): checked when that view exists. */
export async function assertNeed(db: Sql, orgId: string, id: string) {
  if (!(await views.viewExists(db, 'pub_strategy_needs'))) return;
  if (!(await views.needExists(db, orgId, id))) throw new AppError('PANEL_NEED_UNKNOWN');
}
/** Service attributes are the standards module's (pub_service_attributes), when it exists. */
export async function assertAttribute(db: Sql, orgId: string, id: string) {
  if (!(await views.viewExists(db, 'pub_service_attributes'))) return;
  if (!(await views.attributeExists(db, orgId, id))) throw new AppError('PANEL_ATTRIBUTE_UNKNOWN');
}

export const toIncentive = (x: repo.TIncentiveRow) => ({
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
