// The five-gap diagnostic over HTTP (issue 16): missing evidence named per gap (never a blank or
// a 500), gap 5 = the analytics SERVQUAL report, gap 1 and the gap causes = exactly what
// `fidelia analyze gap1|gap-causes` print for the same answers written as their CSV inputs, the
// promises registry with its "not kept" rule, ranked candidates, tracked actions with replays,
// bad input and the PDF. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { analyzeGapCauses } from '../../cli/analyze/gap-causes';
import { analyzeGap1 } from '../../cli/analyze/gap1';
import { ensureAttributes } from '../standards/service';
import { gapCauseRows } from '../surveys/templates';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let viewer: Session;
const units: string[] = [];
const sv: Record<'customer' | 'manager' | 'causes', string> = {} as never;
const dir = mkdtempSync(join(tmpdir(), 'diag-test-'));

const get = (url: string, s: Session = owner) =>
  t.app.inject({ method: 'GET', url, headers: s.headers });
const send = (
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  s: Session = owner,
) => t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

async function survey(template: string, name: string) {
  const c = await send('POST', '/api/surveys', { name, template });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  expect((await send('POST', `/api/surveys/${id}/publish`)).statusCode).toBe(200);
  return id;
}
async function enter(id: string, items: object[]) {
  const r = await send('POST', `/api/surveys/${id}/entries/batch`, { items });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().rejected, r.body).toBe(0);
}
const at = (i: number) => new Date(Date.UTC(2026, 2, 2 + i, 10)).toISOString();

// Deterministic answers for the first unit. Customers: E high; P low on reliability (items 5–9).
const E = (i: number, k: number) => 5 + ((i + k) % 3);
const P = (i: number, k: number) => (k >= 5 && k <= 9 ? 2 + ((i + k) % 2) : 5 + ((i * 3 + k) % 3));
// Managers under-predict reliability expectations, one item left blank by one manager.
const M = (i: number, k: number) => (k >= 5 && k <= 9 ? 3 + ((i + k) % 2) : 5 + ((i + 2 * k) % 3));

beforeAll(async () => {
  t = await createTestApp({ config: { chromiumPath: CHROMIUM } });
  org = await createOrg(t.db, 'Diagnóstico');
  owner = await login(t.app, org.users.owner);
  viewer = await login(t.app, org.users.viewer);
  for (const name of ['Sucursal Norte', 'Sucursal Centro']) {
    const u = await send('POST', '/api/org-units', {
      parentId: org.companyUnitId,
      name,
      kind: 'branch',
    });
    expect(u.statusCode, u.body).toBe(201);
    units.push(u.json().id);
  }
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('five-gap diagnostic', () => {
  it('names the missing evidence of every gap before any survey exists', async () => {
    const r = await get(`/api/diagnostic?unitId=${units[0]}`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.unit.name).toBe('Sucursal Norte');
    expect(d.gap5).toMatchObject({
      status: 'missing',
      missing: 'no_customer_survey',
      template: 'servqual',
    });
    expect(d.gap1).toMatchObject({ status: 'missing', missing: 'no_customer_survey' });
    expect(d.causes).toMatchObject({
      status: 'missing',
      missing: 'no_causes_survey',
      template: 'gap_causes',
    });
    expect(d.gap4).toMatchObject({ status: 'missing', missing: 'no_promises' });
    expect(d.gap2.status).toBe('missing');
    expect(d.gap3.status).toBe('missing');
    expect(d.candidates).toEqual([]);
  });

  it('collects answers: customers, managers and staff of Sucursal Norte', async () => {
    sv.customer = await survey('servqual', 'SERVQUAL clientes');
    sv.manager = await survey('servqual_manager', 'Predicciones directivos');
    sv.causes = await survey('gap_causes', 'Causas de las brechas');
    const r0 = await get(`/api/diagnostic?unitId=${units[0]}`);
    expect(r0.json().gap1).toMatchObject({ status: 'missing', missing: 'no_servqual_answers' });
    await enter(
      sv.customer,
      Array.from({ length: 14 }, (_, i) => ({
        id: randomUUID(),
        channel: 'in_person',
        orgUnitId: units[0],
        respondedAt: at(i),
        answers: {
          sq_e: Object.fromEntries(
            Array.from({ length: 22 }, (_, k) => [`e${k + 1}`, E(i, k + 1)]),
          ),
          sq_p: Object.fromEntries(
            Array.from({ length: 22 }, (_, k) => [`p${k + 1}`, P(i, k + 1)]),
          ),
          weights: {
            tangibles: 10,
            reliability: 30,
            responsiveness: 20,
            assurance: 20,
            empathy: 20,
          },
        },
      })),
    );
    const managerMissing = await get(`/api/diagnostic?unitId=${units[0]}`);
    expect(managerMissing.json().gap1).toMatchObject({
      status: 'missing',
      missing: 'no_manager_answers',
    });
    expect(managerMissing.json().gap5.status).toBe('ok');
    await enter(
      sv.manager,
      Array.from({ length: 5 }, (_, i) => ({
        id: randomUUID(),
        channel: 'in_person',
        orgUnitId: units[0],
        respondedAt: at(i),
        answers: {
          sq_m: Object.fromEntries(
            Array.from({ length: 22 }, (_, k) => [`m${k + 1}`, M(i, k + 1)]),
          ),
          weights_predicted: {
            tangibles: 20,
            reliability: 20,
            responsiveness: 20,
            assurance: 20,
            empathy: 20,
          },
        },
      })),
    );
    // Staff: role conflict (reverse-worded items answered high) and overpromising score low.
    await enter(
      sv.causes,
      Array.from({ length: 8 }, (_, i) => {
        const answers: Record<string, unknown> = { role: i % 3 ? 'contact' : 'manager' };
        for (const gap of [1, 2, 3, 4]) {
          const rows: Record<string, number> = {};
          for (const [j, row] of gapCauseRows(gap).entries()) {
            const reverse = row.tag.endsWith(':r');
            const base = 3 + ((i + j) % 4);
            if (i === 0 && j === 1) continue; // one unanswered item
            rows[row.key] =
              row.key.startsWith('role_conflict') || row.key.startsWith('propensity')
                ? reverse
                  ? 6 + (i % 2)
                  : 2
                : base;
          }
          answers[`causes_gap${gap}`] = rows;
        }
        return {
          id: randomUUID(),
          channel: 'in_person',
          orgUnitId: units[0],
          respondedAt: at(i),
          answers,
        };
      }),
    );
  });

  it('gap 5 is the analytics SERVQUAL report of the unit', async () => {
    const d = (await get(`/api/diagnostic?unitId=${units[0]}`)).json();
    const a = (
      await get(`/api/analytics/surveys/${sv.customer}/servqual?unitId=${units[0]}`)
    ).json();
    expect(d.gap5).toEqual({ status: 'ok', data: a });
    expect(d.surveys.customer.id).toBe(sv.customer);
    expect(d.surveys.options.manager.map((s: { id: string }) => s.id)).toEqual([sv.manager]);
  });

  it('gap 1 equals `fidelia analyze gap1` on the same answers', async () => {
    const d = (await get(`/api/diagnostic?unitId=${units[0]}`)).json();
    expect(d.gap1.status).toBe('ok');
    const cust = join(dir, 'customers.csv');
    const man = join(dir, 'managers.csv');
    const head = (l: string) =>
      ['respondent_id', ...Array.from({ length: 22 }, (_, k) => `${l}${k + 1}`)].join(',');
    writeFileSync(
      cust,
      [
        head('E'),
        ...Array.from({ length: 14 }, (_, i) =>
          [`c${i}`, ...Array.from({ length: 22 }, (_, k) => E(i, k + 1))].join(','),
        ),
      ].join('\n'),
    );
    writeFileSync(
      man,
      [
        head('M'),
        ...Array.from({ length: 5 }, (_, i) =>
          [`m${i}`, ...Array.from({ length: 22 }, (_, k) => M(i, k + 1))].join(','),
        ),
      ].join('\n'),
    );
    const cli = await analyzeGap1(cust, man);
    expect(d.gap1.data).toEqual(cli.json);
    expect(d.gap1.data.customers).toBe(14);
    expect(d.gap1.data.managers).toBe(5);
    // managers under-predict reliability: negative gap with a Welch interval below zero
    const rel = d.gap1.data.dimensions.find(
      (x: { dimension: string }) => x.dimension === 'reliability',
    );
    expect(rel.gap).toBeLessThan(-1);
  });

  it('gap causes equal `fidelia analyze gap-causes` on the exported CSV', async () => {
    const d = (await get(`/api/diagnostic?unitId=${units[0]}`)).json();
    expect(d.causes.status).toBe('ok');
    const csv = await get(
      `/api/diagnostic/gap-causes.csv?surveyId=${sv.causes}&unitId=${units[0]}`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    const header = csv.body.split('\n')[0] as string;
    expect(header.startsWith('respondent_id,role,marketing_research_orientation:1,')).toBe(true);
    expect(header).toContain('role_conflict:1:r');
    const f = join(dir, 'causes.csv');
    writeFileSync(f, csv.body);
    const cli = await analyzeGapCauses(f);
    expect(d.causes.data).toEqual(cli.json);
    expect(d.causes.data.factors).toHaveLength(16);
    const g3 = d.causes.data.gaps.find((g: { gap: number }) => g.gap === 3);
    expect(g3.weakest).toBe('role_conflict');
    // viewers may read the diagnostic, not the staff answers
    expect(
      (await get(`/api/diagnostic/gap-causes.csv?surveyId=${sv.causes}`, viewer)).statusCode,
    ).toBe(403);
  });

  it('another unit without answers says so per gap', async () => {
    const d = (await get(`/api/diagnostic?unitId=${units[1]}`)).json();
    expect(d.gap5).toMatchObject({ status: 'missing', missing: 'no_servqual_answers' });
    expect(d.gap1).toMatchObject({ status: 'missing', missing: 'no_servqual_answers' });
    expect(d.causes).toMatchObject({ status: 'missing', missing: 'no_causes_answers' });
  });

  it('promises: create, replay, 409 on reuse, flagged not kept on a failing item', async () => {
    const id = randomUUID();
    const body = {
      id,
      text: 'Le resolvemos cualquier gestión a la primera',
      channel: 'advertising',
      unitId: units[0],
      validFrom: '2026-01-01',
      servqualItems: [5, 6],
    };
    const a = await send('POST', '/api/diagnostic/promises', body);
    expect(a.statusCode, a.body).toBe(201);
    const b = await send('POST', '/api/diagnostic/promises', body);
    expect(b.statusCode).toBe(200);
    expect(b.json().replay).toBe(true);
    const c = await send('POST', '/api/diagnostic/promises', { ...body, text: 'Otra cosa' });
    expect(c.statusCode).toBe(409);
    const kept = await send('POST', '/api/diagnostic/promises', {
      id: randomUUID(),
      text: 'Oficinas modernas y cuidadas',
      channel: 'website',
      servqualItems: [1],
    });
    expect(kept.statusCode).toBe(201);
    const bad = await send('POST', '/api/diagnostic/promises', {
      ...body,
      id: randomUUID(),
      validFrom: '2026-05-01',
      validTo: '2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const d = (await get(`/api/diagnostic?unitId=${units[0]}`)).json();
    expect(d.gap4.status).toBe('ok');
    const mine = d.gap4.data.promises.find((p: { id: string }) => p.id === id);
    expect(mine.notKept).toBe(true);
    expect(mine.reasons).toEqual(['perception_below']);
    const other = d.gap4.data.promises.find((p: { id: string }) => p.id !== id);
    expect(other.notKept).toBe(false);
    // the unit's promise does not apply to the other branch; the org-wide one does
    const d2 = (await get(`/api/diagnostic?unitId=${units[1]}`)).json();
    expect(d2.gap4.data.promises.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it('after-sales: each attribute with its standards, audits, promises, complaints and items', async () => {
    const before = (await get(`/api/diagnostic?unitId=${units[0]}`)).json();
    expect(before.afterSales).toMatchObject({
      status: 'missing',
      missing: 'no_after_sales_attributes',
      link: '/standards/attributes',
    });
    // the unit has no triangle of its own: the org-wide one is summarised and linked
    expect(before.triangle).toMatchObject({ unitId: units[0], assessed: 0 });
    expect(before.triangle.link).toBe(`/strategy/triangle?unitId=${units[0]}`);
    const [tech, parts] = await ensureAttributes(t.db, org.orgId, [
      {
        key: 'asistencia_tecnica',
        nameEs: 'Asistencia técnica',
        nameEn: 'Technical assistance',
        group: 'after_sales',
        dimension: 'reliability',
        servqualItems: [7],
      },
      { key: 'repuestos', nameEs: 'Repuestos', nameEn: 'Spare parts', group: 'after_sales' },
    ]);
    if (!tech || !parts) throw new Error('attributes');
    const m = await send('POST', '/api/standards/moments', {
      key: 'asistencia',
      nameEs: 'Asistencia',
      nameEn: 'Assistance',
    });
    expect(m.statusCode, m.body).toBe(201);
    const std = await send('POST', '/api/standards', {
      id: randomUUID(),
      code: 'PV-01',
      momentId: m.json().id,
      nameEs: 'Avería atendida en 24 horas',
      nameEn: 'Fault attended within 24 hours',
      attributeId: tech.id,
      dimension: 'reliability',
      servqualItems: [7],
      measureKind: 'yesno',
    });
    expect(std.statusCode, std.body).toBe(201);
    // complaints: two at Sucursal Norte by id, one by the key's text, one at the other branch
    const complaint = (unitId: string, a: object) =>
      send('POST', '/api/complaints', {
        channel: 'counter',
        subject: 'Posventa',
        description: 'Sin asistencia',
        unitId,
        ...a,
      });
    for (const [u, a] of [
      [units[0], { serviceAttributeId: tech.id }],
      [units[0], { serviceAttributeId: tech.id }],
      [units[0], { serviceAttribute: 'Repuestos' }],
      [units[1], { serviceAttributeId: tech.id }],
    ] as const)
      expect((await complaint(u as string, a)).statusCode).toBe(201);
    const promise = await send('POST', '/api/diagnostic/promises', {
      id: randomUUID(),
      text: 'Repuestos en 48 horas',
      channel: 'contract',
      unitId: units[0],
      attributeIds: [parts.id],
    });
    expect(promise.statusCode, promise.body).toBe(201);
    const d = (await get(`/api/diagnostic?unitId=${units[0]}`)).json();
    expect(d.afterSales.status).toBe('ok');
    const by = new Map(d.afterSales.data.attributes.map((a: { key: string }) => [a.key, a])) as Map<
      string,
      Record<string, never>
    >;
    const ta = by.get('asistencia_tecnica') as unknown as {
      standards: { code: string; n: number }[];
      complaints: number;
      perception: { item: number; gap: number | null }[];
      promises: unknown[];
      missing: { code: string }[];
    };
    expect(ta.standards.map((x) => x.code)).toEqual(['PV-01']);
    expect(ta.complaints).toBe(2); // the other branch's case is not counted here
    // item 7 is gap 5's own item 7 (P − E of the unit's customers)
    const g5 = d.gap5.data.items.find((i: { item: number }) => Number(i.item) === 7);
    expect(ta.perception).toEqual([
      expect.objectContaining({ item: 7, gap: g5.gap, perception: g5.perception }),
    ]);
    expect(ta.promises).toEqual([]);
    // its standard is not in any audit: the missing evidence says so
    expect(ta.missing).toEqual([{ code: 'no_audit', link: '/fieldwork' }]);
    const rp = by.get('repuestos') as unknown as {
      complaints: number;
      promises: { text: string }[];
      missing: { code: string }[];
    };
    expect(rp.complaints).toBe(1);
    expect(rp.promises.map((p) => p.text)).toEqual(['Repuestos en 48 horas']);
    expect(rp.missing.map((x) => x.code)).toEqual(['no_standard', 'no_customer_measure']);
    // the whole organisation counts the other branch's case too
    const all = (await get('/api/diagnostic')).json();
    const ta2 = all.afterSales.data.attributes.find(
      (a: { key: string }) => a.key === 'asistencia_tecnica',
    );
    expect(ta2.complaints).toBe(3);
    // the PDF carries the section (checked page by page in e2e/diagnostic.e2e.ts)
  });

  it('ranks candidates by size × evidence, the cause factor named', async () => {
    const d = (await get(`/api/diagnostic?unitId=${units[0]}`)).json();
    const cands = d.candidates as {
      key: string;
      score: number;
      cause: { factor: string } | null;
    }[];
    expect(cands.length).toBeGreaterThan(2);
    for (let i = 1; i < cands.length; i++)
      expect(cands[i - 1]!.score).toBeGreaterThanOrEqual(cands[i]!.score);
    expect(cands.map((c) => c.key)).toContain('gap5:reliability');
    expect(cands.map((c) => c.key)).toContain('cause:role_conflict');
    expect(cands.find((c) => c.key.startsWith('gap4:'))?.cause?.factor).toBe(
      'propensity_to_overpromise',
    );
  });

  it('actions: accept, replay, close; closed ones show the next period gap 5', async () => {
    const id = randomUUID();
    const body = {
      id,
      unitId: units[0],
      gap: 5,
      dimension: 'reliability',
      findingKey: 'gap5:reliability',
      title: 'Brecha 5 en fiabilidad en Sucursal Norte',
      score: 0.4,
      surveyId: sv.customer,
      baselineGap: -3,
      ownerId: org.users.analyst.id,
      dueOn: '2026-06-30',
    };
    const a = await send('POST', '/api/diagnostic/actions', body);
    expect(a.statusCode, a.body).toBe(201);
    expect((await send('POST', '/api/diagnostic/actions', body)).statusCode).toBe(200);
    expect(
      (await send('POST', '/api/diagnostic/actions', { ...body, title: 'x' })).statusCode,
    ).toBe(409);
    expect(
      (
        await send('POST', '/api/diagnostic/actions', {
          ...body,
          id: randomUUID(),
          ownerId: randomUUID(),
        })
      ).statusCode,
    ).toBe(400);
    expect((await send('POST', '/api/diagnostic/actions', body, viewer)).statusCode).toBe(403);
    const done = await send('PATCH', `/api/diagnostic/actions/${id}`, { status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().closedAt).toBeTruthy();
    expect(done.json().after).toMatchObject({ n: 0, gap: null });
    const list = (await get('/api/diagnostic/actions', viewer)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([id]);
    expect(list.items[0].ownerName).toMatch(/analyst/);
    expect(
      (await send('PATCH', `/api/diagnostic/actions/${randomUUID()}`, { status: 'done' }))
        .statusCode,
    ).toBe(404);
  });

  it('bad input is a clear 4xx, never a 500', async () => {
    expect((await get('/api/diagnostic?from=2026-05-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await get(`/api/diagnostic?unitId=${randomUUID()}`)).statusCode).toBe(404);
    expect((await get('/api/diagnostic?unitId=nope')).statusCode).toBe(400);
    const wrong = await get(`/api/diagnostic?customerSurveyId=${sv.manager}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('DIAGNOSTIC_SURVEY_KIND');
    expect((await get(`/api/diagnostic?managerSurveyId=${randomUUID()}`)).statusCode).toBe(404);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'prints the PDF (es and en)',
    async () => {
      for (const lang of ['es', 'en']) {
        const r = await get(`/api/diagnostic/report.pdf?unitId=${units[0]}&lang=${lang}`);
        expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
        expect(r.headers['content-type']).toBe('application/pdf');
        expect(r.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
        expect(r.headers['content-disposition']).toContain('sucursal-norte');
      }
    },
    120_000,
  );
});
