// Password reset end to end through a real SMTP peer (smtp-server on 127.0.0.1).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, createTestDb, login, type TestOrg } from '../../../test/harness';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp';
import { smtpMailer } from '../../mail/mailer';

let smtp: SmtpSink;
let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const db = await createTestDb();
  t = await createTestApp({ db, mailer: smtpMailer(smtp.url, 'test@fidelia.local') });
  org = await createOrg(db, 'Reset');
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
  await smtp.close();
});

it('mails a single-use token that sets a new password', async () => {
  const user = org.users.analyst;
  const unknown = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset',
    payload: { email: 'nobody@example.test' },
  });
  expect(unknown.statusCode).toBe(202);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset',
    payload: { email: user.email },
  });
  expect(r.statusCode).toBe(202);
  expect(smtp.inbox).toHaveLength(1);
  // machine-generated mail says so, so autoresponders do not answer it (no mail loops)
  expect(smtp.inbox[0]?.data).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
  const token = /token: (\S+)/.exec(smtp.inbox[0]?.data ?? '')?.[1] ?? '';
  expect(token.length).toBeGreaterThan(20);
  const stored = await t.db.query('SELECT 1 FROM password_resets WHERE token_hash = $1', [token]);
  expect(stored.rows).toHaveLength(0); // only the hash is stored
  const password = 'una-clave-nueva-larga';
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset/confirm',
    payload: { token, password },
  });
  expect(ok.statusCode).toBe(204);
  const again = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset/confirm',
    payload: { token, password: 'otra-clave-distinta' },
  });
  expect(again.statusCode).toBe(400);
  expect(again.json().error.code).toBe('RESET_TOKEN_INVALID');
  await login(t.app, { email: user.email, password });
});
