// The catalogue learns the attributes complaints and Kano questions name (PGlite and PostgreSQL):
// a complaint's attribute is a catalogue id (migration 380: a key or free text registers or
// names its entry at once), cases per attribute id from the complaints service, the "where used"
// count on each attribute, and the sync (HTTP and the same service the CLI runs) that adds the
// texts of cases stored before the id existed and links them, idempotent, per org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import * as complaints from '../complaints/service';
import * as svc from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let viewer: Session;

const tx = (es: string) => ({ es, en: es });
const call = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: s.headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
const staffCase = async (s: Session, serviceAttribute: string | null) => {
  const r = await call(s, 'POST', '/api/complaints', {
    channel: 'phone',
    subject: 'Espera',
    description: 'Mucha espera en caja',
    serviceAttribute,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; serviceAttributeId: string | null };
};
let legacyId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Atributos');
  other = await createOrg(t.db, 'Otra');
  owner = await login(t.app, org.users.owner);
  viewer = await login(t.app, org.users.viewer);
  await staffCase(owner, 'Tiempo de espera');
  await staffCase(owner, 'Tiempo de espera');
  await staffCase(owner, 'tiempo_de_espera'); // same key as the value above
  await staffCase(owner, 'Atención en caja');
  await staffCase(owner, null);
  await staffCase(await login(t.app, other.users.owner), 'Solo en otra org');
  // a case stored before migration 380: free text, no catalogue id
  legacyId = (await staffCase(owner, 'Horario de caja')).id;
  await t.db.query(
    'UPDATE complaints SET service_attribute_id = NULL WHERE org_id = $1 AND id = $2',
    [org.orgId, legacyId],
  );
  await t.db.query("DELETE FROM service_attributes WHERE org_id = $1 AND key = 'horario_de_caja'", [
    org.orgId,
  ]);
  const s = await call(owner, 'POST', '/api/surveys', {
    name: 'Kano oficina',
    definition: {
      title: tx('Kano'),
      pages: [
        {
          key: 'p1',
          questions: [
            {
              key: 'k1',
              type: 'kano',
              attribute: 'wifi_gratis',
              title: tx('Wifi'),
              functional: tx('Con'),
              dysfunctional: tx('Sin'),
            },
          ],
        },
      ],
    },
  });
  expect(s.statusCode, s.body).toBe(201);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('service attributes from complaints and Kano', () => {
  it('stores the catalogue id of each case and counts cases by id, own org only', async () => {
    const attrs = new Map((await svc.listAttributes(t.db, org.orgId)).map((a) => [a.key, a]));
    // texts were turned into keys and registered (source complaints) when the cases were made
    expect(attrs.get('tiempo_de_espera')).toMatchObject({
      nameEs: 'Tiempo de espera',
      source: 'complaints',
    });
    const byId = new Map(
      (await complaints.serviceAttributeCounts(t.db, org.orgId)).map((c) => [
        c.attributeId,
        c.cases,
      ]),
    );
    expect(byId.get(attrs.get('tiempo_de_espera')?.id ?? '')).toBe(3);
    expect(byId.get(attrs.get('atencion_en_caja')?.id ?? '')).toBe(1);
    expect(byId.size).toBe(2);
    expect(await complaints.unlinkedServiceAttributes(t.db, org.orgId)).toEqual([
      { attribute: 'Horario de caja', cases: 1 },
    ]);
    const otherCounts = await complaints.serviceAttributeCounts(t.db, other.orgId);
    expect(otherCounts.map((c) => c.cases)).toEqual([1]);
    expect(attrs.has('solo_en_otra_org')).toBe(false);
  });

  it('turns a free-text value into a catalogue key', () => {
    expect(svc.attributeKeyOf('Tiempo de espera')).toBe('tiempo_de_espera');
    expect(svc.attributeKeyOf('Atención en caja')).toBe('atencion_en_caja');
    expect(svc.attributeKeyOf(' 24h: Línea!')).toBe('h_linea');
    expect(svc.attributeKeyOf('¿?')).toBeNull();
  });

  it('syncs once over HTTP (writers only), then nothing more', async () => {
    expect((await call(viewer, 'POST', '/api/standards/attributes/sync')).statusCode).toBe(403);
    const first = await call(owner, 'POST', '/api/standards/attributes/sync');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ added: 2, keys: ['horario_de_caja', 'wifi_gratis'] });
    // the legacy case is now linked by id
    expect(await complaints.unlinkedServiceAttributes(t.db, org.orgId)).toEqual([]);
    const legacy = await t.db.query<{ service_attribute_id: string | null }>(
      'SELECT service_attribute_id FROM complaints WHERE org_id = $1 AND id = $2',
      [org.orgId, legacyId],
    );
    expect(legacy.rows[0]?.service_attribute_id).toBe(
      (await svc.getAttributeByKey(t.db, org.orgId, 'horario_de_caja'))?.id,
    );
    const again = await call(owner, 'POST', '/api/standards/attributes/sync');
    expect(again.json()).toEqual({ added: 0, keys: [] });
    expect(await svc.syncAttributes(t.db, org.orgId)).toEqual({ added: 0, keys: [] });
    const attrs = await svc.listAttributes(t.db, org.orgId);
    const wait = attrs.find((a) => a.key === 'tiempo_de_espera');
    expect(wait).toMatchObject({ nameEs: 'Tiempo de espera', source: 'complaints' });
    expect(attrs.find((a) => a.key === 'wifi_gratis')).toMatchObject({ source: 'kano' });
    // the other org's value stays there
    expect(attrs.some((a) => a.key === 'solo_en_otra_org')).toBe(false);
  });

  it('shows complaint counts and Kano questions in the where-used report', async () => {
    const r = await call(viewer, 'GET', '/api/standards/attributes/usage');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as {
      key: string;
      complaints: number | null;
      kanoQuestions: { questionKey: string }[];
    }[];
    const by = new Map(items.map((i) => [i.key, i]));
    expect(by.get('tiempo_de_espera')?.complaints).toBe(3);
    expect(by.get('atencion_en_caja')?.complaints).toBe(1);
    expect(by.get('horario_de_caja')?.complaints).toBe(1);
    expect(by.get('wifi_gratis')).toMatchObject({
      complaints: 0,
      kanoQuestions: [{ questionKey: 'k1' }],
    });
  });

  it('takes the catalogue id on create and classify, names it on the case page, 400 on others', async () => {
    const attrs = new Map((await svc.listAttributes(t.db, org.orgId)).map((a) => [a.key, a]));
    const wait = attrs.get('tiempo_de_espera');
    const desk = attrs.get('atencion_en_caja');
    if (!wait || !desk) throw new Error('catalogue entries missing');
    await call(owner, 'PATCH', `/api/standards/attributes/${wait.id}`, {
      nameEn: 'Waiting time',
    });
    const r = await call(owner, 'POST', '/api/complaints', {
      channel: 'counter',
      subject: 'Cola',
      description: 'Cola larga',
      serviceAttributeId: wait.id,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      serviceAttributeId: wait.id,
      serviceAttribute: 'tiempo_de_espera',
    });
    const page = await call(viewer, 'GET', `/api/complaints/${r.json().id}`);
    expect(page.json().serviceAttributeName).toMatchObject({
      id: wait.id,
      es: 'Tiempo de espera',
      en: 'Waiting time',
    });
    // classify by id; the key still works and names the same entry (no second one)
    const cl = await call(owner, 'PATCH', `/api/complaints/${r.json().id}`, {
      serviceAttributeId: desk.id,
    });
    expect(cl.statusCode, cl.body).toBe(200);
    expect(cl.json().serviceAttributeId).toBe(desk.id);
    const byKey = await call(owner, 'PATCH', `/api/complaints/${r.json().id}`, {
      serviceAttribute: 'Tiempo de espera',
    });
    expect(byKey.json().serviceAttributeId).toBe(wait.id);
    // an id not in this org's catalogue is a 400, never a 500 or a dangling reference
    const foreign = (await svc.listAttributes(t.db, other.orgId))[0]?.id;
    for (const bad of [foreign, '00000000-0000-4000-8000-000000000000']) {
      const x = await call(owner, 'POST', '/api/complaints', {
        channel: 'counter',
        subject: 'X',
        description: 'X',
        serviceAttributeId: bad,
      });
      expect(x.statusCode, x.body).toBe(400);
      expect(x.json().error.code).toBe('COMPLAINT_ATTRIBUTE_INVALID');
    }
    const notUuid = await call(owner, 'POST', '/api/complaints', {
      channel: 'counter',
      subject: 'X',
      description: 'X',
      serviceAttributeId: 'nope',
    });
    expect(notUuid.statusCode).toBe(400);
    // an attribute that cases cite cannot be deleted
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/standards/attributes/${wait.id}`,
      headers: owner.headers,
    });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('ATTRIBUTE_IN_USE');
  });
});
