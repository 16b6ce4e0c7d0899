// The staff list export: every case (no cap), in the list's order whatever the sort — the keyset
// walk is checked against the offset-paged list, which is read independently, with pages of 2
// so that ties and NULL due dates cross page boundaries — and in words in the reader's language
// (states, severities, channels, forms, unit and assignee names, never codes or ids); XLSX dates
// are date cells. The report's case export (export.csv/xlsx) is walked the same way: batches of
// 2 against one independent SQL listing. PGlite and PostgreSQL.
import { ZComplaintFilterSchema } from '@fidelia/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import type { AuthContext } from '../../lib/access';
import { casesCsv, casesXlsx } from './reports';
import { listAll, listCases } from './service';
import { caller, ok } from './testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let auth: AuthContext;
let call: ReturnType<typeof caller>;
const N = 9;

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'Exporta');
  await t.db.query('UPDATE users SET unit_id = $1 WHERE id = $2', [
    org.companyUnitId,
    org.users.agent.id,
  ]);
  owner = await login(t.app, org.users.owner);
  auth = {
    orgId: org.orgId,
    userId: org.users.owner.id,
    role: 'owner',
    unitId: null,
    email: org.users.owner.email,
    via: 'session',
    scopes: [],
  };
  const severities = ['low', 'high', 'high', 'critical', 'medium', 'high', 'low', 'low', 'medium'];
  for (let i = 0; i < N; i++) {
    const c = await ok<{ id: string }>(
      call(owner, {
        method: 'POST',
        url: '/api/complaints',
        payload: {
          channel: i % 2 ? 'phone' : 'counter',
          subject: `Caso ${i}`,
          description: 'Texto',
          severity: severities[i],
          unitId: org.companyUnitId,
          form: i === 0 ? 'unexpressed' : 'complaint',
        },
      }),
      201,
    );
    if (i === 0)
      await ok(
        call(owner, {
          method: 'POST',
          url: `/api/complaints/${c.id}/assign`,
          payload: { userId: org.users.agent.id },
        }),
      );
  }
  // Three share one received instant (ties), two have no due instant (NULLs sort last).
  await t.db.query(
    `UPDATE complaints SET received_at = '2026-05-01T10:00:00Z'
      WHERE org_id = $1 AND subject IN ('Caso 1', 'Caso 2', 'Caso 3')`,
    [org.orgId],
  );
  await t.db.query(
    `UPDATE complaints SET due_at = NULL WHERE org_id = $1 AND subject IN ('Caso 4', 'Caso 5')`,
    [org.orgId],
  );
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

/** The first sheet of an XLSX download (200 expected). */
async function firstSheet(url: string) {
  const x = await call(owner, { method: 'GET', url });
  expect(x.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

describe('complaint list export', () => {
  for (const sort of ['received', 'due', 'severity', 'status', 'reference'] as const)
    for (const dir of ['asc', 'desc'] as const)
      it(`walks every case in the list's order: ${sort} ${dir}`, async () => {
        const q = ZComplaintFilterSchema.parse({ sort, dir });
        const expected = (await listCases(t.db, auth, { ...q, limit: 200, offset: 0 })).items.map(
          (c) => c.id,
        );
        expect(expected).toHaveLength(N);
        const got: string[] = [];
        for await (const page of listAll(t.db, auth, q, 2)) got.push(...page.map((c) => c.id));
        expect(got).toEqual(expected);
      });

  it('writes words in the reader language, no codes or ids', async () => {
    const es = await call(owner, { method: 'GET', url: '/api/complaints/list.csv?sort=reference' });
    expect(es.statusCode).toBe(200);
    const rows = parse(es.body.replace(/^\ufeff/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(N);
    const first = rows.find((r) => r.Asunto === 'Caso 0');
    expect(first).toMatchObject({
      Estado: 'Recibida',
      Gravedad: 'Baja',
      Canal: 'Mostrador',
      Forma: 'Insatisfacción no expresada',
      Unidad: 'Exporta',
      'Asignada a': 'agent Exporta',
    });
    expect(rows.find((r) => r.Asunto === 'Caso 3')?.Gravedad).toBe('Crítica');
    expect(es.body).not.toContain(org.users.agent.id);
    expect(es.body).not.toContain(org.companyUnitId);
    expect(es.body).not.toMatch(/,(received|counter|phone|low|high|unexpressed),/);

    const en = await call(owner, {
      method: 'GET',
      url: '/api/complaints/list.csv?sort=reference&lang=en',
    });
    const enRows = parse(en.body.replace(/^\ufeff/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    expect(enRows.find((r) => r.Subject === 'Caso 1')).toMatchObject({
      Status: 'Received',
      Severity: 'High',
      Channel: 'Phone',
      Form: 'Expressed complaint',
    });
  });

  it('XLSX: the same rows, received as a date cell', async () => {
    const ws = await firstSheet('/api/complaints/list.xlsx?lang=en');
    expect(ws.rowCount).toBe(N + 1);
    const tie = [2, 3, 4, 5, 6, 7, 8, 9, 10]
      .map((n) => ws.getRow(n))
      .find((r) => r.getCell(15).value === 'Caso 2');
    expect(tie?.getCell(2).value).toEqual(new Date('2026-05-01T10:00:00Z'));
    expect(tie?.getCell(3).value).toBe('Received');
  });
});

describe("the report's case export, streamed in keyset batches", () => {
  const text = async (r: NodeJS.ReadableStream) => {
    let s = '';
    for await (const c of r) s += typeof c === 'string' ? c : Buffer.from(c as Buffer).toString();
    return s;
  };
  // Read independently of the export's query: plain SQL over the cases, in (received, id) order.
  const expected = async (where = '', args: unknown[] = []) =>
    (
      await t.db.query<{ reference: string }>(
        `SELECT reference FROM complaints WHERE org_id = $1 ${where} ORDER BY received_at, id`,
        [org.orgId, ...args],
      )
    ).rows.map((r) => r.reference);
  const refs = (csv: string) =>
    (parse(csv.replace(/^\ufeff/, ''), { columns: true }) as { reference: string }[]).map(
      (r) => r.reference,
    );

  it('every case once, in order, ties across batch boundaries; the route gives the same file', async () => {
    const q = {};
    const small = await text(casesCsv(t.db, auth, q, 2));
    expect(refs(small)).toEqual(await expected());
    expect(refs(small)).toHaveLength(N);
    const http = await call(owner, { method: 'GET', url: '/api/complaints/export.csv' });
    expect(http.statusCode).toBe(200);
    expect(http.body).toBe(small);
    const ws = await firstSheet('/api/complaints/export.xlsx');
    expect(ws.rowCount).toBe(N + 1);
    const col = (ws.getRow(1).values as unknown[]).indexOf('reference');
    const xs: unknown[] = [];
    ws.eachRow((r, i) => {
      if (i > 1) xs.push(r.getCell(col).value);
    });
    expect(xs).toEqual(await expected());
  });

  it('the period and the unit filters hold in every batch', async () => {
    const day = await text(casesCsv(t.db, auth, { from: '2026-05-01', to: '2026-05-01' }, 2));
    expect(refs(day)).toEqual(
      await expected(`AND received_at >= '2026-05-01' AND received_at < '2026-05-02'`),
    );
    expect(refs(day)).toHaveLength(3);
    const branch = (
      await t.db.query<{ id: string }>(
        `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, 'Sucursal', 'branch')
         RETURNING id`,
        [org.orgId, org.companyUnitId],
      )
    ).rows[0]?.id as string;
    await t.db.query(
      `UPDATE complaints SET unit_id = $2 WHERE org_id = $1 AND subject IN ('Caso 2', 'Caso 5', 'Caso 7')`,
      [org.orgId, branch],
    );
    const unit = await text(casesCsv(t.db, auth, { unitId: branch }, 2));
    expect(refs(unit)).toEqual(await expected('AND unit_id = $2', [branch]));
    expect(refs(unit)).toHaveLength(3);
    const x = casesXlsx(t.db, auth, { unitId: branch }, 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(x);
    expect(wb.worksheets[0]?.rowCount).toBe(4);
  });
});
