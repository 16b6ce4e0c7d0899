import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, login } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import { hashPassword } from '../users/service';
import { unitScope } from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await seedDemo(t.db)).orgId;
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const unit = async (name: string) =>
  (
    await t.db.query<{ id: string }>('SELECT id FROM org_units WHERE org_id = $1 AND name = $2', [
      orgId,
      name,
    ])
  ).rows[0]?.id ?? '';

it('unitScope returns the subtree, or null for unrestricted users', async () => {
  const centro = await unit('Región Centro');
  const scope = await unitScope(t.db, { orgId, unitId: centro });
  expect(scope).toContain(centro);
  expect(scope).toContain(await unit('Equipo Empresas Castellana'));
  expect(scope).not.toContain(await unit('Oficina Bilbao Gran Vía'));
  expect(scope).toHaveLength(5); // region + 2 branches + 2 teams
  expect(await unitScope(t.db, { orgId, unitId: null })).toBeNull();
});

it('refuses to move a unit under its own descendant, and to delete a unit with children', async () => {
  const pw = 'clave-de-prueba-larga';
  await t.db.query(`UPDATE users SET password_hash = $2 WHERE org_id = $1 AND role = 'owner'`, [
    orgId,
    await hashPassword(pw),
  ]);
  const s = await login(t.app, { email: 'admin@bancohorizonte.es', password: pw });
  const centro = await unit('Región Centro');
  const team = await unit('Equipo Empresas Castellana');
  const cyc = await t.app.inject({
    method: 'PATCH',
    url: `/api/org-units/${centro}`,
    headers: s.headers,
    payload: { parentId: team },
  });
  expect(cyc.statusCode).toBe(409);
  const del = await t.app.inject({
    method: 'DELETE',
    url: `/api/org-units/${centro}`,
    headers: s.headers,
  });
  expect(del.statusCode).toBe(409);
  const leaf = await t.app.inject({
    method: 'DELETE',
    url: `/api/org-units/${team}`,
    headers: s.headers,
  });
  // The team is still referenced (demo users/customers may point at it): 409 or deleted, never 500.
  expect([204, 409]).toContain(leaf.statusCode);
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/org-units',
    headers: s.headers,
    payload: { parentId: centro, name: 'Equipo temporal', kind: 'team' },
  });
  expect(c.statusCode).toBe(201);
  const free = await t.app.inject({
    method: 'DELETE',
    url: `/api/org-units/${c.json().id}`,
    headers: s.headers,
  });
  expect(free.statusCode).toBe(204);
});
