// Service standards over HTTP on a real database (PGlite and PostgreSQL): starter catalogues,
// client-made ids (replay / 409), versions (an edit writes a new one, old ones stay readable,
// stale edits 409), the attribute catalogue (ensureAttributes idempotent, usage), coverage on
// hand-made SERVQUAL answers (figures computed by hand below), and tenant isolation.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import * as svc from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let other: TestOrg;
let owner: Session;
let viewer: Session;
let otherOwner: Session;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Estandares');
  other = await createOrg(t.db, 'Otra');
  owner = await login(t.app, org.users.owner);
  viewer = await login(t.app, org.users.viewer);
  otherOwner = await login(t.app, other.users.owner);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const call = (method: string, url: string, s: Session, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...s.headers, 'accept-language': 'es' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

async function moment(s: Session, key: string) {
  const r = await call('GET', '/api/standards/moments', s);
  const m = (r.json().items as { id: string; key: string }[]).find((x) => x.key === key);
  if (m) return m.id;
  const c = await call('POST', '/api/standards/moments', s, { key, nameEs: key, nameEn: key });
  expect(c.statusCode, c.body).toBe(201);
  return c.json().id as string;
}

describe('starter catalogues and the attribute catalogue', () => {
  it('loads the bank-branch catalogue once; a second load keeps everything', async () => {
    const list = await call('GET', '/api/standards/catalogues', viewer);
    expect(list.json().items.map((c: { key: string }) => c.key)).toEqual([
      'bank_branch',
      'shop',
      'call_centre',
      'technical_service',
    ]);
    const r = await call('POST', '/api/standards/catalogues/bank_branch/load', owner, {
      language: 'en',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 12, skipped: 0 });
    const again = await call('POST', '/api/standards/catalogues/bank_branch/load', owner, {});
    expect(again.json()).toEqual({ created: 0, skipped: 12 });
    const bad = await call('POST', '/api/standards/catalogues/nope/load', owner, {});
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.message).toBe('Ese catálogo inicial no existe.');

    const st = (await call('GET', '/api/standards', viewer)).json().items as {
      code: string;
      servqualItems: number[];
      dimension: string;
      ownerRole: string;
      attributeKey: string;
      targetMax: number | null;
    }[];
    expect(st).toHaveLength(12);
    const queue = st.find((s) => s.code === 'OF-02');
    expect(queue).toMatchObject({
      servqualItems: [11],
      dimension: 'responsiveness',
      ownerRole: 'Branch manager',
      attributeKey: 'waiting_time',
      targetMax: 5,
    });
    // every starter standard is linked to SERVQUAL items
    expect(st.every((s) => s.servqualItems.length > 0)).toBe(true);

    const attrs = (await call('GET', '/api/standards/attributes', viewer)).json().items as {
      key: string;
      group: string;
      nameEn: string;
    }[];
    const keys = attrs.map((a) => a.key);
    for (const k of ['product_information', 'spare_parts', 'technical_assistance'])
      expect(attrs.find((a) => a.key === k)?.group).toBe('after_sales');
    for (const k of ['facilities', 'staff_presentation', 'equipment'])
      expect(attrs.find((a) => a.key === k)?.group).toBe('tangibles');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ensureAttributes registers new keys once and leaves existing ones as they are', async () => {
    const before = await svc.getAttributeByKey(t.db, org.orgId, 'waiting_time');
    const a = await svc.ensureAttributes(t.db, org.orgId, [
      { key: 'waiting_time', nameEs: 'Otro nombre' },
      { key: 'wifi', nameEs: 'Wifi gratis', nameEn: 'Free wifi', source: 'kano' },
    ]);
    expect(a.map((x) => x.key).sort()).toEqual(['waiting_time', 'wifi']);
    expect(a.find((x) => x.key === 'waiting_time')).toEqual(before);
    const again = await svc.ensureAttributes(t.db, org.orgId, [{ key: 'wifi' }]);
    expect(again[0]?.id).toBe(a.find((x) => x.key === 'wifi')?.id);
    expect(again[0]?.nameEn).toBe('Free wifi');
    // another org: its own row, never this one
    const b = await svc.ensureAttributes(t.db, other.orgId, [{ key: 'wifi' }]);
    expect(b[0]?.id).not.toBe(again[0]?.id);
    expect(b[0]?.nameEs).toBe('Wifi');
  });

  it('creates attributes idempotently by key; delete refuses one a standard uses', async () => {
    const body = { key: 'parking', nameEs: 'Aparcamiento', nameEn: 'Parking', group: 'tangibles' };
    const c = await call('POST', '/api/standards/attributes', owner, body);
    expect(c.statusCode, c.body).toBe(201);
    expect((await call('POST', '/api/standards/attributes', owner, body)).statusCode).toBe(200);
    const clash = await call('POST', '/api/standards/attributes', owner, {
      ...body,
      nameEn: 'Car park',
    });
    expect(clash.statusCode).toBe(409);
    expect((await call('POST', '/api/standards/attributes', viewer, body)).statusCode).toBe(403);
    const bad = await call('POST', '/api/standards/attributes', owner, {
      ...body,
      key: 'Mal Clave',
    });
    expect(bad.statusCode).toBe(400);
    const wrongItems = await call('POST', '/api/standards/attributes', owner, {
      ...body,
      key: 'parking2',
      dimension: 'empathy',
      servqualItems: [1],
    });
    expect(wrongItems.statusCode).toBe(400);
    const id = c.json().attribute.id as string;
    const p = await call('PATCH', `/api/standards/attributes/${id}`, owner, { nameEn: 'Car park' });
    expect(p.json().nameEn).toBe('Car park');
    const used = (await svc.getAttributeByKey(t.db, org.orgId, 'waiting_time'))?.id;
    expect((await call('DELETE', `/api/standards/attributes/${used}`, owner)).statusCode).toBe(409);
    expect((await call('DELETE', `/api/standards/attributes/${id}`, owner)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/standards/attributes/${id}`, owner)).statusCode).toBe(404);
  });

  it('reports where attributes are used: standards and Kano questions', async () => {
    const c = await call('POST', '/api/surveys', owner, { name: 'Kano wifi', template: 'kano' });
    expect(c.statusCode, c.body).toBe(201);
    const def = (await call('GET', `/api/surveys/${c.json().id}`, owner)).json().definition;
    const kanoKeys: string[] = def.pages.flatMap(
      (p: { questions: { type: string; attribute?: string }[] }) =>
        p.questions.filter((q) => q.type === 'kano').map((q) => q.attribute as string),
    );
    expect(kanoKeys.length).toBeGreaterThan(0);
    await svc.ensureAttributes(
      t.db,
      org.orgId,
      kanoKeys.map((key) => ({ key, source: 'kano' })),
    );
    const u = (await call('GET', '/api/standards/attributes/usage', viewer)).json().items as {
      key: string;
      standards: { code: string }[];
      kanoQuestions: { surveyName: string }[];
    }[];
    expect(u.find((x) => x.key === kanoKeys[0])?.kanoQuestions[0]?.surveyName).toBe('Kano wifi');
    expect(u.find((x) => x.key === 'waiting_time')?.standards.map((s) => s.code)).toEqual([
      'OF-02',
    ]);
  });
});

describe('standards: client-made ids and versions', () => {
  let id: string;
  let body: Record<string, unknown>;
  beforeAll(async () => {
    id = randomUUID();
    body = {
      id,
      code: 'X-01',
      momentId: await moment(owner, 'telephone'),
      nameEs: 'Descolgar antes del tercer tono',
      nameEn: 'Answer within three rings',
      measureKind: 'number',
      targetMax: 3,
      uomEs: 'tonos',
      uomEn: 'rings',
      servqualItems: [12],
      promisedLevel: 6,
    };
  });

  it('creates once, replays the same request, refuses the id reused or the code taken', async () => {
    const c = await call('POST', '/api/standards', owner, body);
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().standard).toMatchObject({ currentVersion: 1, dimension: 'responsiveness' });
    const r = await call('POST', '/api/standards', owner, body);
    expect(r.statusCode).toBe(200);
    expect(r.json().replay).toBe(true);
    expect(
      (await call('POST', '/api/standards', owner, { ...body, targetMax: 4 })).statusCode,
    ).toBe(409);
    const dup = await call('POST', '/api/standards', owner, { ...body, id: randomUUID() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('Ya hay un estándar con ese código.');
    const mism = await call('POST', '/api/standards', owner, {
      ...body,
      id: randomUUID(),
      code: 'X-02',
      dimension: 'tangibles',
    });
    expect(mism.statusCode).toBe(400);
    const inv = await call('POST', '/api/standards', owner, {
      ...body,
      id: randomUUID(),
      code: 'X-03',
      targetMin: 5,
      targetMax: 3,
    });
    expect(inv.statusCode).toBe(400);
    expect(
      (await call('POST', '/api/standards', viewer, { ...body, id: randomUUID() })).statusCode,
    ).toBe(403);
  });

  it('an edit writes version 2; version 1 stays readable; a stale edit is refused', async () => {
    const { id: _, code: __, ...content } = body;
    const e = await call('POST', `/api/standards/${id}/versions`, owner, {
      ...content,
      baseVersion: 1,
      targetMax: 2,
      changeNote: 'Nuevo objetivo',
    });
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json()).toMatchObject({
      changed: true,
      standard: { currentVersion: 2, targetMax: 2 },
    });
    // the same save again (a retry): nothing new
    const again = await call('POST', `/api/standards/${id}/versions`, owner, {
      ...content,
      baseVersion: 1,
      targetMax: 2,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().changed).toBe(false);
    // another edit from version 1: conflict
    const stale = await call('POST', `/api/standards/${id}/versions`, owner, {
      ...content,
      baseVersion: 1,
      targetMax: 1,
    });
    expect(stale.statusCode).toBe(409);
    const vs = (await call('GET', `/api/standards/${id}/versions`, viewer)).json().items;
    expect(vs.map((v: { version: number; targetMax: number }) => [v.version, v.targetMax])).toEqual(
      [
        [2, 2],
        [1, 3],
      ],
    );
    expect(vs[0].changeNote).toBe('Nuevo objetivo');
    const v1 = await call('GET', `/api/standards/${id}/versions/1`, viewer);
    expect(v1.json()).toMatchObject({ version: 1, targetMax: 3 });
    expect((await call('GET', `/api/standards/${id}/versions/9`, viewer)).statusCode).toBe(404);
    // the published view shows the current version
    const pub = await t.db.query<{ version: number; target_max: number; moment: string }>(
      'SELECT version, target_max, moment FROM pub_service_standards WHERE org_id = $1 AND id = $2',
      [org.orgId, id],
    );
    expect(pub.rows).toEqual([{ version: 2, target_max: 2, moment: 'telephone' }]);
    // deactivating is a version of its own too
    const off = await call('POST', `/api/standards/${id}/versions`, owner, {
      ...content,
      baseVersion: 2,
      targetMax: 2,
      active: false,
    });
    expect(off.json().standard).toMatchObject({ currentVersion: 3, active: false });
    const active = (await call('GET', '/api/standards?activeOnly=true', viewer)).json().items;
    expect(active.some((s: { id: string }) => s.id === id)).toBe(false);
  });

  it('lists the standards that apply to a unit: set on it, on an ancestor, or everywhere', async () => {
    const mk = async (parent: string | null, name: string) =>
      (
        await t.db.query<{ id: string }>(
          `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, 'branch') RETURNING id`,
          [org.orgId, parent, name],
        )
      ).rows[0]?.id as string;
    const region = await mk(org.companyUnitId, 'Región Norte');
    const branch = await mk(region, 'Sucursal Norte');
    const elsewhere = await mk(org.companyUnitId, 'Sucursal Centro');
    const m = await moment(owner, 'greeting');
    const mkStd = (code: string, unitIds: string[]) =>
      call('POST', '/api/standards', owner, {
        id: randomUUID(),
        code,
        momentId: m,
        nameEs: code,
        nameEn: code,
        measureKind: 'yesno',
        unitIds,
      });
    expect((await mkStd('U-REGION', [region])).statusCode).toBe(201);
    expect((await mkStd('U-ELSE', [elsewhere])).statusCode).toBe(201);
    expect((await mkStd('U-BAD', [other.companyUnitId])).statusCode).toBe(400);
    const codes = (await call('GET', `/api/standards?unitId=${branch}&momentId=${m}`, viewer))
      .json()
      .items.map((s: { code: string }) => s.code);
    expect(codes).toContain('U-REGION');
    expect(codes).toContain('OF-01'); // bank-branch catalogue: every unit
    expect(codes).not.toContain('U-ELSE');
  });
});

describe('coverage (gap 2) on hand-made answers', () => {
  let cov: TestOrg;
  let s: Session;
  beforeAll(async () => {
    cov = await createOrg(t.db, 'Cobertura');
    s = await login(t.app, cov.users.owner);
    const c = await call('POST', '/api/surveys', s, {
      name: 'SERVQUAL sucursales',
      template: 'servqual',
    });
    const surveyId = c.json().id as string;
    expect((await call('POST', `/api/surveys/${surveyId}/publish`, s)).statusCode).toBe(200);
    // E per item: item 1: 7,7,6 (6.667); item 2: 5,5,5; item 11: 7,6,6 (6.333); item 14: 6,6,6;
    // every other item 4. P = 4 everywhere. Weights 40/20/20/10/10 for every respondent.
    const E: Record<number, number[]> = {
      1: [7, 7, 6],
      2: [5, 5, 5],
      11: [7, 6, 6],
      14: [6, 6, 6],
    };
    const items = [0, 1, 2].map((r) => ({
      id: randomUUID(),
      channel: 'in_person',
      respondedAt: new Date(Date.UTC(2026, 0, 10 + r, 10)).toISOString(),
      answers: {
        sq_e: Object.fromEntries(
          Array.from({ length: 22 }, (_, k) => [`e${k + 1}`, E[k + 1]?.[r] ?? 4]),
        ),
        sq_p: Object.fromEntries(Array.from({ length: 22 }, (_, k) => [`p${k + 1}`, 4])),
        weights: { tangibles: 40, reliability: 20, responsiveness: 20, assurance: 10, empathy: 10 },
      },
    }));
    const b = await call('POST', `/api/surveys/${surveyId}/entries/batch`, s, { items });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().rejected, b.body).toBe(0);
    const m = await moment(s, 'waiting');
    const std = (code: string, extra: Record<string, unknown>) =>
      call('POST', '/api/standards', s, {
        id: randomUUID(),
        code,
        momentId: m,
        nameEs: code,
        nameEn: code,
        ...extra,
      });
    // item 1 covered, but promising 6 where customers expect 6.667
    expect(
      (
        await std('S1', {
          measureKind: 'number',
          targetMax: 5,
          servqualItems: [1],
          promisedLevel: 6,
        })
      ).statusCode,
    ).toBe(201);
    // item 11: a number measure without any target (weak)
    expect(
      (await std('S2', { measureKind: 'number', servqualItems: [11], promisedLevel: 7 }))
        .statusCode,
    ).toBe(201);
    // linked to nothing
    expect((await std('S3', { measureKind: 'yesno' })).statusCode).toBe(201);
    // item 2 covered at level 5 (customers expect 5: not below)
    expect(
      (await std('S4', { measureKind: 'yesno', servqualItems: [2], promisedLevel: 5 })).statusCode,
    ).toBe(201);
  });

  it('finds important items without a (measurable) standard and standards below expectations', async () => {
    const r = await call('GET', '/api/standards/coverage', s);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c.survey.name).toBe('SERVQUAL sucursales');
    expect(c.n).toBe(3);
    expect(c.items).toHaveLength(22);
    const item = (k: number) => c.items.find((i: { item: number }) => i.item === k);
    expect(item(1).expectation).toBeCloseTo(20 / 3, 10);
    expect(item(1)).toMatchObject({ important: true, status: 'ok' });
    expect(item(1).weight).toBeCloseTo(0.4, 10); // 40 of 100 points
    expect(item(2)).toMatchObject({ important: false, status: 'ok' });
    expect(item(11)).toMatchObject({ important: true, status: 'weak' });
    expect(item(11).weight).toBeCloseTo(0.2, 10);
    expect(item(14)).toMatchObject({ important: true, status: 'none', expectation: 6 });
    expect(item(14).weight).toBeCloseTo(0.1, 10);
    // responsiveness (20 points) before assurance (10)
    expect(c.uncovered.map((i: { item: number }) => i.item)).toEqual([11, 14]);
    expect(c.belowExpectation).toHaveLength(1);
    expect(c.belowExpectation[0]).toMatchObject({ code: 'S1', item: 1, promisedLevel: 6 });
    expect(c.belowExpectation[0].shortfall).toBeCloseTo(20 / 3 - 6, 10);
    expect(c.unlinked.map((x: { code: string }) => x.code)).toEqual(['S3']);

    const strict = (await call('GET', '/api/standards/coverage?minExpectation=6.5', s)).json();
    expect(strict.uncovered).toEqual([]);
    expect(
      strict.items
        .filter((i: { important: boolean }) => i.important)
        .map((i: { item: number }) => i.item),
    ).toEqual([1]);
  });

  it('a new standard for item 14 takes it off the uncovered list', async () => {
    const m = await moment(s, 'greeting');
    const c = await call('POST', '/api/standards', s, {
      id: randomUUID(),
      code: 'S5',
      momentId: m,
      nameEs: 'Confianza',
      nameEn: 'Trust',
      measureKind: 'scale',
      targetMin: 6,
      servqualItems: [14],
      promisedLevel: 6,
    });
    expect(c.statusCode, c.body).toBe(201);
    const r = (await call('GET', '/api/standards/coverage', s)).json();
    expect(r.uncovered.map((i: { item: number }) => i.item)).toEqual([11]);
    expect(r.items.find((i: { item: number }) => i.item === 14).standards[0].code).toBe('S5');
  });

  it('an org without SERVQUAL answers gets an empty report, not an error', async () => {
    const r = await call('GET', '/api/standards/coverage', otherOwner);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ survey: null, n: 0, uncovered: [], belowExpectation: [] });
    expect(
      (await call('GET', '/api/standards/coverage?minExpectation=9', otherOwner)).statusCode,
    ).toBe(400);
  });
});

describe('tenant isolation', () => {
  it("another org cannot read, edit or link to this org's standards and attributes", async () => {
    const mine = (await call('GET', '/api/standards', owner)).json().items[0] as {
      id: string;
      attributeId: string;
      momentId: string;
    };
    expect((await call('GET', `/api/standards/${mine.id}`, otherOwner)).statusCode).toBe(404);
    expect((await call('GET', `/api/standards/${mine.id}/versions`, otherOwner)).statusCode).toBe(
      404,
    );
    const edit = await call('POST', `/api/standards/${mine.id}/versions`, otherOwner, {
      baseVersion: 1,
      nameEs: 'x',
      nameEn: 'x',
      measureKind: 'yesno',
    });
    expect(edit.statusCode).toBe(404);
    expect(
      (
        await call('PATCH', `/api/standards/attributes/${mine.attributeId}`, otherOwner, {
          nameEs: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const own = await moment(otherOwner, 'greeting');
    const link = await call('POST', '/api/standards', otherOwner, {
      id: randomUUID(),
      code: 'B-1',
      momentId: own,
      nameEs: 'x',
      nameEn: 'x',
      measureKind: 'yesno',
      attributeId: mine.attributeId,
    });
    expect(link.statusCode).toBe(400);
    const foreignMoment = await call('POST', '/api/standards', otherOwner, {
      id: randomUUID(),
      code: 'B-2',
      momentId: mine.momentId,
      nameEs: 'x',
      nameEn: 'x',
      measureKind: 'yesno',
    });
    expect(foreignMoment.statusCode).toBe(400);
    // the id of this org's standard, reused by the other org: refused, nothing overwritten
    const steal = await call('POST', '/api/standards', otherOwner, {
      id: mine.id,
      code: 'B-3',
      momentId: own,
      nameEs: 'x',
      nameEn: 'x',
      measureKind: 'yesno',
    });
    expect(steal.statusCode).toBe(409);
    expect((await call('GET', `/api/standards/${mine.id}`, owner)).json().nameEs).not.toBe('x');
    const theirs = (await call('GET', '/api/standards', otherOwner)).json().items;
    expect(theirs).toEqual([]);
  });
});
