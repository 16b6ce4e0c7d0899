// The inbound SMTP listener as configured by environment (COMPLAINTS_SMTP_PORT/_ORG): it starts
// with the app, accepts mail for known orgs only (550 otherwise),
// turns accepted mail into cases, and stops when the app closes.
import { tmpdir } from 'node:os';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, type TestOrg } from '../../../test/harness';
import { freePort } from '../../../test/net';
import { loadConfig } from '../../config';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let port = 0;

beforeAll(async () => {
  port = await freePort();
  // parsed from the environment exactly as the server does at start
  const env = {
    COMPLAINTS_SMTP_PORT: String(port),
    DATA_DIR: tmpdir(),
    SESSION_SECRET: 's'.repeat(32),
  };
  t = await createTestApp({ config: { complaintsSmtp: loadConfig(env).complaintsSmtp } });
  org = await createOrg(t.db, 'Buzón');
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

it('receives complaint mail on the configured port and refuses unknown recipients', async () => {
  const slug = (
    await t.db.query<{ slug: string }>('SELECT slug FROM orgs WHERE id = $1', [org.orgId])
  ).rows[0]?.slug;
  const tr = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  await tr.sendMail({
    from: 'Pilar <pilar@example.test>',
    to: `reclamaciones+${slug}@banco.test`,
    subject: 'Me retuvieron la tarjeta',
    text: 'El cajero se tragó mi tarjeta y nadie me ayudó.',
  });
  const r = await t.db.query<{ channel: string; contact_email: string; subject: string }>(
    'SELECT channel, contact_email, subject FROM complaints WHERE org_id = $1',
    [org.orgId],
  );
  expect(r.rows).toEqual([
    { channel: 'email', contact_email: 'pilar@example.test', subject: 'Me retuvieron la tarjeta' },
  ]);
  await expect(
    tr.sendMail({
      from: 'x@example.test',
      to: 'reclamaciones+no-such-org@banco.test',
      subject: 's',
      text: 't',
    }),
  ).rejects.toThrow(/550/);
});
