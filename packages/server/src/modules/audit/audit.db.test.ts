// The audit log answers "who did what to what": the actor's name and the entity's name come
// with each entry (the web app shows them instead of ids).
import type { TAuditEntry } from '@fidelia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type TestOrg } from '../../../test/harness';

describe('audit log entries', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let A: TestOrg;
  beforeAll(async () => {
    t = await createTestApp();
    A = await createOrg(t.db, 'A');
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.db.close();
  });

  it('name the actor and the entity; a system entry on an unknown id names neither', async () => {
    const analyst = await login(t.app, A.users.analyst);
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: analyst.headers,
      payload: { name: 'Lucía Auditada' },
    });
    expect(c.statusCode).toBe(201);
    const id = (c.json() as { id: string }).id;
    await t.db.query(
      `INSERT INTO audit_log (org_id, action, entity, entity_id) VALUES ($1, 'update', 'user', 'not-a-uuid')`,
      [A.orgId],
    );
    const admin = await login(t.app, A.users.admin);
    const r = await t.app.inject({ method: 'GET', url: '/api/audit', headers: admin.headers });
    expect(r.statusCode).toBe(200);
    const items = (r.json() as { items: TAuditEntry[] }).items;
    expect(items.find((i) => i.action === 'customer.created')).toMatchObject({
      actorName: 'analyst A',
      entityId: id,
      entityLabel: 'Lucía Auditada',
    });
    expect(items.find((i) => i.entityId === 'not-a-uuid')).toMatchObject({
      actorName: null,
      entityLabel: null,
    });
    // createOrg made the users: their entries name the user acted on
    expect(items.find((i) => i.entity === 'user' && i.entityId === A.users.agent.id)).toMatchObject(
      {
        entityLabel: 'agent A',
      },
    );
  });
});
