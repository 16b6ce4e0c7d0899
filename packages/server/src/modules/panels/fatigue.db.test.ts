// Issue 17: one contact-fatigue rule for panel sampling over BOTH contact logs (surveys'
// pub_survey_contacts and panel invitations), with the surveys' own window setting, and the
// member's participation history listing the surveys they answered (pub_survey_customer_responses).
// Contact histories are hand-built in the surveys' tables with known ages.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let viewer: Session;
let otherOwner: Session;

const call = (s: Session, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: s.headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
async function ok<T = Record<string, unknown>>(p: ReturnType<typeof call>, status = 200) {
  const r = await p;
  expect(r.statusCode, r.body.slice(0, 400)).toBe(status);
  return r.json() as T;
}

/** A published survey written straight into the surveys' tables (test fixture). */
async function survey(orgId: string, name: string): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO surveys (org_id, id, name, slug, status, draft, draft_hash, published_version)
     VALUES ($1, $2, $3, $4, 'open', '{}'::jsonb, 'h', 1)`,
    [orgId, id, name, `s-${id.slice(0, 12)}`],
  );
  await t.db.query(
    `INSERT INTO survey_versions (org_id, survey_id, version, definition, hash)
     VALUES ($1, $2, 1, '{}'::jsonb, 'h')`,
    [orgId, id],
  );
  return id;
}
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

async function surveyContact(
  orgId: string,
  customerId: string,
  surveyId: string,
  kind: 'invitation' | 'reminder' | 'link' | 'staff',
  days: number,
  channel?: 'email' | 'link',
) {
  let invitationId: string | null = null;
  if (channel) {
    invitationId = randomUUID();
    await t.db.query(
      `INSERT INTO survey_invitations (org_id, id, survey_id, customer_id, token_hash, channel,
                                       language, status, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'es', 'sent', now() + interval '30 days')`,
      [orgId, invitationId, surveyId, customerId, randomUUID(), channel],
    );
  }
  await t.db.query(
    `INSERT INTO survey_contacts (org_id, customer_id, survey_id, invitation_id, kind, at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [orgId, customerId, surveyId, invitationId, kind, ago(days)],
  );
}
async function response(
  orgId: string,
  surveyId: string,
  customerId: string,
  status: 'complete' | 'partial',
  days: number,
) {
  await t.db.query(
    `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
                                   customer_id, raw, body_hash, submitted_at)
     VALUES ($1, $2, $3, 1, $4, 'email', 'es', $5, '{}'::jsonb, 'h', $6)`,
    [orgId, randomUUID(), surveyId, status, customerId, status === 'complete' ? ago(days) : null],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Fatiga');
  other = await createOrg(t.db, 'Otra');
  owner = await login(t.app, org.users.owner);
  viewer = await login(t.app, org.users.viewer);
  otherOwner = await login(t.app, other.users.owner);
});
afterAll(async () => {
  await t?.app.close();
  await t?.db.close();
});

type TPreview = {
  eligible: number;
  fatigueDays: number;
  excluded: { fatigue: number; fatigueSurvey: number; fatiguePanel: number; notActive: number };
  members: { customerId: string }[];
};

describe('panel sampling: one contact-fatigue rule over survey and panel contacts', () => {
  const c: string[] = [];
  let panelId = '';
  let memberOf: Map<string, string>;
  let s1 = '';
  let s2 = '';

  it('builds the contact histories', async () => {
    for (let i = 0; i < 6; i++) {
      const x = await ok<{ id: string }>(
        call(owner, 'POST', '/api/customers', {
          name: `Cliente ${i}`,
          email: `f${i}@example.test`,
          kind: 'external',
          consentSurvey: true,
        }),
        201,
      );
      c.push(x.id);
    }
    panelId = (
      await ok<{ id: string }>(call(owner, 'POST', '/api/panels', { name: 'Panel fatiga' }), 201)
    ).id;
    await ok(call(owner, 'POST', `/api/panels/${panelId}/members`, { customerIds: c }));
    const list = await ok<{ items: { id: string; customerId: string }[] }>(
      call(owner, 'GET', `/api/panels/${panelId}/members`),
    );
    memberOf = new Map(list.items.map((m) => [m.customerId, m.id]));
    s1 = await survey(org.orgId, 'Satisfacción 2026');
    s2 = await survey(org.orgId, 'Encuesta de cierre');
    const c0 = c[0] as string;
    const c1 = c[1] as string;
    const c2 = c[2] as string;
    const c3 = c[3] as string;
    const c4 = c[4] as string;
    const c5 = c[5] as string;
    // c0: e-mailed a survey invitation yesterday
    await surveyContact(org.orgId, c0, s1, 'invitation', 1, 'email');
    // c1: personal link 40 days ago (outside the default 30-day window)
    await surveyContact(org.orgId, c1, s1, 'link', 40, 'link');
    // c2: survey reminder 10 days ago
    await surveyContact(org.orgId, c2, s1, 'reminder', 10, 'email');
    // c3: a survey 20 days ago, then a panel invitation (another panel of the org) 5 days ago
    await surveyContact(org.orgId, c3, s2, 'invitation', 20, 'email');
    // c4: a panel invitation 40 days ago, then a staff-keyed survey response 2 days ago
    await surveyContact(org.orgId, c4, s2, 'staff', 2);
    const p2 = (
      await ok<{ id: string }>(call(owner, 'POST', '/api/panels', { name: 'Otro panel' }), 201)
    ).id;
    await ok(call(owner, 'POST', `/api/panels/${p2}/members`, { customerIds: [c3, c4] }));
    await t.db.query(
      `UPDATE panel_members SET last_contacted_at = CASE customer_id WHEN $3::uuid THEN $4::timestamptz ELSE $5::timestamptz END
        WHERE org_id = $1 AND panel_id = $2`,
      [org.orgId, p2, c3, ago(5), ago(40)],
    );
    // c5: nothing here; another org's contact log holds a contact under the same customer id
    const foreign = await survey(other.orgId, 'Ajena');
    await surveyContact(other.orgId, c5, foreign, 'invitation', 1);
    // the published view carries the channel of each contact
    const v = await t.db.query<{ customer_id: string; kind: string; channel: string }>(
      'SELECT customer_id, kind, channel FROM pub_survey_contacts WHERE org_id = $1',
      [org.orgId],
    );
    const ch = new Map(v.rows.map((r) => [r.customer_id, `${r.kind}/${r.channel}`]));
    expect(Object.fromEntries(ch)).toEqual({
      [c0]: 'invitation/email',
      [c1]: 'link/link',
      [c2]: 'reminder/email',
      [c3]: 'invitation/email',
      [c4]: 'staff/staff',
    });
  });

  it('excludes members contacted within the surveys’ window, saying by which', async () => {
    const p = await ok<TPreview>(
      call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, { size: 6, seed: 7 }),
    );
    expect(p.fatigueDays).toBe(30); // the surveys' default
    // out: c0 (survey 1 d), c2 (survey reminder 10 d), c4 (survey 2 d, panel 40 d),
    //      c3 (panel 5 d, later than its survey 20 d) -> 3 by a survey, 1 by a panel
    expect(p.excluded).toEqual({ fatigue: 4, fatigueSurvey: 3, fatiguePanel: 1, notActive: 0 });
    expect(p.eligible).toBe(2);
    expect(p.members.map((m) => m.customerId).sort()).toEqual([c[1], c[5]].sort());
  });

  it('applies the window set for surveys, not a second one', async () => {
    await ok(call(owner, 'PUT', '/api/survey-settings', { fatigueDays: 7 }));
    let p = await ok<TPreview>(
      call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, { size: 6, seed: 7 }),
    );
    // c2's reminder (10 d) is now outside; c0 (1 d), c4 (2 d) by survey, c3 (5 d) by panel
    expect(p.excluded).toEqual({ fatigue: 3, fatigueSurvey: 2, fatiguePanel: 1, notActive: 0 });
    expect(p.members.map((m) => m.customerId).sort()).toEqual([c[1], c[2], c[5]].sort());
    const panel = await ok<{ fatigueDays: number }>(call(viewer, 'GET', `/api/panels/${panelId}`));
    expect(panel.fatigueDays).toBe(7);
    await ok(call(owner, 'PUT', '/api/survey-settings', { fatigueDays: 0 }));
    p = await ok<TPreview>(
      call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, { size: 6, seed: 7 }),
    );
    expect(p.excluded.fatigue).toBe(0);
    expect(p.eligible).toBe(6);
    await ok(call(owner, 'PUT', '/api/survey-settings', { fatigueDays: 30 }));
    // a drawn and saved sample honours the same rule
    const saved = await ok<TPreview & { id: string }>(
      call(owner, 'POST', `/api/panels/${panelId}/samples`, { size: 6, seed: 7 }),
      201,
    );
    expect(saved.members).toHaveLength(2);
  });

  it('lists the surveys a member answered, with counts in the member list', async () => {
    const c1 = c[1] as string;
    await response(org.orgId, s1, c1, 'complete', 3);
    await response(org.orgId, s2, c1, 'complete', 1);
    await response(org.orgId, s2, c1, 'partial', 0); // not answered: left out
    await response(org.orgId, s1, c[5] as string, 'complete', 2);
    const m1 = memberOf.get(c1) as string;
    const d = await ok<{
      history: { surveysAnswered: number; attended: number };
      surveysAnswered: { surveyName: string; answeredAt: string }[];
      sessions: unknown[];
      incentives: unknown[];
    }>(call(viewer, 'GET', `/api/panel-members/${m1}`));
    expect(d.surveysAnswered.map((s) => s.surveyName)).toEqual([
      'Encuesta de cierre',
      'Satisfacción 2026',
    ]);
    expect(Date.parse(d.surveysAnswered[1]?.answeredAt as string)).toBeLessThan(
      Date.now() - 2 * DAY,
    );
    expect(d.history.surveysAnswered).toBe(2);
    expect(d.sessions).toEqual([]);
    expect(d.incentives).toEqual([]);
    const list = await ok<{
      items: { customerId: string; history: { surveysAnswered: number } }[];
    }>(call(owner, 'GET', `/api/panels/${panelId}/members`));
    const counts = Object.fromEntries(
      list.items.map((m) => [m.customerId, m.history.surveysAnswered]),
    );
    expect(counts).toEqual({
      [c1]: 2,
      [c[5] as string]: 1,
      [c[0] as string]: 0,
      [c[2] as string]: 0,
      [c[3] as string]: 0,
      [c[4] as string]: 0,
    });
    // another org cannot read the member; an unknown id is a 404
    expect((await call(otherOwner, 'GET', `/api/panel-members/${m1}`)).statusCode).toBe(404);
    expect((await call(owner, 'GET', '/api/panel-members/nope')).statusCode).toBe(404);
  });
});
