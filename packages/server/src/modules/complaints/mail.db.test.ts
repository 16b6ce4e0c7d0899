// Mail both ways over real SMTP: acknowledgement in the customer's language (nodemailer -> a
// smtp-server peer), customer replies through the inbound SMTP listener appended by reference,
// auto-replies/bounces ignored, Message-ID idempotency, mbox import, and the survey.followup
// job opening an 'unexpressed dissatisfaction' case idempotently.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  createTestDb,
  login,
  type Session,
  type TestOrg,
} from '../../../test/harness';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp';
import { enqueue } from '../../jobs/queue';
import { runOne } from '../../jobs/worker';
import { smtpMailer } from '../../mail/mailer';
import { startInboundSmtp } from './inbound';
import { caller, ok } from './testing';

let inbox: SmtpSink['inbox'];
let out: SmtpSink;
let inbound: Awaited<ReturnType<typeof startInboundSmtp>>;
let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let slug: string;
let owner: Session;
let call: ReturnType<typeof caller>;
let send: (
  m: Parameters<ReturnType<typeof nodemailer.createTransport>['sendMail']>[0],
) => Promise<unknown>;

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
const caseByRef = async (ref: string) =>
  (
    await t.db.query<{
      id: string;
      status: string;
      channel: string;
      form: string;
      waiting_since: Date | null;
    }>(
      'SELECT id, status, channel, form, waiting_since FROM complaints WHERE org_id = $1 AND reference = $2',
      [org.orgId, ref],
    )
  ).rows[0];
const events = async (id: string) =>
  (
    await t.db.query<{ kind: string; body: string | null }>(
      'SELECT kind, body FROM complaint_events WHERE org_id = $1 AND complaint_id = $2 ORDER BY at, id',
      [org.orgId, id],
    )
  ).rows;

beforeAll(async () => {
  out = await startSmtpSink();
  inbox = out.inbox;
  const db = await createTestDb();
  t = await createTestApp({
    db,
    mailer: smtpMailer(out.url, 'reclamaciones@fidelia.test'),
  });
  call = caller(t.app);
  org = await createOrg(db, 'Correo');
  slug = (await db.query<{ slug: string }>('SELECT slug FROM orgs WHERE id = $1', [org.orgId]))
    .rows[0]?.slug as string;
  owner = await login(t.app, org.users.owner);
  inbound = await startInboundSmtp({ db, port: 0 });
  const tr = nodemailer.createTransport({
    host: '127.0.0.1',
    port: inbound.port,
    secure: false,
    ignoreTLS: true,
  });
  send = (m) => tr.sendMail({ to: `reclamaciones+${slug}@fidelia.test`, ...m });
}, 60_000);
afterAll(async () => {
  await inbound.close();
  await t.app.close();
  await t.db.close();
  await out.close();
});

describe('acknowledgement and replies', () => {
  let ref = '';
  it('acknowledges in the customer language with the reference and the expected response date', async () => {
    const r = await ok<{ reference: string }>(
      call(null, {
        method: 'POST',
        url: `/api/public/complaints/${slug}`,
        payload: {
          name: 'John Smith',
          email: 'john@example.test',
          language: 'en',
          subject: 'Card blocked',
          description: 'My card was blocked abroad.',
          consent: true,
        },
      }),
      201,
    );
    ref = r.reference;
    await drain();
    expect(inbox).toHaveLength(1);
    const m = inbox[0] as { to: string; data: string };
    expect(m.to).toBe('john@example.test');
    const text = bodyOf(m.data);
    expect(text).toMatch(new RegExp(`Subject: \\[${ref}\\] We have received your complaint`));
    expect(text).toContain(`with reference ${ref}`);
    expect(text).toMatch(/We will respond by \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(text).toMatch(/complaint\/track\/[A-Za-z0-9_-]{20,}/);
    expect((await caseByRef(ref))?.status).toBe('acknowledged');
  });

  it('appends the customer reply by the reference in the subject and resumes a waiting case', async () => {
    const c = await caseByRef(ref);
    await ok(
      call(owner, {
        method: 'POST',
        url: `/api/complaints/${c?.id}/notes`,
        payload: { body: 'Which card number?', visibility: 'customer', awaitReply: true },
      }),
      201,
    );
    expect((await caseByRef(ref))?.waiting_since).not.toBeNull();
    await drain();
    expect(bodyOf(inbox[1]?.data ?? '')).toContain('Which card number?');
    await send({
      from: 'John Smith <john@example.test>',
      subject: `Re: [${ref}] New message`,
      text: 'The one ending 1234.',
      messageId: '<reply-1@example.test>',
    });
    await send({
      from: 'John Smith <john@example.test>',
      subject: `Re: [${ref}] New message`,
      text: 'The one ending 1234.',
      messageId: '<reply-1@example.test>',
    });
    await send({
      from: 'john@example.test',
      subject: `Auto: [${ref}]`,
      text: 'I am out of office',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await send({
      from: 'john@example.test',
      subject: `[${ref}] list`,
      text: 'bulk',
      headers: { Precedence: 'bulk' },
    });
    await send({
      from: 'MAILER-DAEMON@example.test',
      subject: `Undelivered [${ref}]`,
      text: 'bounce',
    });
    const ev = await events(c?.id as string);
    expect(ev.filter((e) => e.kind === 'message_in').map((e) => e.body)).toEqual([
      'The one ending 1234.',
    ]);
    expect((await caseByRef(ref))?.waiting_since).toBeNull();
  });

  it('opens an e-mail case for a new message, once per Message-ID', async () => {
    for (let i = 0; i < 2; i++) {
      await send({
        from: 'Ana Ruiz <ana@example.test>',
        subject: 'Comisión indebida',
        text: 'Me cobraron <b>30 €</b>.',
        messageId: '<new-1@example.test>',
      });
    }
    const r = await t.db.query<{
      reference: string;
      channel: string;
      description: string;
      contact_email: string;
    }>(
      `SELECT reference, channel, description, contact_email FROM complaints WHERE org_id = $1 AND channel = 'email'`,
      [org.orgId],
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]?.description).toBe('Me cobraron <b>30 €</b>.');
    expect(r.rows[0]?.contact_email).toBe('ana@example.test');
  });

  it('imports an mbox: new case, reply by reference, auto-reply ignored', async () => {
    const mbox = [
      'From ana@example.test Mon Jan  5 10:00:00 2026',
      'From: Luis <luis@example.test>',
      'Subject: Cajero sin efectivo',
      'Message-ID: <mbox-1@example.test>',
      '',
      'El cajero de Sol no tenía efectivo.',
      '>From the branch, nobody helped.',
      'From luis@example.test Mon Jan  5 11:00:00 2026',
      'From: Luis <luis@example.test>',
      `Subject: Re: [${ref}]`,
      'Message-ID: <mbox-2@example.test>',
      '',
      'Más datos.',
      'From luis@example.test Mon Jan  5 12:00:00 2026',
      'From: Luis <luis@example.test>',
      'Subject: Fuera de la oficina',
      'X-Autoreply: yes',
      '',
      'Vuelvo el lunes.',
      '',
    ].join('\n');
    const r = await ok<{ messages: number; created: number; appended: number; ignored: number }>(
      call(owner, { method: 'POST', url: '/api/complaints/inbound/mbox', payload: { mbox } }),
    );
    expect(r).toMatchObject({ messages: 3, created: 1, appended: 1, ignored: 1 });
    const again = await ok<{ created: number; duplicates: number }>(
      call(owner, { method: 'POST', url: '/api/complaints/inbound/mbox', payload: { mbox } }),
    );
    expect(again).toMatchObject({ created: 0, duplicates: 2 });
  });
});

describe('survey follow-up', () => {
  it('opens one unexpressed-dissatisfaction case per response id, without mailing the customer', async () => {
    const cu = await t.db.query<{ id: string }>(
      `INSERT INTO customers (org_id, name, email, language) VALUES ($1, 'Marta Gil', 'marta@example.test', 'es') RETURNING id`,
      [org.orgId],
    );
    const payload = {
      orgId: org.orgId,
      responseId: 'resp-123',
      surveyId: 's1',
      customerId: cu.rows[0]?.id,
      orgUnitId: org.companyUnitId,
      kind: 'detractor',
      score: 2,
      comment: 'Esperé 40 minutos en la oficina.',
      language: 'es',
    };
    await drain(); // acknowledgements of the e-mail cases above
    const sent = inbox.length;
    await enqueue(t.db, { orgId: org.orgId, kind: 'survey.followup', payload });
    await enqueue(t.db, { orgId: org.orgId, kind: 'survey.followup', payload });
    await drain();
    const r = await t.db.query<{
      channel: string;
      form: string;
      severity: string;
      description: string;
      customer_id: string;
      subject: string;
    }>(
      `SELECT channel, form, severity, description, customer_id, subject FROM complaints WHERE org_id = $1 AND source_ref = 'resp-123'`,
      [org.orgId],
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      channel: 'survey',
      form: 'unexpressed',
      severity: 'high',
      description: 'Esperé 40 minutos en la oficina.',
      customer_id: cu.rows[0]?.id,
    });
    expect(r.rows[0]?.subject).toBe('Encuesta: cliente detractor (NPS 2)');
    const failed = await t.db.query(
      `SELECT kind, status, last_error FROM jobs
        WHERE org_id = $1 AND status <> 'done' AND kind IN ('survey.followup', 'complaint.mail')`,
      [org.orgId],
    );
    expect(failed.rows).toHaveLength(0);
    expect(inbox.length).toBe(sent);
  });
});

describe('retention follow-up', () => {
  it('opens one follow-up case per win-back action, in the customer unit', async () => {
    const cu = await t.db.query<{ id: string }>(
      `INSERT INTO customers (org_id, name, email, language, unit_id) VALUES ($1, 'Jon Ugarte', 'jon@example.test', 'es', $2) RETURNING id`,
      [org.orgId, org.companyUnitId],
    );
    const payload = {
      actionId: 'c0ffee00-0000-4000-8000-000000000001',
      customerId: cu.rows[0]?.id,
      note: 'Llamar',
      pAlive: 0.21,
      clv: 340,
    };
    await enqueue(t.db, { orgId: org.orgId, kind: 'retention.followup', payload });
    await enqueue(t.db, { orgId: org.orgId, kind: 'retention.followup', payload });
    await drain();
    const r = await t.db.query<{
      channel: string;
      form: string;
      severity: string;
      subject: string;
      unit_id: string;
    }>(
      `SELECT channel, form, severity, subject, unit_id FROM complaints WHERE org_id = $1 AND channel = 'retention'`,
      [org.orgId],
    );
    expect(r.rows).toEqual([
      {
        channel: 'retention',
        form: 'unexpressed',
        severity: 'high',
        subject: 'Seguimiento de retención: cliente en riesgo (probabilidad de seguir activo 21 %)',
        unit_id: org.companyUnitId,
      },
    ]);
  });
});
