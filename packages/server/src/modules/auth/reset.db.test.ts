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
  // No PUBLIC_URL: links must come from the listen address (0.0.0.0 → localhost), never from
  // the request's Host / X-Forwarded-Host.
  t = await createTestApp({
    db,
    mailer: smtpMailer(smtp.url, 'test@fidelia.local'),
    config: { publicUrl: undefined, host: '0.0.0.0', port: 4321 },
  });
  org = await createOrg(db, 'Reset');
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
  await smtp.close();
});

/** Asks for a reset of `email` and returns the mail that arrived (raw RFC 5322 text). */
async function resetMail(email: string, headers: Record<string, string> = {}): Promise<string> {
  const before = smtp.inbox.length;
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset',
    headers,
    payload: { email },
  });
  expect(r.statusCode).toBe(202);
  expect(smtp.inbox).toHaveLength(before + 1);
  return smtp.inbox[before]?.data ?? '';
}
/** The message as a reader sees it: quoted-printable soft breaks and =XX escapes undone. */
const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const tokenOf = (mail: string) => /token: (\S+)/.exec(mail)?.[1] ?? '';
const confirm = (token: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset/confirm',
    payload: { token, password },
  });

it('mails a single-use token that sets a new password', async () => {
  const user = org.users.analyst;
  const unknown = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset',
    payload: { email: 'nobody@example.test' },
  });
  expect(unknown.statusCode).toBe(202);
  const mail = await resetMail(user.email);
  // machine-generated mail says so, so autoresponders do not answer it (no mail loops)
  expect(mail).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
  const token = tokenOf(mail);
  expect(token.length).toBeGreaterThan(20);
  const stored = await t.db.query('SELECT 1 FROM password_resets WHERE token_hash = $1', [token]);
  expect(stored.rows).toHaveLength(0); // only the hash is stored
  const password = 'una-clave-nueva-larga';
  expect((await confirm(token, password)).statusCode).toBe(204);
  const again = await confirm(token, 'otra-clave-distinta');
  expect(again.statusCode).toBe(400);
  expect(again.json().error.code).toBe('RESET_TOKEN_INVALID');
  await login(t.app, { email: user.email, password });
});

it('builds the link from configuration, not from Host / X-Forwarded-Host', async () => {
  const mail = decoded(
    await resetMail(org.users.viewer.email, {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    }),
  );
  expect(mail).not.toContain('evil.example');
  expect(mail).toContain(`http://localhost:4321/reset-password?token=${tokenOf(mail)}`);
});

it('a reset ends every older reset link and every session of the user', async () => {
  const user = org.users.agent;
  const session = await login(t.app, user);
  const older = tokenOf(await resetMail(user.email));
  const newer = tokenOf(await resetMail(user.email));
  const password = 'clave-tras-restablecer';
  expect((await confirm(newer, password)).statusCode).toBe(204);
  const stale = await confirm(older, 'clave-del-atacante-1');
  expect(stale.statusCode).toBe(400);
  expect(stale.json().error.code).toBe('RESET_TOKEN_INVALID');
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/auth/me',
    headers: { cookie: session.cookie },
  });
  expect(me.statusCode).toBe(401);
  await login(t.app, { email: user.email, password });
});

it('a password change ends reset links and other sessions; the current session stays', async () => {
  const user = { ...org.users.admin };
  const current = await login(t.app, user);
  const other = await login(t.app, user);
  const pending = tokenOf(await resetMail(user.email));
  const change = (currentPassword: string, newPassword: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { ...current.headers, 'accept-language': 'en' },
      payload: { currentPassword, newPassword },
    });
  const wrong = await change('not-the-password', 'clave-cambiada-por-mi');
  expect(wrong.statusCode).toBe(400);
  expect(wrong.json().error).toMatchObject({
    code: 'CURRENT_PASSWORD_WRONG',
    message: 'The current password is not correct.',
    details: { field: 'currentPassword' },
  });
  expect((await change(user.password, 'clave-cambiada-por-mi')).statusCode).toBe(204);
  const me = (cookie: string) =>
    t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  expect((await me(current.cookie)).statusCode).toBe(200);
  expect((await me(other.cookie)).statusCode).toBe(401);
  expect((await confirm(pending, 'clave-del-atacante-2')).statusCode).toBe(400);
  await login(t.app, { email: user.email, password: 'clave-cambiada-por-mi' });
});
