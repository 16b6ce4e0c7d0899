import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { runOne } from '../../jobs/worker';

type TApp = Awaited<ReturnType<typeof createTestApp>>;

function multipart(fileName: string, content: Buffer | string) {
  const boundary = '----fidelia-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('customers HTTP API', () => {
  let t: TApp;
  let A: TestOrg;
  let B: TestOrg;
  let analystA: Session;
  let viewerA: Session;
  let analystB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    A = await createOrg(t.db, 'A');
    B = await createOrg(t.db, 'B');
    analystA = await login(t.app, A.users.analyst);
    viewerA = await login(t.app, A.users.viewer);
    analystB = await login(t.app, B.users.analyst);
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.db.close();
  });

  const call = (
    s: Session,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: s.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('creates, reads, updates with audit timeline; viewers read but cannot write', async () => {
    const r = await call(analystA, 'POST', '/api/customers', {
      name: 'Carmen Ruiz',
      externalId: 'K1',
      email: 'carmen@x.es',
    });
    expect(r.statusCode).toBe(201);
    const c = r.json() as { id: string; kind: string; status: string };
    expect(c).toMatchObject({ kind: 'external', status: 'active' });
    expect((await call(viewerA, 'POST', '/api/customers', { name: 'X' })).statusCode).toBe(403);
    expect((await call(viewerA, 'GET', `/api/customers/${c.id}`)).json()).toMatchObject({
      name: 'Carmen Ruiz',
    });
    const p = await call(analystA, 'PATCH', `/api/customers/${c.id}`, { tier: 'A', phone: '600' });
    expect(p.json()).toMatchObject({ tier: 'A', phone: '600' });
    expect(
      (await call(analystA, 'POST', '/api/customers', { name: 'Dup', externalId: 'K1' }))
        .statusCode,
    ).toBe(409);
    const tl = (await call(viewerA, 'GET', `/api/customers/${c.id}/timeline`)).json() as {
      items: Array<{ type: string; data: { changes?: Record<string, unknown> } }>;
    };
    expect(tl.items.map((i) => i.type)).toEqual(
      expect.arrayContaining(['customer.created', 'customer.updated']),
    );
    const upd = tl.items.find((i) => i.type === 'customer.updated');
    expect(upd?.data.changes).toEqual({ tier: [null, 'A'], phone: '(changed)' });
  });

  it('answers bad input with a localised 4xx, never a 500', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { ...analystA.headers, 'content-type': 'application/json', 'accept-language': 'es' },
      payload: '{"name": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    const unknown = await call(analystA, 'POST', '/api/customers', { name: 'A', isAdmin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const wrongType = await call(analystA, 'POST', '/api/customers', {
      name: 42,
      consentEmail: 'yes',
    });
    expect(wrongType.statusCode).toBe(400);
    const internal = await call(analystA, 'POST', '/api/customers', {
      name: 'Dpto',
      kind: 'internal',
    });
    expect(internal.json()).toMatchObject({ error: { code: 'CUSTOMER_INTERNAL_NEEDS_UNIT' } });
    expect((await call(analystA, 'GET', '/api/customers?cursor=nonsense')).statusCode).toBe(400);
    expect((await call(analystA, 'GET', '/api/customers?limit=99999')).statusCode).toBe(400);
    expect((await call(analystA, 'GET', '/api/customers/not-a-uuid')).statusCode).toBe(404);
    const huge = await call(analystA, 'POST', '/api/customers', {
      name: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { ...analystA.headers, 'accept-language': 'en' },
      payload: { name: '' },
    });
    const es = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { ...analystA.headers, 'accept-language': 'es' },
      payload: { name: '' },
    });
    expect((en.json() as { error: { message: string } }).error.message).not.toBe(
      (es.json() as { error: { message: string } }).error.message,
    );
    expect((await call(analystA, 'GET', '/api/customers?bogus=1')).statusCode).toBe(400);
    const evil = "'; DROP TABLE customers; --";
    const ok = await call(analystA, 'POST', '/api/customers', { name: evil });
    expect(ok.statusCode).toBe(201);
    const found = (
      await call(analystA, 'GET', `/api/customers?q=${encodeURIComponent('drop table')}`)
    ).json() as { items: Array<{ name: string }> };
    expect(found.items.map((i) => i.name)).toContain(evil);
  });

  it('models internal customers as org units', async () => {
    const r = await call(analystA, 'POST', '/api/customers', {
      name: 'Dpto. Compras',
      kind: 'internal',
      internalUnitId: A.companyUnitId,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'internal', internalUnitId: A.companyUnitId });
    const other = await call(analystA, 'POST', '/api/customers', {
      name: 'X',
      kind: 'internal',
      internalUnitId: B.companyUnitId,
    });
    expect(other.json()).toMatchObject({ error: { code: 'CUSTOMER_UNIT_INVALID' } });
  });

  it('imports over HTTP: preview, dry run, run, progress, rejection report', async () => {
    const csv =
      'Código;Nombre;Correo\nM1;Álvaro;alvaro@x.es\nM2;Berta;mal-correo\nM1;Álvaro bis;a@x.es\n';
    const { body, contentType } = multipart('clientes.csv', Buffer.from(csv, 'latin1'));
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/customer-imports',
      headers: { ...analystA.headers, 'content-type': contentType },
      payload: body,
    });
    expect(up.statusCode).toBe(201);
    const pv = up.json() as {
      id: string;
      encoding: string;
      warnings: string[];
      suggestedMapping: Record<string, string | null>;
    };
    expect(pv.encoding).toBe('windows-1252');
    expect(pv.warnings.length).toBe(1);
    expect(pv.suggestedMapping).toEqual({ Código: 'externalId', Nombre: 'name', Correo: 'email' });
    const runAndWait = async (dryRun: boolean) => {
      const run = await call(analystA, 'POST', `/api/customer-imports/${pv.id}/run`, {
        mapping: pv.suggestedMapping,
        dryRun,
      });
      expect(run.statusCode).toBe(202);
      // The test app runs no worker; drain the durable queue here as main.ts's worker would.
      while (await runOne(t.db)) {}
      for (let i = 0; i < 200; i++) {
        const s = (await call(analystA, 'GET', `/api/customer-imports/${pv.id}`)).json() as {
          status: string;
        };
        if (s.status === 'done' || s.status === 'failed') return s;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('import did not finish');
    };
    expect(await runAndWait(true)).toMatchObject({
      status: 'done',
      dryRun: true,
      inserted: 1,
      rejected: 2,
    });
    expect((await call(analystA, 'GET', '/api/customers?q=lvaro')).json()).toMatchObject({
      items: [],
    });
    expect(await runAndWait(false)).toMatchObject({
      status: 'done',
      dryRun: false,
      inserted: 1,
      rejected: 2,
      processed: 3,
    });
    const m1 = (await call(analystA, 'GET', '/api/customers?q=m1')).json() as {
      items: Array<{ id: string }>;
    };
    const tl = (
      await call(analystA, 'GET', `/api/customers/${m1.items[0]?.id}/timeline`)
    ).json() as { items: Array<{ type: string; summary: string }> };
    expect(tl.items.map((i) => i.type).sort()).toEqual(['customer.created', 'customer.imported']);
    const rep = await call(analystA, 'GET', `/api/customer-imports/${pv.id}/rejections.csv`);
    expect(
      rep.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toEqual([
      'row,column,value,reason',
      '3,Correo,mal-correo,invalid_email',
      '4,Código,M1,duplicate_external_id:2',
    ]);
    // the same rows for the wizard's screen, first `limit` with the total
    expect(
      (await call(analystA, 'GET', `/api/customer-imports/${pv.id}/rejections?limit=1`)).json(),
    ).toEqual({
      items: [{ row: 3, column: 'Correo', value: 'mal-correo', reason: 'invalid_email' }],
      total: 2,
    });
    expect(
      (await call(analystB, 'GET', `/api/customer-imports/${pv.id}/rejections`)).statusCode,
    ).toBe(404);
    expect(
      (
        await call(analystA, 'POST', `/api/customer-imports/${pv.id}/run`, {
          mapping: pv.suggestedMapping,
          dryRun: false,
        })
      ).statusCode,
    ).toBe(409);
    const empty = multipart('vacio.csv', '');
    const e = await t.app.inject({
      method: 'POST',
      url: '/api/customer-imports',
      headers: { ...analystA.headers, 'content-type': empty.contentType },
      payload: empty.body,
    });
    expect(e.json()).toMatchObject({ error: { code: 'IMPORT_EMPTY' } });
    const noId = multipart('x.csv', 'nombre\nAna\n');
    const up2 = (
      await t.app.inject({
        method: 'POST',
        url: '/api/customer-imports',
        headers: { ...analystA.headers, 'content-type': noId.contentType },
        payload: noId.body,
      })
    ).json() as { id: string; suggestedMapping: Record<string, string | null> };
    const r2 = await call(analystA, 'POST', `/api/customer-imports/${up2.id}/run`, {
      mapping: up2.suggestedMapping,
      dryRun: false,
    });
    expect(r2.json()).toMatchObject({ error: { code: 'IMPORT_MAPPING_INVALID' } });
    // another org sees none of it
    expect((await call(analystB, 'GET', `/api/customer-imports/${pv.id}`)).statusCode).toBe(404);
    expect(
      (await call(analystB, 'GET', `/api/customer-imports/${pv.id}/rejections.csv`)).statusCode,
    ).toBe(404);
  });

  it('keeps tenants apart on read, list, export and erase', async () => {
    const a = (
      await call(analystA, 'POST', '/api/customers', { name: 'Secreto de A', externalId: 'SA1' })
    ).json() as { id: string };
    expect((await call(analystB, 'GET', `/api/customers/${a.id}`)).statusCode).toBe(404);
    expect(
      (await call(analystB, 'PATCH', `/api/customers/${a.id}`, { name: 'hack' })).statusCode,
    ).toBe(404);
    expect((await call(analystB, 'POST', `/api/customers/${a.id}/erase`)).statusCode).toBe(404);
    expect((await call(analystB, 'GET', `/api/customers/${a.id}/export`)).statusCode).toBe(404);
    expect(
      JSON.stringify((await call(analystB, 'GET', '/api/customers?q=secreto')).json()),
    ).not.toContain('Secreto');
    const csv = await call(analystB, 'GET', '/api/customers/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('Secreto');
    const csvA = await call(
      analystA,
      'GET',
      '/api/customers/export?format=csv&q=secreto&sort=-createdAt',
    );
    expect(csvA.body).toContain('Secreto de A');
    const xlsx = await call(analystA, 'GET', '/api/customers/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('restricts unit-scoped users to their subtree', async () => {
    const units = await t.db.query<{ id: string }>(
      `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, 'Norte', 'region'), ($1, $2, 'Sur', 'region') RETURNING id`,
      [A.orgId, A.companyUnitId],
    );
    const [north, south] = units.rows.map((r) => r.id);
    await t.db.query('UPDATE users SET unit_id = $1 WHERE id = $2', [north, A.users.agent.id]);
    const agent = await login(t.app, A.users.agent);
    const n = (
      await call(analystA, 'POST', '/api/customers', { name: 'Cliente Norte', unitId: north })
    ).json() as { id: string };
    const s = (
      await call(analystA, 'POST', '/api/customers', { name: 'Cliente Sur', unitId: south })
    ).json() as { id: string };
    expect((await call(agent, 'GET', `/api/customers/${n.id}`)).statusCode).toBe(200);
    expect((await call(agent, 'GET', `/api/customers/${s.id}`)).statusCode).toBe(404);
    const list = (await call(agent, 'GET', '/api/customers?limit=200')).json() as {
      items: Array<{ id: string }>;
      total: number;
    };
    expect(list.items.map((i) => i.id)).toEqual([n.id]);
    expect(list.total).toBe(1);
    // an agent reads but never writes; a scoped writer cannot place customers outside its subtree
    expect(
      (await call(agent, 'POST', '/api/customers', { name: 'X', unitId: north })).statusCode,
    ).toBe(403);
    await t.db.query('UPDATE users SET unit_id = $1 WHERE id = $2', [north, A.users.analyst.id]);
    const scopedAnalyst = await login(t.app, A.users.analyst);
    const out = await call(scopedAnalyst, 'POST', '/api/customers', {
      name: 'Fuera',
      unitId: south,
    });
    expect(out.json()).toMatchObject({ error: { code: 'CUSTOMER_UNIT_OUTSIDE_SCOPE' } });
    expect(
      (await call(scopedAnalyst, 'POST', '/api/customers', { name: 'Dentro', unitId: north }))
        .statusCode,
    ).toBe(201);
    expect(
      (await call(scopedAnalyst, 'PATCH', `/api/customers/${s.id}`, { tier: 'A' })).statusCode,
    ).toBe(404);
    await t.db.query('UPDATE users SET unit_id = NULL WHERE id = $1', [A.users.analyst.id]);
  });

  it('GDPR: exports everything about a customer, erases it and keeps counts', async () => {
    const c = (
      await call(analystA, 'POST', '/api/customers', {
        name: 'Olvídame',
        email: 'forget@x.es',
        tier: 'B',
      })
    ).json() as { id: string };
    const exp = (await call(analystA, 'GET', `/api/customers/${c.id}/export`)).json() as {
      customer: { email: string };
      timeline: unknown[];
    };
    expect(exp.customer.email).toBe('forget@x.es');
    expect(exp.timeline.length).toBeGreaterThan(0);
    const before = (await call(analystA, 'GET', '/api/customers?tier=B')).json() as {
      total: number;
    };
    expect((await call(viewerA, 'POST', `/api/customers/${c.id}/erase`)).statusCode).toBe(403);
    expect((await call(analystA, 'POST', `/api/customers/${c.id}/erase`)).statusCode).toBe(204);
    const after = (await call(analystA, 'GET', '/api/customers?tier=B')).json() as {
      total: number;
    };
    expect(after.total).toBe(before.total);
    const erased = (await call(analystA, 'GET', `/api/customers/${c.id}`)).json();
    expect(erased).toMatchObject({ status: 'erased', email: null });
    expect(JSON.stringify(erased)).not.toContain('Olvídame');
    expect(
      JSON.stringify((await call(analystA, 'GET', `/api/customers/${c.id}/timeline`)).json()),
    ).not.toContain('forget@');
  });

  it('saves segments and lists through them', async () => {
    await call(analystA, 'POST', '/api/customers', {
      name: 'Seg Uno',
      tier: 'C',
      externalId: 'SEG1',
    });
    const seg = await call(analystA, 'POST', '/api/segments', {
      name: 'Tier C',
      filters: { tier: 'C' },
    });
    expect(seg.statusCode).toBe(201);
    const { id } = seg.json() as { id: string };
    expect(
      (await call(analystA, 'POST', '/api/segments', { name: 'Tier C', filters: {} })).statusCode,
    ).toBe(409);
    const l = (await call(viewerA, 'GET', `/api/customers?segmentId=${id}`)).json() as {
      items: Array<{ tier: string }>;
    };
    expect(l.items.length).toBeGreaterThan(0);
    expect(l.items.every((i) => i.tier === 'C')).toBe(true);
    expect((await call(analystB, 'GET', `/api/customers?segmentId=${id}`)).statusCode).toBe(404);
    expect((await call(analystB, 'DELETE', `/api/segments/${id}`)).statusCode).toBe(404);
    expect((await call(analystA, 'DELETE', `/api/segments/${id}`)).statusCode).toBe(204);
  });
});
