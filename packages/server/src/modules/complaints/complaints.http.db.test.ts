// Complaint cases over HTTP: public form (validation, honeypot, attachments by content, rate
// limit), references under concurrency, the state machine and timeline, notes vs customer
// messages, unit scope (403), customer link. Runs on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { createCase, systemActor } from './service';
import { caller, ok } from './testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let slug: string;
let owner: Session;
let call: ReturnType<typeof caller>;
let ip = 0;
const nextIp = () => ({ 'x-forwarded-for': `10.0.${Math.floor(++ip / 250)}.${ip % 250}` });

const form = (over: Record<string, unknown> = {}) => ({
  name: 'Lucía <b>Pérez</b>',
  email: 'lucia@example.test',
  language: 'es',
  subject: 'Cobro duplicado',
  description: 'Me han cobrado dos veces la comisión <script>alert(1)</script>',
  consent: true,
  ...over,
});

beforeAll(async () => {
  // As behind one reverse proxy (TRUST_PROXY=1): each request's X-Forwarded-For is its client.
  t = await createTestApp({
    config: { rateLimitComplaint: 5, attachmentMaxBytes: 64 * 1024, trustProxy: 1 },
  });
  call = caller(t.app);
  org = await createOrg(t.db, 'Reclamaciones');
  slug = (await t.db.query<{ slug: string }>('SELECT slug FROM orgs WHERE id = $1', [org.orgId]))
    .rows[0]?.slug as string;
  owner = await login(t.app, org.users.owner);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('public web form', () => {
  it('files a complaint with a reference, stores text as given, queues the acknowledgement', async () => {
    const r = await ok<{ reference: string; token: string; status: string }>(
      call(null, {
        method: 'POST',
        url: `/api/public/complaints/${slug}`,
        payload: form(),
        headers: nextIp(),
      }),
      201,
    );
    expect(r.reference).toMatch(/^RC-\d{4}-\d{6}$/);
    expect(r.status).toBe('received');
    const list = await ok<{
      items: { id: string; description: string; contactName: string }[];
      total: number;
    }>(call(owner, { method: 'GET', url: '/api/complaints' }));
    expect(list.total).toBe(1);
    expect(list.items[0]?.description).toContain('<script>alert(1)</script>');
    expect(list.items[0]?.contactName).toBe('Lucía <b>Pérez</b>');
    const jobs = await t.db.query<{ payload: { template: string } }>(
      `SELECT payload FROM jobs WHERE org_id = $1 AND kind = 'complaint.mail'`,
      [org.orgId],
    );
    expect(jobs.rows.map((j) => j.payload.template)).toEqual(['ack']);
    const view = await ok<{ reference: string; canRate: boolean }>(
      call(null, { method: 'GET', url: `/api/public/complaint-links/${r.token}` }),
    );
    expect(view.reference).toBe(r.reference);
  });

  it('refuses invalid input with localised 400s and unknown orgs with 404', async () => {
    const bad = await call(null, {
      method: 'POST',
      url: `/api/public/complaints/${slug}`,
      payload: form({ email: 'not-an-email', consent: false }),
      headers: { ...nextIp(), 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const none = await call(null, {
      method: 'POST',
      url: '/api/public/complaints/nope',
      payload: form(),
      headers: nextIp(),
    });
    expect(none.statusCode).toBe(404);
  });

  it('accepts a filled honeypot silently and stores nothing', async () => {
    const before = (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM complaints WHERE org_id = $1',
        [org.orgId],
      )
    ).rows[0]?.n;
    const r = await call(null, {
      method: 'POST',
      url: `/api/public/complaints/${slug}`,
      payload: form({ website: 'http://spam' }),
      headers: nextIp(),
    });
    expect(r.statusCode).toBe(202);
    const after = (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM complaints WHERE org_id = $1',
        [org.orgId],
      )
    ).rows[0]?.n;
    expect(after).toBe(before);
  });

  it('sniffs attachments by content: HTML is kept as text and served as a download; executables and huge files are refused', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF').toString(
      'base64',
    );
    const r = await ok<{ reference: string }>(
      call(null, {
        method: 'POST',
        url: `/api/public/complaints/${slug}`,
        payload: form({
          attachments: [
            { filename: '../../factura.html', contentBase64: html },
            { filename: 'ticket.exe', contentBase64: pdf },
          ],
        }),
        headers: nextIp(),
      }),
      201,
    );
    const list = await ok<{ items: { id: string; reference: string }[] }>(
      call(owner, { method: 'GET', url: `/api/complaints?q=${r.reference}` }),
    );
    const id = list.items[0]?.id as string;
    const d = await ok<{ attachments: { id: string; filename: string; contentType: string }[] }>(
      call(owner, { method: 'GET', url: `/api/complaints/${id}` }),
    );
    expect(d.attachments.map((a) => [a.filename, a.contentType]).sort()).toEqual([
      ['factura.txt', 'text/plain; charset=utf-8'],
      ['ticket.pdf', 'application/pdf'],
    ]);
    const dl = await call(owner, {
      method: 'GET',
      url: `/api/complaints/${id}/attachments/${d.attachments.find((a) => a.filename === 'factura.txt')?.id}`,
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.body).toBe('<html><script>alert(1)</script></html>');

    const exe = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xfe]).toString(
      'base64',
    );
    const e = await call(null, {
      method: 'POST',
      url: `/api/public/complaints/${slug}`,
      payload: form({ attachments: [{ filename: 'foto.jpg', contentBase64: exe }] }),
      headers: nextIp(),
    });
    expect(e.statusCode).toBe(415);
    expect(e.json().error.code).toBe('COMPLAINT_ATTACHMENT_TYPE');
    // The limit comes from the config (64 KiB here, 5 MiB by default).
    const big = Buffer.alloc(64 * 1024 + 10, 0x41).toString('base64');
    const b = await call(null, {
      method: 'POST',
      url: `/api/public/complaints/${slug}`,
      payload: form({ attachments: [{ filename: 'a.txt', contentBase64: big }] }),
      headers: nextIp(),
    });
    expect(b.statusCode).toBe(413);
    expect(b.json().error.code).toBe('COMPLAINT_ATTACHMENT_TOO_LARGE');
    expect(b.json().error.details.max).toBe(64 * 1024);
  });

  it('rate-limits the form per IP (429, localised)', async () => {
    const h = { 'x-forwarded-for': '192.0.2.77' };
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await call(null, {
        method: 'POST',
        url: `/api/public/complaints/${slug}`,
        payload: form({ subject: `flood ${i}` }),
        headers: h,
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 5).every((c) => c === 201)).toBe(true);
    expect(codes.slice(5)).toEqual([429, 429]);
  });
});

describe('references and states', () => {
  it('gives 25 concurrent intakes distinct consecutive references', async () => {
    const o = await createOrg(t.db, 'Concurrencia');
    const made = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        createCase(t.db, systemActor(o.orgId), {
          channel: 'phone',
          subject: `s${i}`,
          description: 'd',
          notify: false,
        }),
      ),
    );
    const nums = made.map((m) => Number(m.case.reference.slice(-6))).sort((a, b) => a - b);
    expect(nums).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('enforces the state machine and records every change in the timeline', async () => {
    const c = await ok<{ id: string; status: string }>(
      call(owner, {
        method: 'POST',
        url: '/api/complaints',
        payload: {
          channel: 'counter',
          subject: 'Trato',
          description: 'Me atendieron mal',
          contactName: 'Pepe',
        },
      }),
      201,
    );
    const bad = await call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/close`,
      payload: { causeId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(bad.statusCode).toBe(400);
    const skip = await call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/transition`,
      payload: { to: 'investigating' },
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('COMPLAINT_BAD_TRANSITION');
    for (const to of ['acknowledged', 'assessed', 'investigating']) {
      await ok(
        call(owner, { method: 'POST', url: `/api/complaints/${c.id}/transition`, payload: { to } }),
      );
    }
    const noReason = await call(owner, {
      method: 'POST',
      url: `/api/complaints/${c.id}/transition`,
      payload: { to: 'rejected' },
    });
    expect(noReason.statusCode).toBe(400);
    await ok(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/notes`,
        payload: { body: 'nota interna' },
      }),
      201,
    );
    const rej = await ok<{ status: string; recourse: string }>(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c.id}/transition`,
        payload: { to: 'rejected', reason: 'Fuera de plazo' },
      }),
    );
    expect(rej.status).toBe('rejected');
    expect(rej.recourse).toMatch(/Defensor del Cliente/);
    const d = await ok<{
      events: {
        kind: string;
        actorLabel: string;
        fromStatus: string | null;
        toStatus: string | null;
        visibility: string;
      }[];
      allowedTransitions: string[];
    }>(call(owner, { method: 'GET', url: `/api/complaints/${c.id}` }));
    expect(d.events.map((e) => `${e.kind}:${e.toStatus ?? ''}`)).toEqual([
      'created:received',
      'status:acknowledged',
      'status:assessed',
      'status:investigating',
      'note:',
      'status:rejected',
    ]);
    expect(d.events.every((e) => e.actorLabel === org.users.owner.email)).toBe(true);
    expect(d.events.find((e) => e.kind === 'note')?.visibility).toBe('internal');
    expect(d.allowedTransitions).toEqual(['reopened']);
  });
});
