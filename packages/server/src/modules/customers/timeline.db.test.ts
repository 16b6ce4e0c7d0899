// The customer timeline endpoint: every module's source appears with its link and actor,
// keyset paging is stable (also across entries at the same instant), another org's data never
// appears, and a customer with 10,000 purchases pages from the index.
import { randomUUID } from 'node:crypto';
import type { TTimelinePage } from '@fidelia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { ensureSurveyFromTemplate } from '../surveys/service';
import { encodeBefore } from './timeline';

type TApp = Awaited<ReturnType<typeof createTestApp>>;

describe('customer timeline', () => {
  let t: TApp;
  let A: TestOrg;
  let B: TestOrg;
  let agentA: Session;
  let viewerA: Session;
  let analystB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    A = await createOrg(t.db, 'A');
    B = await createOrg(t.db, 'B');
    agentA = await login(t.app, A.users.agent);
    viewerA = await login(t.app, A.users.viewer);
    analystB = await login(t.app, B.users.analyst);
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.db.close();
  });

  const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });
  const page = async (s: Session, id: string, q = '') => {
    const r = await get(s, `/api/customers/${id}/timeline${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as TTimelinePage;
  };
  /** Walks every page; returns the keys in the order served. */
  const walk = async (s: Session, id: string, limit: number) => {
    const keys: string[] = [];
    let before: string | null = null;
    do {
      const p: TTimelinePage = await page(
        s,
        id,
        `?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
      );
      keys.push(...p.items.map((i) => i.key));
      before = p.nextCursor;
    } while (before);
    return keys;
  };

  async function customer(org: TestOrg, name: string): Promise<string> {
    const r = await t.db.query<{ id: string }>(
      'INSERT INTO customers (org_id, name, email) VALUES ($1, $2, $3) RETURNING id',
      [org.orgId, name, `${randomUUID()}@x.test`],
    );
    return (r.rows[0] as { id: string }).id;
  }

  /** One entry of every source for a customer; `at` of the tied ones is 2026-03-01 00:00 UTC. */
  async function fill(org: TestOrg, id: string, tag: string) {
    const db = t.db;
    const surveyId = await ensureSurveyFromTemplate(db, org.orgId, 'nps_relational', `NPS ${tag}`, {
      slug: `nps-${tag}-${randomUUID().slice(0, 8)}`,
    });
    const responseId = randomUUID();
    await db.query(
      `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
              customer_id, entered_by, raw, body_hash, submitted_at, created_at)
       VALUES ($1, $2, $3, 1, 'complete', 'phone', 'es', $4, $5, '{}', 'h', $6, $6)`,
      [org.orgId, responseId, surveyId, id, org.users.agent.id, '2026-02-10T10:00:00Z'],
    );
    await db.query(
      `INSERT INTO survey_answers (org_id, response_id, survey_id, question_key, tag, num)
       VALUES ($1, $2, $3, 'nps', 'nps', 9)`,
      [org.orgId, responseId, surveyId],
    );
    await db.query(
      `INSERT INTO survey_contacts (org_id, customer_id, survey_id, kind, at)
       VALUES ($1, $2, $3, 'invitation', '2026-02-09T09:00:00Z'),
              ($1, $2, $3, 'staff', '2026-02-10T10:00:00Z')`,
      [org.orgId, id, surveyId],
    );
    const complaint = await db.query<{ id: string }>(
      `INSERT INTO complaints (org_id, reference, channel, subject, description, customer_id,
              status, received_at)
       VALUES ($1, $2, 'web', $3, 'd', $4, 'investigating', '2026-03-01T00:00:00Z') RETURNING id`,
      [org.orgId, `R-${tag}-${randomUUID().slice(0, 6)}`, `Cobro duplicado ${tag}`, id],
    );
    // Three purchases on the day of the complaint and a tier change at the same instant: ties.
    for (let i = 0; i < 3; i++) {
      await db.query(
        `INSERT INTO retention_transactions (org_id, external_id, customer_id, occurred_on, amount,
                currency)
         VALUES ($1, $2, $3, '2026-03-01', $4, 'EUR')`,
        [org.orgId, `T-${tag}-${randomUUID()}`, id, 10 + i],
      );
    }
    await db.query(
      `INSERT INTO retention_tier_history (org_id, customer_id, from_tier, to_tier, changed_at)
       VALUES ($1, $2, 'bronze', 'silver', '2026-03-01T00:00:00Z')`,
      [org.orgId, id],
    );
    await db.query(
      `INSERT INTO survey_unsubscribes (org_id, customer_id, at) VALUES ($1, $2, '2026-03-05T12:00:00Z')`,
      [org.orgId, id],
    );
    return { surveyId, responseId, complaintId: (complaint.rows[0] as { id: string }).id };
  }

  let idA: string;
  let idB: string;
  let refs: Awaited<ReturnType<typeof fill>>;

  beforeAll(async () => {
    idA = await customer(A, 'Carmen Timeline');
    idB = await customer(B, 'Otro Org');
    refs = await fill(A, idA, 'a');
    await fill(B, idB, 'b');
    const analystA = await login(t.app, A.users.analyst);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/customers/${idA}`,
      headers: analystA.headers,
      payload: { consentEmail: true },
    });
    expect(patch.statusCode).toBe(200);
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${idA}/notes`,
      headers: agentA.headers,
      payload: { body: 'Prefiere que la llamen por la tarde.' },
    });
    expect(note.statusCode, note.body).toBe(201);
  });

  it('shows every source, each linked and with its actor, newest first', async () => {
    const p = await page(viewerA, idA, '?limit=100');
    const types = p.items.map((i) => i.type);
    expect(new Set(types)).toEqual(
      new Set([
        'customer.created',
        'customer.consent',
        'customer.note',
        'survey.response',
        'survey.contact.invitation',
        'survey.unsubscribed',
        'complaint',
        'retention.purchase',
        'retention.tier',
      ]),
    );
    expect(types.filter((x) => x === 'retention.purchase')).toHaveLength(3);
    // the staff contact of a keyed-in response is not shown twice
    expect(types.filter((x) => x.startsWith('survey.contact'))).toHaveLength(1);
    const response = p.items.find((i) => i.type === 'survey.response');
    expect(response).toMatchObject({
      summary: 'NPS a',
      link: { to: 'response', surveyId: refs.surveyId, responseId: refs.responseId },
      actor: { kind: 'user', name: 'agent A' },
      data: { scores: { nps: 9 }, channel: 'phone' },
    });
    expect(p.items.find((i) => i.type === 'complaint')).toMatchObject({
      summary: 'Cobro duplicado a',
      link: { to: 'complaint', id: refs.complaintId },
      actor: { kind: 'customer', name: null },
      data: { status: 'investigating' },
    });
    expect(p.items.find((i) => i.type === 'customer.note')).toMatchObject({
      summary: 'Prefiere que la llamen por la tarde.',
      actor: { kind: 'user', name: 'agent A' },
    });
    expect(p.items.find((i) => i.type === 'customer.consent')?.data).toEqual({
      changes: { consentEmail: [false, true] },
    });
    expect(p.items.find((i) => i.type === 'retention.purchase')).toMatchObject({
      at: '2026-03-01T00:00:00.000000Z',
      dateOnly: true,
      data: { currency: 'EUR' },
    });
    const ats = p.items.map((i) => new Date(i.at).getTime());
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    expect(p.nextCursor).toBeNull();
  });

  it('pages stably: every page size gives the same list, without gaps or repeats', async () => {
    const all = (await page(viewerA, idA, '?limit=100')).items.map((i) => i.key);
    for (const limit of [1, 2, 3, 5]) expect(await walk(viewerA, idA, limit)).toEqual(all);
  });

  it("never shows another org's data, and refuses another org's customer", async () => {
    const keysA = (await page(viewerA, idA, '?limit=100')).items.map((i) => i.key);
    const keysB = (await page(analystB, idB, '?limit=100')).items.map((i) => i.key);
    expect(keysA.filter((k) => keysB.includes(k))).toEqual([]);
    expect(JSON.stringify(await page(viewerA, idA, '?limit=100'))).not.toContain('Otro Org');
    expect(JSON.stringify(await page(viewerA, idA, '?limit=100'))).not.toContain('NPS b');
    expect((await get(analystB, `/api/customers/${idA}/timeline`)).statusCode).toBe(404);
  });

  it('answers a bad cursor or limit with a 400, and viewers cannot write notes', async () => {
    for (const q of ['?before=nope', '?limit=0', '?limit=101', '?other=1']) {
      const r = await get(viewerA, `/api/customers/${idA}/timeline${q}`);
      expect(r.statusCode, q).toBe(400);
    }
    const forged = encodeBefore({ at: '2026-01-01T00:00:00Z', key: 'x' });
    expect((await get(viewerA, `/api/customers/${idA}/timeline?before=${forged}`)).statusCode).toBe(
      400,
    );
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${idA}/notes`,
      headers: viewerA.headers,
      payload: { body: 'x' },
    });
    expect(note.statusCode).toBe(403);
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${idA}/notes`,
      headers: agentA.headers,
      payload: { body: '  ' },
    });
    expect(empty.statusCode).toBe(400);
  });

  it('pages a customer with 10,000 purchases from any depth', async () => {
    const id = await customer(A, 'Muchas Compras');
    await t.db.query(
      `INSERT INTO retention_transactions (org_id, external_id, customer_id, occurred_on, amount, currency)
       SELECT $1, 'bulk-' || g, $2, DATE '2000-01-01' + (g / 3), g, 'EUR'
         FROM generate_series(1, 10000) AS g`,
      [A.orgId, id],
    );
    await t.db.query('ANALYZE retention_transactions');
    const first = await page(viewerA, id, '?limit=50');
    expect(first.items).toHaveLength(50);
    // Deep page: the cursor of the 5,001st newest purchase (by date, then key).
    const all = await t.db.query<{ day: string; key: string }>(
      `SELECT to_char(occurred_on, 'YYYY-MM-DD') AS day, 'purchase:' || id::text AS key
         FROM retention_transactions WHERE org_id = $1 AND customer_id = $2
        ORDER BY occurred_on DESC, ('purchase:' || id::text) COLLATE "C" DESC`,
      [A.orgId, id],
    );
    const pivot = all.rows[5000] as { day: string; key: string };
    const cursor = encodeBefore({ at: `${pivot.day}T00:00:00.000000Z`, key: pivot.key });
    const deep = await page(viewerA, id, `?limit=50&before=${cursor}`);
    expect(deep.items.map((i) => i.key)).toEqual(all.rows.slice(5001, 5051).map((r) => r.key));
  });
});
