// The issue-17 flow over HTTP with real SMTP: recruit registry customers, a reproducible quota
// sample (fatigue and withdrawal honoured), a focus group invited by e-mail (RSVP through the
// mailed link), attendance, notes/transcripts (bad input refused), insights linked to a need
// and an attribute, the theme summary, insightSummary, the customer timeline, incentives
// (idempotent, exported neutralised), the public sign-up with double opt-in and GDPR erase.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp';
import { runOne } from '../../jobs/worker';
import { smtpMailer } from '../../mail/mailer';
import { insightSummary } from './service';

let sink: SmtpSink;
let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let viewer: Session;
let otherOwner: Session;

const bodyOf = (m: string) =>
  Buffer.from(
    m
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
async function drain() {
  while (await runOne(t.db)) {}
}
const call = (s: Session | null, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: s?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
async function ok<T = Record<string, unknown>>(
  p: ReturnType<typeof call>,
  status = 200,
): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body.slice(0, 400)).toBe(status);
  return r.json() as T;
}
function multipart(name: string, content: Buffer | string, type = 'text/plain') {
  const boundary = `----b${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ mailer: smtpMailer(sink.url, 'Fidelia <noreply@fidelia.test>') });
  org = await createOrg(t.db, 'Panels');
  other = await createOrg(t.db, 'Other');
  owner = await login(t.app, org.users.owner);
  viewer = await login(t.app, org.users.viewer);
  otherOwner = await login(t.app, other.users.owner);
});
afterAll(async () => {
  await t?.app.close();
  await t?.db.close();
  await sink?.close();
});

describe('panels flow', () => {
  const customers: { id: string; name: string }[] = [];
  let panelId: string;
  let sessionId: string;
  let needId: string;

  it('recruits consenting registry customers with their profile', async () => {
    for (let i = 0; i < 12; i++) {
      const c = await ok<{ id: string; name: string }>(
        call(owner, 'POST', '/api/customers', {
          name: `Cliente ${i}`,
          email: `c${i}@example.test`,
          kind: 'external',
          tier: i < 4 ? 'A' : 'B',
          consentSurvey: i !== 11,
          language: i === 0 ? 'en' : 'es',
        }),
        201,
      );
      customers.push(c);
    }
    const p = await ok<{ id: string }>(
      call(owner, 'POST', '/api/panels', {
        name: 'Panel de clientes',
        consentText: 'Acepto participar',
        signupOpen: true,
      }),
      201,
    );
    panelId = p.id;
    // a viewer reads but cannot recruit
    expect(
      (await call(viewer, 'POST', `/api/panels/${panelId}/members`, { customerIds: [] }))
        .statusCode,
    ).toBe(403);
    const r = await ok<{ added: number; skipped: Record<string, number> }>(
      call(owner, 'POST', `/api/panels/${panelId}/members`, {
        customerIds: customers.map((c) => c.id),
        segment: 'Particulares',
      }),
    );
    expect(r.added).toBe(11);
    expect(r.skipped.noConsent).toBe(1);
    const again = await ok<{ added: number; skipped: Record<string, number> }>(
      call(owner, 'POST', `/api/panels/${panelId}/members`, { filters: { tier: 'A' } }),
    );
    expect(again).toMatchObject({ added: 0, skipped: { already: 4 } });
    const list = await ok<{ items: { tier: string; status: string; segment: string }[] }>(
      call(viewer, 'GET', `/api/panels/${panelId}/members`),
    );
    expect(list.items).toHaveLength(11);
    expect(list.items.filter((m) => m.tier === 'A')).toHaveLength(4);
    expect(list.items.every((m) => m.status === 'active' && m.segment === 'Particulares')).toBe(
      true,
    );
    // another org sees nothing of it
    expect((await call(otherOwner, 'GET', `/api/panels/${panelId}/members`)).statusCode).toBe(404);
  });

  it('draws a reproducible quota sample and shows the fill before inviting', async () => {
    const body = {
      size: 6,
      seed: 4242,
      quotas: [
        { field: 'tier', value: 'A', target: 3 },
        { field: 'tier', value: 'B', target: 3 },
      ],
    };
    const a = await ok<{
      members: { id: string }[];
      fill: { filled: number; available: number }[];
      eligible: number;
    }>(call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, body));
    const b = await ok<{ members: { id: string }[] }>(
      call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, body),
    );
    expect(a.members.map((m) => m.id)).toEqual(b.members.map((m) => m.id));
    expect(a.fill.map((f) => [f.filled, f.available])).toEqual([
      [3, 4],
      [3, 7],
    ]);
    expect(a.eligible).toBe(11);
    const c = await ok<{ members: { id: string }[] }>(
      call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, { ...body, seed: 1 }),
    );
    expect(c.members.map((m) => m.id)).not.toEqual(a.members.map((m) => m.id));
    const bad = await call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, { size: 0 });
    expect(bad.statusCode).toBe(400);
  });

  it('invites the saved sample by e-mail; RSVP by the mailed link; withdrawn members leave at once', async () => {
    const sample = await ok<{ id: string; members: { id: string; name: string }[] }>(
      call(owner, 'POST', `/api/panels/${panelId}/samples`, { size: 5, seed: 7 }),
      201,
    );
    expect(sample.members).toHaveLength(5);
    // a strategy need to link the guide and insights to
    needId = randomUUID();
    await t.db.query(
      `INSERT INTO strategy_needs (org_id, id, segment, customer_group, text, kind)
       VALUES ($1, $2, 'Particulares', 'Clientes', 'Rapidez en caja', 'real')`,
      [org.orgId, needId],
    );
    expect(
      (
        await call(owner, 'POST', `/api/panels/${panelId}/sessions`, {
          topic: 'x',
          startsAt: new Date().toISOString(),
          guide: [{ text: 'q', needId: randomUUID() }],
        })
      ).statusCode,
    ).toBe(400);
    const s = await ok<{ id: string }>(
      call(owner, 'POST', `/api/panels/${panelId}/sessions`, {
        topic: 'Tiempos de espera',
        startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        place: 'Sucursal Norte',
        recording: true,
        guide: [{ text: '¿Cuánto esperas en caja?', needId }],
      }),
      201,
    );
    sessionId = s.id;
    // one member withdraws before the mail goes out: never mailed
    const withdrawn = sample.members[0] as { id: string; name: string };
    await ok(call(owner, 'POST', `/api/panel-members/${withdrawn.id}/withdraw`));
    const inv = await ok<{ invited: number; skipped: number }>(
      call(owner, 'POST', `/api/panel-sessions/${sessionId}/invitations`, { sampleId: sample.id }),
      202,
    );
    expect(inv).toEqual({ invited: 4, skipped: 1 });
    // a second member withdraws after being invited, before the job runs
    const late = sample.members[1] as { id: string };
    await ok(call(owner, 'POST', `/api/panel-members/${late.id}/withdraw`));
    await drain();
    const mails = sink.inbox.filter((m) => bodyOf(m.data).includes('Tiempos de espera'));
    expect(mails).toHaveLength(3);
    const text = bodyOf(mails[0]?.data ?? '');
    const link = /http:\/\/fidelia\.test\/panel-invite\/([A-Za-z0-9_-]+)/.exec(text);
    expect(link, text).not.toBeNull();
    const token = link?.[1] as string;
    const view = await ok<{ topic: string; rsvp: string; recording: boolean }>(
      call(null, 'GET', `/api/public/panel-invites/${token}`),
    );
    expect(view).toMatchObject({ topic: 'Tiempos de espera', rsvp: 'pending', recording: true });
    const yes = await ok<{ rsvp: string; recordingConsent: boolean }>(
      call(null, 'POST', `/api/public/panel-invites/${token}`, {
        rsvp: 'yes',
        recordingConsent: true,
      }),
    );
    expect(yes).toMatchObject({ rsvp: 'yes', recordingConsent: true });
    expect(
      (await call(null, 'GET', `/api/public/panel-invites/not-a-real-token-123`)).statusCode,
    ).toBe(404);
    // withdrawn members are out of sampling at once; members just invited are out by fatigue
    const pre = await ok<{ eligible: number; excluded: { fatigue: number; notActive: number } }>(
      call(owner, 'POST', `/api/panels/${panelId}/samples/preview`, { size: 3 }),
    );
    expect(pre.excluded).toEqual({
      fatigue: 3,
      fatigueSurvey: 0,
      fatiguePanel: 3,
      notActive: 2,
    });
    expect(pre.eligible).toBe(6);
    const detail = await ok<{
      invites: { rsvp: string; memberStatus: string }[];
      guide: unknown[];
    }>(call(viewer, 'GET', `/api/panel-sessions/${sessionId}`));
    expect(detail.invites.filter((i) => i.rsvp === 'yes')).toHaveLength(1);
    expect(detail.guide).toHaveLength(1);
  });

  it('records attendance, notes, transcripts (bad input refused) and insights', async () => {
    const detail = await ok<{
      invites: { memberId: string; rsvp: string; memberStatus: string }[];
    }>(call(owner, 'GET', `/api/panel-sessions/${sessionId}`));
    const attendee = detail.invites.find((i) => i.rsvp === 'yes') as { memberId: string };
    await ok(
      call(owner, 'PUT', `/api/panel-sessions/${sessionId}/attendance`, {
        memberId: attendee.memberId,
        attended: true,
      }),
    );
    expect(
      (
        await call(owner, 'PUT', `/api/panel-sessions/${sessionId}/attendance`, {
          memberId: randomUUID(),
          attended: true,
        })
      ).statusCode,
    ).toBe(400);
    const note = await ok<{ id: string; themes: string[] }>(
      call(owner, 'POST', `/api/panel-sessions/${sessionId}/notes`, {
        body: 'La cola de caja es larga',
        themes: ['Espera', 'espera'],
      }),
      201,
    );
    expect(note.themes).toEqual(['espera']);
    const up = multipart(
      'grupo.txt',
      '\uFEFFModeradora: ¿qué tal la espera?\r\nCliente: demasiado larga',
    );
    const tr = await t.app.inject({
      method: 'POST',
      url: `/api/panel-sessions/${sessionId}/transcripts?themes=espera,trato`,
      headers: { ...owner.headers, ...up.headers },
      payload: up.payload,
    });
    expect(tr.statusCode, tr.body).toBe(201);
    const bin = multipart(
      'grupo.docx',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]),
      'application/octet-stream',
    );
    const r1 = await t.app.inject({
      method: 'POST',
      url: `/api/panel-sessions/${sessionId}/transcripts`,
      headers: { ...owner.headers, ...bin.headers },
      payload: bin.payload,
    });
    expect(r1.statusCode).toBe(415);
    expect(r1.json().error.message ?? r1.body).toMatch(/texto|text/i);
    const latin1 = multipart('x.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const r2 = await t.app.inject({
      method: 'POST',
      url: `/api/panel-sessions/${sessionId}/transcripts`,
      headers: { ...owner.headers, ...latin1.headers },
      payload: latin1.payload,
    });
    expect(r2.statusCode).toBe(415);
    const big = multipart('big.txt', 'a'.repeat(1024 * 1024 + 10));
    const r3 = await t.app.inject({
      method: 'POST',
      url: `/api/panel-sessions/${sessionId}/transcripts`,
      headers: { ...owner.headers, ...big.headers },
      payload: big.payload,
    });
    expect(r3.statusCode).toBe(413);

    const attr = (
      await t.db.query<{ id: string }>(
        `INSERT INTO service_attributes (org_id, key, name_es, name_en) VALUES ($1, 'espera_caja', 'Espera en caja', 'Queue time') RETURNING id`,
        [org.orgId],
      )
    ).rows[0]?.id as string;
    expect(
      (
        await call(owner, 'POST', `/api/panel-sessions/${sessionId}/insights`, {
          theme: 'x',
          attributeId: randomUUID(),
        })
      ).statusCode,
    ).toBe(400);
    const ins = await ok<{ segment: string; customerId: string | null; theme: string }>(
      call(owner, 'POST', `/api/panel-sessions/${sessionId}/insights`, {
        theme: 'Espera',
        quote: 'Espero veinte minutos en caja',
        memberId: attendee.memberId,
        noteId: note.id,
        needId,
        needKind: 'real',
        attributeId: attr,
        gap: 3,
      }),
      201,
    );
    expect(ins).toMatchObject({ theme: 'espera', segment: 'Particulares' });
    expect(ins.customerId).not.toBeNull();
    await ok(
      call(owner, 'POST', `/api/panel-sessions/${sessionId}/insights`, {
        theme: 'trato',
        quote: 'Me atienden bien',
        segment: 'Empresas',
      }),
      201,
    );
    expect(
      (
        await call(owner, 'POST', `/api/panel-sessions/${sessionId}/insights`, {
          theme: 'x',
          gap: 7,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(owner, 'POST', `/api/panel-sessions/${sessionId}/insights`, {
          theme: 'x',
          noteId: randomUUID(),
        })
      ).statusCode,
    ).toBe(400);

    const th = await ok<{
      items: {
        theme: string;
        count: number;
        segments: { segment: string | null }[];
        quotes: { quote: string }[];
      }[];
    }>(call(viewer, 'GET', `/api/panels/themes?panelId=${panelId}`));
    expect(th.items.map((x) => [x.theme, x.count])).toEqual([
      ['espera', 1],
      ['trato', 1],
    ]);
    expect(th.items[0]?.quotes[0]?.quote).toBe('Espero veinte minutos en caja');
    const sum = await insightSummary(t.db, org.orgId, { needIds: [needId], attributeIds: [attr] });
    expect(sum.needs[needId]?.count).toBe(1);
    expect(sum.attributes[attr]?.quotes[0]?.quote).toBe('Espero veinte minutos en caja');
    expect((await insightSummary(t.db, other.orgId)).needs).toEqual({});
    const links = await ok<{
      needs: { id: string; text: string | null; count: number }[];
      attributes: { id: string; nameEs: string | null }[];
    }>(call(viewer, 'GET', '/api/panels/insight-links'));
    expect(links.needs[0]).toMatchObject({ id: needId, text: 'Rapidez en caja', count: 1 });
    expect(links.attributes[0]).toMatchObject({ id: attr, nameEs: 'Espera en caja' });
  });

  it('keeps an idempotent incentives ledger, exported for payment with formulas neutralised', async () => {
    const members = await ok<{ items: { id: string; customerId: string; status: string }[] }>(
      call(owner, 'GET', `/api/panels/${panelId}/members`),
    );
    const m = members.items.find((x) => x.status === 'active') as { id: string };
    const id = randomUUID();
    const body = { id, kind: 'voucher', amount: 15, note: '=HYPERLINK("x")', sessionId };
    const a = await ok<{ replay: boolean }>(
      call(owner, 'POST', `/api/panel-members/${m.id}/incentives`, body),
      201,
    );
    expect(a.replay).toBe(false);
    const b = await ok<{ replay: boolean }>(
      call(owner, 'POST', `/api/panel-members/${m.id}/incentives`, body),
    );
    expect(b.replay).toBe(true);
    expect(
      (await call(owner, 'POST', `/api/panel-members/${m.id}/incentives`, { ...body, amount: 20 }))
        .statusCode,
    ).toBe(409);
    await ok(
      call(owner, 'POST', `/api/panel-members/${m.id}/incentives`, {
        id: randomUUID(),
        kind: 'points',
        amount: 100,
      }),
      201,
    );
    const led = await ok<{ items: unknown[]; totals: { points: number; voucher: number } }>(
      call(viewer, 'GET', `/api/panels/${panelId}/incentives`),
    );
    expect(led.totals).toEqual({ points: 100, voucher: 15 });
    const csv = await call(owner, 'GET', `/api/panels/${panelId}/incentives.csv?lang=es`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Miembro');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    const xlsx = await call(owner, 'GET', `/api/panels/${panelId}/incentives.xlsx?lang=en`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call(viewer, 'GET', `/api/panels/${panelId}/incentives.csv`)).statusCode).toBe(
      403,
    );
  });

  it("shows attendance, quotes and incentives on the customer's timeline; GDPR erase anonymises", async () => {
    const detail = await ok<{ invites: { memberId: string; attended: boolean; name: string }[] }>(
      call(owner, 'GET', `/api/panel-sessions/${sessionId}`),
    );
    const att = detail.invites.find((i) => i.attended) as { memberId: string; name: string };
    const c = customers.find((x) => x.name === att.name) as { id: string; name: string };
    await ok(
      call(owner, 'POST', `/api/panel-sessions/${sessionId}/notes`, {
        body: `${c.name} dijo que la cola es larga`,
      }),
      201,
    );
    const tl = await ok<{ items: { type: string; summary: string }[] }>(
      call(owner, 'GET', `/api/customers/${c.id}/timeline`),
    );
    const types = tl.items.map((x) => x.type);
    expect(types).toContain('panels.session');
    expect(types).toContain('panels.insight');
    expect(tl.items.find((x) => x.type === 'panels.insight')?.summary).toContain('veinte minutos');
    const r = await call(owner, 'POST', `/api/customers/${c.id}/erase`, {});
    expect(r.statusCode, r.body).toBeLessThan(300);
    const after = await ok<{
      invites: { name: string; memberStatus: string }[];
      notes: { body: string }[];
      insights: { quote: string; customerId: string | null }[];
    }>(call(owner, 'GET', `/api/panel-sessions/${sessionId}`));
    expect(after.invites.some((i) => i.name === c.name)).toBe(false);
    expect(after.notes.some((n) => n.body.includes(c.name))).toBe(false);
    expect(after.insights.some((i) => i.quote.includes('veinte minutos'))).toBe(false);
    const sum = await insightSummary(t.db, org.orgId, { needIds: [needId] });
    expect(sum.needs[needId]?.count).toBe(1); // the insight counts, without the person's words
  });

  it('signs up through the public form with double opt-in', async () => {
    const p = await ok<{ signupSlug: string }>(call(owner, 'GET', `/api/panels/${panelId}`));
    const form = await ok<{ name: string; consentText: string }>(
      call(null, 'GET', `/api/public/panels/${p.signupSlug}`),
    );
    expect(form).toMatchObject({ name: 'Panel de clientes', consentText: 'Acepto participar' });
    expect(
      (
        await call(null, 'POST', `/api/public/panels/${p.signupSlug}`, {
          name: 'Ana',
          email: 'ana@example.test',
        })
      ).statusCode,
    ).toBe(400);
    await ok(
      call(null, 'POST', `/api/public/panels/${p.signupSlug}`, {
        name: 'Ana',
        email: 'ana@example.test',
        consent: true,
      }),
      202,
    );
    await ok(
      call(null, 'POST', `/api/public/panels/${p.signupSlug}`, {
        name: 'Ana',
        email: 'ana@example.test',
        consent: true,
      }),
      202,
    );
    await drain();
    const mails = sink.inbox.filter((m) => m.to === 'ana@example.test');
    expect(mails).toHaveLength(1);
    const token = /panel-signup\/confirm\/([A-Za-z0-9_-]+)/.exec(
      bodyOf(mails[0]?.data ?? ''),
    )?.[1] as string;
    let list = await ok<{ items: { name: string; status: string; source: string }[] }>(
      call(owner, 'GET', `/api/panels/${panelId}/members`),
    );
    expect(list.items.find((m) => m.name === 'Ana')).toMatchObject({
      status: 'pending',
      source: 'signup',
    });
    await ok(call(null, 'POST', `/api/public/panel-signups/${token}/confirm`));
    list = await ok(call(owner, 'GET', `/api/panels/${panelId}/members`));
    expect(list.items.find((m) => m.name === 'Ana')?.status).toBe('active');
    expect(
      (await call(null, 'POST', `/api/public/panel-signups/${token}/confirm`)).statusCode,
    ).toBe(404);
    expect((await call(null, 'GET', '/api/public/panels/nope')).statusCode).toBe(404);
  });
});
