// The catalogue learns the attributes complaints and Kano questions name (PGlite and PostgreSQL):
// cases per service_attribute from the complaints service, the "where used" count on each
// attribute, and the sync (HTTP and the same service the CLI runs), idempotent, per org.
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
const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
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
};

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
  it('counts cases per service_attribute value, own org only', async () => {
    const byValue = (a: { attribute: string }, b: { attribute: string }) =>
      a.attribute < b.attribute ? -1 : 1;
    expect((await complaints.serviceAttributeCounts(t.db, org.orgId)).sort(byValue)).toEqual([
      { attribute: 'Atención en caja', cases: 1 },
      { attribute: 'Tiempo de espera', cases: 2 },
      { attribute: 'tiempo_de_espera', cases: 1 },
    ]);
    expect(await complaints.serviceAttributeCounts(t.db, other.orgId)).toEqual([
      { attribute: 'Solo en otra org', cases: 1 },
    ]);
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
    expect(first.json()).toEqual({
      added: 3,
      keys: ['atencion_en_caja', 'tiempo_de_espera', 'wifi_gratis'],
    });
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
    expect(by.get('wifi_gratis')).toMatchObject({
      complaints: 0,
      kanoQuestions: [{ questionKey: 'k1' }],
    });
  });
});
