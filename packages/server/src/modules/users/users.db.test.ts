// Users: owners are managed only by owners, the last active owner stays, and creating a user
// never tells an admin that an address has an account in another organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { createUser } from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Usuarios');
  other = await createOrg(t.db, 'Otra');
  owner = await login(t.app, org.users.owner);
  admin = await login(t.app, org.users.admin);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const patch = (s: Session, id: string, payload: object, lang = 'en') =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/users/${id}`,
    headers: { ...s.headers, 'accept-language': lang },
    payload,
  });
const create = (s: Session, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload });
const ownerRow = async () =>
  (
    await t.db.query<{ name: string; role: string; active: boolean }>(
      'SELECT name, role, active FROM users WHERE id = $1',
      [org.users.owner.id],
    )
  ).rows[0];

describe('owners are managed only by owners', () => {
  it('an admin cannot deactivate, rename, re-role or move the owner (localised 403)', async () => {
    for (const body of [
      { active: false },
      { name: 'Renamed' },
      { role: 'viewer' },
      { unitId: org.companyUnitId },
    ]) {
      const r = await patch(admin, org.users.owner.id, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(403);
      expect(r.json().error).toMatchObject({
        code: 'OWNER_ONLY',
        message: 'Only an owner can change an owner or give the owner role.',
      });
    }
    const es = await patch(admin, org.users.owner.id, { active: false }, 'es');
    expect(es.json().error.message).toMatch(/^Solo un propietario/);
    expect(await ownerRow()).toMatchObject({ role: 'owner', active: true });
    expect((await ownerRow())?.name).not.toBe('Renamed');
  });

  it('an admin cannot make anyone owner, by update or by create', async () => {
    const up = await patch(admin, org.users.viewer.id, { role: 'owner' });
    expect(up.statusCode).toBe(403);
    expect(up.json().error.code).toBe('OWNER_ONLY');
    const c = await create(admin, {
      email: `new-owner-${Date.now()}@example.test`,
      name: 'Nuevo',
      role: 'owner',
    });
    expect(c.statusCode).toBe(403);
    expect(c.json().error.code).toBe('OWNER_ONLY');
  });

  it('the last active owner cannot be deactivated or demoted, not even by themselves', async () => {
    for (const body of [{ active: false }, { role: 'admin' }]) {
      const r = await patch(owner, org.users.owner.id, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(409);
      expect(r.json().error).toMatchObject({
        code: 'LAST_OWNER',
        message: 'The organisation needs at least one active owner: make someone else owner first.',
      });
    }
    expect(await ownerRow()).toMatchObject({ role: 'owner', active: true });
  });

  it('with a second active owner, an owner may step down; the new last one may not', async () => {
    const promoted = await patch(owner, org.users.analyst.id, { role: 'owner' });
    expect(promoted.statusCode).toBe(200);
    // An inactive owner does not count as the one who keeps the org.
    expect((await patch(owner, org.users.analyst.id, { active: false })).statusCode).toBe(200);
    expect((await patch(owner, org.users.owner.id, { role: 'admin' })).statusCode).toBe(409);
    expect((await patch(owner, org.users.analyst.id, { active: true })).statusCode).toBe(200);
    expect((await patch(owner, org.users.owner.id, { role: 'admin' })).statusCode).toBe(200);
    const second = await login(t.app, org.users.analyst);
    expect((await patch(second, org.users.analyst.id, { active: false })).statusCode).toBe(409);
    // restore the fixture
    expect((await patch(second, org.users.owner.id, { role: 'owner' })).statusCode).toBe(200);
    expect((await patch(second, org.users.analyst.id, { role: 'analyst' })).statusCode).toBe(200);
  });
});

describe('creating a user with an address that is already taken', () => {
  it('in the same org: a clear 409 on the e-mail field', async () => {
    const r = await create(admin, {
      email: org.users.viewer.email.toUpperCase(),
      name: 'Dup',
      role: 'viewer',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
  });

  it('in another org: the same answer as a new address, nothing stored', async () => {
    const fresh = await create(admin, {
      email: `fresh-${Date.now()}@example.test`,
      name: 'Fresh',
      role: 'agent',
    });
    const taken = await create(admin, {
      email: other.users.agent.email,
      name: 'Taken',
      role: 'agent',
    });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.statusCode).toBe(201);
    const shape = (b: { user: Record<string, unknown>; password?: string }) => ({
      keys: Object.keys(b).sort(),
      userKeys: Object.keys(b.user).sort(),
      active: b.user.active,
      passwordLength: b.password?.length,
    });
    expect(shape(taken.json())).toEqual(shape(fresh.json()));
    expect(taken.json().user).toMatchObject({ email: other.users.agent.email, name: 'Taken' });
    // The other org's account is untouched and no second account exists.
    const rows = await t.db.query<{ org_id: string; name: string }>(
      'SELECT org_id, name FROM users WHERE lower(email) = lower($1)',
      [other.users.agent.email],
    );
    expect(rows.rows).toEqual([{ org_id: other.orgId, name: 'agent Otra' }]);
    await login(t.app, other.users.agent);
  });
});

it('the operator (CLI: system actor) is told plainly that the address is taken', async () => {
  await expect(
    createUser(
      t.db,
      { orgId: org.orgId, userId: null, email: null },
      { email: other.users.viewer.email, name: 'Op', role: 'viewer' },
    ),
  ).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
});

it('two owners demoting each other at once: one succeeds, the org keeps an owner', async () => {
  const b = org.users.analyst;
  expect((await patch(owner, b.id, { role: 'owner' })).statusCode).toBe(200);
  const second = await login(t.app, b);
  const [x, y] = await Promise.all([
    patch(owner, b.id, { role: 'analyst' }),
    patch(second, org.users.owner.id, { role: 'admin' }),
  ]);
  // One wins; the other is refused as the last owner (409) or, if the winner demoted its
  // caller first, as no longer an owner (403).
  const codes = [x.statusCode, y.statusCode].sort();
  expect(codes[0]).toBe(200);
  expect([403, 409]).toContain(codes[1]);
  const owners = await t.db.query(
    `SELECT 1 FROM users WHERE org_id = $1 AND role = 'owner' AND active`,
    [org.orgId],
  );
  expect(owners.rows).toHaveLength(1);
});
