// The streamed export reads responses in keyset batches: whatever the batch size, the file is
// the same, every response appears exactly once and in (created_at, id) order — including ties
// on created_at and times that differ only in microseconds (a cursor through a JS Date would
// drop those and skip or repeat rows). Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session } from '../../../test/harness';
import type { AuthContext } from '../../lib/access';
import { exportResponsesStream } from './export';

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: Session;
let auth: AuthContext;
let surveyId = '';
const ids: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrg(t.db, 'Export stream');
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
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: 'Stream', template: 'csat_transactional' },
  });
  surveyId = c.json().id;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${surveyId}/publish`,
    headers: owner.headers,
  });
  for (let i = 0; i < 7; i++) {
    const id = randomUUID();
    ids.push(id);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${p.json().slug}/responses`,
      payload: {
        id,
        status: 'complete',
        answers: { csat: (i % 5) + 1, resolved: 'yes', comment: `c${i}` },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  // Four responses share one instant, three are a microsecond apart each: the order is then
  // fixed by hand, independently of the export code.
  const tie = '2026-03-01 10:00:00.123456+00';
  for (const id of ids.slice(0, 4))
    await t.db.query('UPDATE survey_responses SET created_at = $1 WHERE id = $2', [tie, id]);
  for (const [k, id] of ids.slice(4).entries())
    await t.db.query('UPDATE survey_responses SET created_at = $1 WHERE id = $2', [
      `2026-03-01 10:00:00.12345${7 + k}+00`,
      id,
    ]);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

async function text(b: Readable | string): Promise<string> {
  if (typeof b === 'string') return b;
  let s = '';
  for await (const c of b) s += c.toString();
  return s;
}
async function bytes(b: Readable | string): Promise<Buffer> {
  if (typeof b === 'string') return Buffer.from(b);
  const out: Buffer[] = [];
  for await (const c of b) out.push(Buffer.from(c));
  return Buffer.concat(out);
}

// Ties sort by id: uuid order is the byte order of the hex text, lowercase.
const expected = () => [...[...ids.slice(0, 4)].sort(), ...ids.slice(4)];

describe('streamed survey export', () => {
  for (const shape of ['wide', 'long'] as const) {
    it(`${shape} CSV is identical for batches of 1, 2, 3 and 1000, each response once, in order`, async () => {
      const files: string[] = [];
      for (const batch of [1, 2, 3, 1000]) {
        const f = await exportResponsesStream(
          t.db,
          auth,
          surveyId,
          { format: 'csv', shape, status: 'all' },
          { batch },
        );
        files.push(await text(f.body));
      }
      for (const f of files) expect(f).toBe(files[3]);
      const rows = parse((files[3] as string).replace(/^\ufeff/, ''), {
        columns: true,
      }) as Record<string, string>[];
      const seen = rows.map((r) => r.response_id as string).filter((v, i, a) => a.indexOf(v) === i);
      expect(seen).toEqual(expected());
      if (shape === 'wide') {
        expect(rows).toHaveLength(7);
        const i = ids.indexOf(rows[0]?.response_id as string);
        expect(rows[0]?.csat).toBe(String((i % 5) + 1));
        expect(rows[0]?.comment).toBe(`c${i}`);
      } else {
        // csat, resolved, comment per response
        expect(rows).toHaveLength(21);
      }
    });
  }

  it('XLSX through the workbook writer: one row per response, the Variables sheet, numbers as numbers', async () => {
    const f = await exportResponsesStream(
      t.db,
      auth,
      surveyId,
      { format: 'xlsx', shape: 'wide', status: 'all' },
      { batch: 2 },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytes(f.body)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Respuestas');
    if (!ws) throw new Error('no Respuestas sheet');
    expect(ws.rowCount).toBe(8);
    const head = ws.getRow(1).values as unknown[];
    const got = [2, 3, 4, 5, 6, 7, 8].map(
      (n) => (ws.getRow(n).values as unknown[])[head.indexOf('response_id')],
    );
    expect(got).toEqual(expected());
    const first = ws.getRow(2).values as unknown[];
    expect(first[head.indexOf('csat')]).toBe((ids.indexOf(got[0] as string) % 5) + 1);
    expect(wb.getWorksheet('Variables')?.getRow(2).getCell(1).value).toBe('csat');
  });

  it('the HTTP route streams the same file', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/surveys/${surveyId}/export?format=csv&shape=wide`,
      headers: owner.headers,
    });
    expect(r.statusCode).toBe(200);
    const f = await exportResponsesStream(t.db, auth, surveyId, {
      format: 'csv',
      shape: 'wide',
      status: 'all',
    });
    expect(r.body).toBe(await text(f.body));
  });
});
