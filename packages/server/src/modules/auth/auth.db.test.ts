import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type TestOrg } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Banco Prueba');
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('auth', () => {
  it('health reports engine and migration', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', migration: expect.stringMatching(/^\d{3}_/) });
  });

  it('rejects wrong password with localised 401', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { email: org.users.admin.email, password: 'nope' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Wrong email or password.',
    });
  });

  it('logs in, requires CSRF on writes, logs out', async () => {
    const s = await login(t.app, org.users.admin);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: s.cookie },
    });
    expect(me.json().user).toMatchObject({
      email: org.users.admin.email,
      role: 'admin',
      orgId: org.orgId,
    });
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: s.cookie },
      payload: { locale: 'en' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID');
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: s.headers,
      payload: { locale: 'en' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.locale).toBe('en');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: s.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it('answers malformed JSON, unknown fields and unknown routes with 4xx bodies', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALFORMED_JSON');
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.c', password: 'x', admin: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION_FAILED');
    const nf = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('NOT_FOUND');
  });

  it('API tokens authenticate without CSRF and can be revoked', async () => {
    const s = await login(t.app, org.users.owner);
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: s.headers,
      payload: { name: 'script', scopes: ['read'] },
    });
    expect(c.statusCode).toBe(201);
    const { token, item } = c.json();
    expect(token).toMatch(/^fid_/);
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/org-units', headers: auth })).statusCode,
    ).toBe(200);
    const rv = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${item.id}`,
      headers: s.headers,
    });
    expect(rv.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/org-units', headers: auth })).statusCode,
    ).toBe(401);
  });

  it('audit log records changes, is append-only, and is admin-only', async () => {
    const s = await login(t.app, org.users.admin);
    await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: s.headers,
      payload: { parentId: org.companyUnitId, name: 'Región Norte', kind: 'region' },
    });
    const a = await t.app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: { cookie: s.cookie },
    });
    expect(a.statusCode).toBe(200);
    expect(a.json().items.some((i: { entity: string }) => i.entity === 'org_unit')).toBe(true);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    const v = await login(t.app, org.users.viewer);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: v.cookie } }))
        .statusCode,
    ).toBe(403);
  });
});
