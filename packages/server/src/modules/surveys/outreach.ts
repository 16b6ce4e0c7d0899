// Choosing and re-contacting registry customers from the survey screens:
//  - customer search with contact status (consent, unsubscribed, last survey contact vs the
//    contact-fatigue rule), for personal links and for staff entry;
//  - the consent rule for staff entry (a response is only attached to a customer who accepts
//    surveys and has not unsubscribed) and the 'staff' contact it logs;
//  - e-mail invitation waves and "send reminders now": only non-responders, never unsubscribed /
//    no-consent / inactive customers, at most one reminder per invitation per UTC day (claimed
//    row by row, so concurrent clicks never double-send).
// Customers are read through the customers service only.
import type { TCustomer, TSurveyDefinition } from '@fidelia/contracts';
import { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { audit } from '../audit/service';
import * as customers from '../customers/service';
import { getOrgSettings, invitationMail, type TChannelDeps } from './channels';
import * as repo from './repo';
import { orgName } from './repo-channels';
import * as sql from './repo-outreach';
import { assertOpen } from './submit';
import { inviteToken, logContact, systemAuth, unsubscribeToken } from './tokens';

registerErrors({
  SURVEY_CUSTOMER_NO_CONSENT: {
    status: 409,
    es: 'Este cliente no acepta encuestas o se dio de baja: guarda la respuesta sin cliente.',
    en: 'This customer does not accept surveys or has unsubscribed: save the response without a customer.',
  },
  SURVEY_WAVE_NOT_FOUND: {
    status: 404,
    es: 'No existe ese envío de invitaciones.',
    en: 'No such invitation wave.',
  },
});

export const ZCustomerSearchQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  segmentId: z.string().uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export interface TContactStatus {
  consentSurvey: boolean;
  unsubscribed: boolean;
  lastContactAt: string | null;
  /** contacted about a survey within the org's fatigue window */
  withinFatigue: boolean;
  /** may receive a personal link / be attached to a staff-keyed response */
  contactable: boolean;
}

async function contactStatus(
  db: Sql,
  orgId: string,
  ids: string[],
): Promise<Map<string, { unsubscribed: boolean; last: string | null }>> {
  const out = new Map<string, { unsubscribed: boolean; last: string | null }>();
  if (!ids.length) return out;
  for (const x of await sql.contactStatusRows(db, orgId, ids)) {
    out.set(x.id, { unsubscribed: x.unsub, last: x.last ? new Date(x.last).toISOString() : null });
  }
  return out;
}

function withStatus(
  c: TCustomer,
  s: { unsubscribed: boolean; last: string | null } | undefined,
  fatigueDays: number,
  now = Date.now(),
) {
  const last = s?.last ?? null;
  const withinFatigue =
    fatigueDays > 0 && last !== null && now - Date.parse(last) < fatigueDays * 86_400_000;
  const status: TContactStatus = {
    consentSurvey: c.consentSurvey,
    unsubscribed: s?.unsubscribed ?? false,
    lastContactAt: last,
    withinFatigue,
    contactable: c.status === 'active' && c.consentSurvey && !s?.unsubscribed,
  };
  return {
    id: c.id,
    externalId: c.externalId,
    name: c.name,
    email: c.email,
    phone: c.phone,
    language: c.language,
    status: c.status,
    unitId: c.unitId,
    ...status,
  };
}

/** Registry customers (name / e-mail / external id search or a segment) with contact status. */
export async function searchCustomers(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: z.output<typeof ZCustomerSearchQuery>,
) {
  if (!(await repo.getSurvey(db, auth.orgId, surveyId))) throw new AppError('NOT_FOUND');
  const page = await customers.list(db, auth, {
    sort: 'name',
    limit: q.limit,
    ...(q.q ? { q: q.q } : {}),
    ...(q.segmentId ? { segmentId: q.segmentId } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  const { fatigueDays } = await getOrgSettings(db, auth.orgId);
  const st = await contactStatus(
    db,
    auth.orgId,
    page.items.map((c) => c.id),
  );
  return {
    fatigueDays,
    items: page.items.map((c) => withStatus(c, st.get(c.id), fatigueDays)),
    nextCursor: page.nextCursor ?? null,
    ...('total' in page && page.total !== undefined ? { total: page.total } : {}),
  };
}

/** Staff entry for a registry customer: the consent rules of the other channels apply. */
export async function assertAttachable(db: Sql, auth: AuthContext, c: TCustomer): Promise<void> {
  const st = (await contactStatus(db, auth.orgId, [c.id])).get(c.id);
  if (!c.consentSurvey || st?.unsubscribed) {
    throw new AppError('SURVEY_CUSTOMER_NO_CONSENT', { field: 'customerId' });
  }
}

/** A staff-keyed response for a customer counts as a survey contact (fatigue rule). */
export async function logStaffContact(
  db: Sql,
  orgId: string,
  v: { customerId: string; surveyId: string },
): Promise<void> {
  await sql.insertStaffContact(db, orgId, v);
}

// ------------------------------------------------------------------------------ waves
/** The e-mail invitation waves (batches) of a survey, newest first. */
export async function listWaves(db: Sql, auth: AuthContext, surveyId: string) {
  if (!(await repo.getSurvey(db, auth.orgId, surveyId))) throw new AppError('NOT_FOUND');
  const rows = await sql.waveRows(db, auth.orgId, surveyId);
  return {
    items: rows.map((x) => ({
      batchId: x.batch_id,
      startedAt: new Date(x.started_at).toISOString(),
      invited: x.invited,
      sent: x.sent,
      completed: x.completed,
      reminded: x.reminded,
      remindable: x.remindable,
      lastRemindedAt: x.last_reminded_at ? new Date(x.last_reminded_at).toISOString() : null,
    })),
  };
}

function pick(t: { es?: string | undefined; en?: string | undefined } | undefined, l: 'es' | 'en') {
  return (l === 'en' ? (t?.en ?? t?.es) : (t?.es ?? t?.en)) ?? '';
}

/**
 * "Send reminders now" for one wave. Returns how many reminders went out and why others were
 * left out. Calling it again the same (UTC) day sends nothing more.
 */
export async function remindWave(
  deps: TChannelDeps,
  auth: AuthContext,
  surveyId: string,
  batchId: string,
): Promise<{ reminded: number; skipped: Record<string, number> }> {
  const { db, mailer } = deps;
  const orgId = auth.orgId;
  const s = await repo.getSurvey(db, orgId, surveyId);
  if (!s) throw new AppError('NOT_FOUND');
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) throw new AppError('SURVEY_WAVE_NOT_FOUND');
  if (!(await sql.waveExists(db, orgId, surveyId, batchId)))
    throw new AppError('SURVEY_WAVE_NOT_FOUND');
  assertOpen(s);
  const def = (await repo.getVersion(db, orgId, s.id, s.published_version as number))
    ?.definition as TSurveyDefinition;
  const org = (await orgName(db, orgId)) ?? 'Fidelia';
  const cands = await sql.remindableInvitations(db, orgId, surveyId, batchId);
  const skipped: Record<string, number> = {};
  const skip = (k: string) => {
    skipped[k] = (skipped[k] ?? 0) + 1;
  };
  let reminded = 0;
  const sys = systemAuth(orgId);
  const CHUNK = 20;
  for (let i = 0; i < cands.length; i += CHUNK) {
    const chunk = cands.slice(i, i + CHUNK);
    const results = await Promise.all(
      chunk.map(async (inv) => {
        const c = await customers.get(db, sys, inv.customer_id).catch(() => null);
        if (c?.status !== 'active') return 'inactive';
        if (!c.email) return 'no_email';
        if (!c.consentSurvey) return 'no_consent';
        // claim: only one caller per invitation per day gets the row
        const claim = await sql.claimReminder(db, orgId, inv.id);
        if (!claim) return 'already';
        const mail = invitationMail(
          {
            lang: inv.language,
            name: c.name,
            org,
            title: pick(def.title, inv.language),
            link: `${deps.publicUrl}/s/t/${inviteToken(deps.secret, inv.id)}`,
            unsubscribe: `${deps.publicUrl}/s/unsubscribe/${unsubscribeToken(deps.secret, inv.id)}`,
          },
          true,
        );
        try {
          await mailer.send({ to: c.email, ...mail });
        } catch {
          // give the claim back so a later click can retry this one
          await sql.releaseReminder(db, orgId, inv.id, claim.prev ?? null);
          return 'mail_failed';
        }
        await logContact(db, orgId, {
          customerId: inv.customer_id,
          surveyId,
          invitationId: inv.id,
          kind: 'reminder',
        });
        return 'sent';
      }),
    );
    for (const r of results) {
      if (r === 'sent') reminded++;
      else skip(r);
    }
  }
  await audit(db, auth, {
    action: 'survey.reminders_sent',
    entity: 'survey',
    entityId: surveyId,
    changes: { batchId, reminded, skipped },
  });
  return { reminded, skipped };
}
