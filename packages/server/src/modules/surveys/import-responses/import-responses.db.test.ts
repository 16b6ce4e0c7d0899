// Response imports over HTTP (PGlite and PostgreSQL): the wide export of one survey imported into
// a copy stores the same answers; re-import stores nothing; every bad row is reported with its
// column and reason and nothing of it is stored; a job that crashes half-way and is retried stores
// each row once.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrg,
  createTestApp,
  login,
  type Session,
  type TestOrg,
} from '../../../../test/harness';
import type { Sql } from '../../../db/client';
import { runOne } from '../../../jobs/worker';
import { AppError } from '../../../lib/errors';
import { responseIdFor } from './engine';
import * as svc from './service';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let northId: string;

const tx = (es: string) => ({ es, en: es });
// Every question type, so the round trip covers each way a question is spread over columns.
const DEFINITION = {
  title: tx('Ola histórica'),
  pages: [
    {
      key: 'p1',
      questions: [
        { key: 'nps', type: 'rating', tag: 'nps', title: tx('Recomendaría'), required: true },
        { key: 'sat', type: 'csat', tag: 'csat', title: tx('Satisfacción') },
        {
          key: 'ease',
          type: 'scale',
          points: 7,
          title: tx('Facilidad'),
          lowLabel: tx('Difícil'),
          highLabel: tx('Fácil'),
        },
        {
          key: 'sq',
          type: 'servqual',
          part: 'P',
          title: tx('Percepciones'),
          items: [
            { key: 'p1', n: 1, dimension: 'tangibles', text: tx('Equipos modernos') },
            { key: 'p5', n: 5, dimension: 'reliability', text: tx('Cumple lo prometido') },
          ],
        },
        {
          key: 'w',
          type: 'constant_sum',
          title: tx('Pesos'),
          items: [
            { key: 'a', text: tx('A') },
            { key: 'b', text: tx('B') },
          ],
        },
        {
          key: 'k',
          type: 'kano',
          attribute: 'wifi',
          title: tx('Wifi'),
          functional: tx('Con'),
          dysfunctional: tx('Sin'),
        },
        {
          key: 'v',
          type: 'value',
          title: tx('Valor'),
          points: 5,
          priceText: tx('Precio'),
          benefits: [{ key: 'speed', text: tx('Rapidez') }],
          wtpText: tx('Pagaría'),
        },
      ],
    },
    {
      key: 'p2',
      questions: [
        {
          key: 'pick',
          type: 'single',
          title: tx('Elija'),
          allowOther: true,
          options: [
            { value: 'a', label: tx('A') },
            { value: 'b', label: tx('B') },
          ],
        },
        {
          key: 'many',
          type: 'multiple',
          title: tx('Varias'),
          options: [
            { value: 'x', label: tx('X') },
            { value: 'y', label: tx('Y') },
            { value: 'z', label: tx('Z') },
          ],
        },
        {
          key: 'm',
          type: 'matrix',
          title: tx('Matriz'),
          rows: [{ key: 'r1', text: tx('Fila') }],
          columns: [
            { value: 1, label: tx('Uno') },
            { value: 2, label: tx('Dos') },
          ],
        },
        { key: 'why', type: 'text', title: tx('Comentario') },
        { key: 'spend', type: 'number', title: tx('Gasto'), min: 0, max: 10000 },
        { key: 'who', type: 'contact', title: tx('Contacto'), fields: ['name', 'email'] },
        { key: 'when', type: 'date', title: tx('Fecha visita') },
      ],
    },
  ],
};

/** Deterministic answers for respondent i (a small LCG: varied but reproducible). */
function answersFor(i: number): Record<string, unknown> {
  let s = (i + 1) * 2654435761;
  const r = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const a: Record<string, unknown> = {
    nps: r(11),
    sat: 1 + r(5),
    sq: { p1: 1 + r(7), p5: 1 + r(7) },
    k: { functional: 1 + r(5), dysfunctional: 1 + r(5) },
    v: { price: 1 + r(5), benefits: { speed: 1 + r(5) }, wtp: r(500) + 0.5 },
    m: { r1: 1 + r(2) },
    spend: r(3000) / 4,
    when: `2025-0${1 + r(9)}-1${r(10)}`,
  };
  const wa = r(101);
  a.w = { a: wa, b: 100 - wa };
  if (r(3) > 0) a.ease = 1 + r(7);
  if (i % 4 === 0) {
    a.pick = 'other';
    a.pick__other = `otra, "cosa" ${i}`;
  } else a.pick = r(2) ? 'a' : 'b';
  const many = ['x', 'y', 'z'].filter(() => r(2) === 1);
  if (many.length) a.many = many;
  if (i % 3 === 0) a.why = `Comentario número ${i}; con, comas`;
  if (i % 5 === 0) a.who = { name: `Cliente ${i}`, email: `c${i}@example.test` };
  return a;
}

function multipart(fileName: string, content: Buffer | string) {
  const boundary = '----fidelia-resp-import';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: owner.headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

async function newSurvey(publish = true): Promise<string> {
  const c = await call('POST', '/api/surveys', {
    name: `Ola ${randomUUID().slice(0, 6)}`,
    definition: DEFINITION,
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  if (publish) expect((await call('POST', `/api/surveys/${id}/publish`)).statusCode).toBe(200);
  return id;
}

async function upload(surveyId: string, name: string, content: Buffer | string) {
  const { body, contentType } = multipart(name, content);
  return t.app.inject({
    method: 'POST',
    url: `/api/surveys/${surveyId}/response-imports`,
    headers: { ...owner.headers, 'content-type': contentType },
    payload: body,
  });
}

async function runAndWait(surveyId: string, importId: string, dryRun: boolean) {
  const r = await call('POST', `/api/surveys/${surveyId}/response-imports/${importId}/run`, {
    dryRun,
  });
  expect(r.statusCode, r.body).toBe(202);
  // The test app runs no worker: drain the durable queue as main.ts's worker would.
  while (await runOne(t.db)) {}
  const s = await call('GET', `/api/surveys/${surveyId}/response-imports/${importId}`);
  return s.json() as {
    status: string;
    inserted: number;
    unchanged: number;
    rejected: number;
    processed: number;
  };
}

async function importFile(
  surveyId: string,
  name: string,
  content: Buffer | string,
  dryRun = false,
) {
  const up = await upload(surveyId, name, content);
  expect(up.statusCode, up.body).toBe(201);
  const id = up.json().id as string;
  return { id, preview: up.json(), status: await runAndWait(surveyId, id, dryRun) };
}

async function exportWide(surveyId: string): Promise<Record<string, string>[]> {
  const r = await call('GET', `/api/surveys/${surveyId}/export?format=csv&shape=wide&status=all`);
  expect(r.statusCode, r.body).toBe(200);
  return parse(r.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
}

async function counts(surveyId: string) {
  const { rows } = await t.db.query<{ responses: number; answers: number }>(
    `SELECT (SELECT count(*)::int FROM survey_responses WHERE org_id = $1 AND survey_id = $2) AS responses,
            (SELECT count(*)::int FROM survey_answers WHERE org_id = $1 AND survey_id = $2) AS answers`,
    [org.orgId, surveyId],
  );
  return rows[0] as { responses: number; answers: number };
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrg(t.db, 'Importación');
  owner = await login(t.app, org.users.owner);
  const u = await t.db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, 'Oficina Norte', 'branch') RETURNING id`,
    [org.orgId, org.companyUnitId],
  );
  northId = (u.rows[0] as { id: string }).id;
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('response import', () => {
  const N = 40;
  let source: string;
  let copy: string;
  let exported: Record<string, string>[];
  let csv: string;

  beforeAll(async () => {
    source = await newSurvey();
    copy = await newSurvey();
    const channels = ['phone', 'postal', 'in_person'];
    const items = Array.from({ length: N }, (_, i) => ({
      id: randomUUID(),
      channel: channels[i % 3],
      orgUnitId: i % 2 ? northId : org.companyUnitId,
      respondedAt: new Date(Date.UTC(2024, i % 12, 1 + (i % 27), 9 + (i % 8), 15)).toISOString(),
      language: i % 7 === 0 ? 'en' : 'es',
      answers: answersFor(i),
    }));
    const b = await call('POST', `/api/surveys/${source}/entries/batch`, { items });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().accepted).toBe(N);
    const r = await call('GET', `/api/surveys/${source}/export?format=csv&shape=wide&status=all`);
    csv = r.body;
    exported = parse(csv.replace(/^\uFEFF/, ''), { columns: true });
    expect(exported).toHaveLength(N);
  });

  it('previews the export layout: every answer column recognised, first rows as stored', async () => {
    const up = await upload(copy, 'respuestas.csv', csv);
    expect(up.statusCode, up.body).toBe(201);
    const p = up.json();
    expect(p.respondentColumn).toBe('response_id');
    expect(p.unknownColumns).toEqual([]);
    expect(p.missingRequired).toEqual([]);
    expect(p.ignoredColumns.sort()).toEqual([
      'customer_id',
      'duplicate_of',
      'entered_by',
      'version',
    ]);
    expect(p.answerColumns).toContain('v.speed');
    expect(p.answerColumns).toContain('many.z');
    expect(p.sampleRows).toHaveLength(5);
    expect(p.sampleRows[0]).toMatchObject({
      row: 2,
      ok: true,
      channel: exported[0]?.channel,
      unit: exported[0]?.org_unit,
      submittedAt: exported[0]?.submitted_at,
    });
    // nothing stored by an upload
    expect((await counts(copy)).responses).toBe(0);
  });

  it('dry run counts without writing; the run stores the same answers (export round trip)', async () => {
    const dry = await importFile(copy, 'respuestas.csv', csv, true);
    expect(dry.status).toMatchObject({ status: 'done', processed: N, inserted: N, rejected: 0 });
    expect((await counts(copy)).responses).toBe(0);

    const real = await importFile(copy, 'respuestas.csv', csv);
    expect(real.status).toMatchObject({
      status: 'done',
      processed: N,
      inserted: N,
      unchanged: 0,
      rejected: 0,
    });
    const sourceCounts = await counts(source);
    expect(await counts(copy)).toEqual(sourceCounts);
    const kept = await t.db.query<{ n: number }>(
      'SELECT length(file_data)::int AS n FROM survey_response_imports WHERE org_id = $1 AND id = $2',
      [org.orgId, real.id],
    );
    expect(kept.rows[0]?.n).toBe(0); // the uploaded file is dropped once stored

    // The analytics (maintained as answers arrive) count the imported answers like submitted ones.
    const nps = async (id: string) =>
      (await call('GET', `/api/analytics/surveys/${id}/nps`)).json();
    const [a, b] = [await nps(source), await nps(copy)];
    expect(a.n).toBe(N);
    expect(b).toEqual(a);

    const back = await exportWide(copy);
    const byId = new Map(back.map((r) => [r.response_id, r]));
    const answerCols = Object.keys(exported[0] ?? {}).slice(11); // after the 11 metadata columns
    expect(answerCols.length).toBeGreaterThan(20);
    for (const row of exported) {
      const got = byId.get(responseIdFor(copy, row.response_id as string));
      expect(got, row.response_id).toBeDefined();
      for (const c of [...answerCols, 'channel', 'language', 'org_unit', 'submitted_at', 'status'])
        expect([c, got?.[c]]).toEqual([c, row[c]]);
    }
  });

  it('reads the XLSX export the same way', async () => {
    const target = await newSurvey();
    const x = await call('GET', `/api/surveys/${source}/export?format=xlsx&shape=wide&status=all`);
    expect(x.statusCode).toBe(200);
    const res = await importFile(target, 'respuestas.xlsx', x.rawPayload);
    expect(res.status).toMatchObject({ status: 'done', processed: N, inserted: N, rejected: 0 });
    expect(await counts(target)).toEqual(await counts(source));
    const back = new Map((await exportWide(target)).map((r) => [r.response_id, r]));
    for (const row of exported) {
      const got = back.get(responseIdFor(target, row.response_id as string));
      expect([got?.nps, got?.['sq.p5'], got?.['pick.other'], got?.submitted_at]).toEqual([
        row.nps,
        row['sq.p5'],
        row['pick.other'],
        row.submitted_at,
      ]);
    }
  });

  it('re-import changes nothing', async () => {
    const before = await counts(copy);
    const again = await importFile(copy, 'otra-vez.csv', csv);
    expect(again.status).toMatchObject({ status: 'done', inserted: 0, unchanged: N, rejected: 0 });
    expect(await counts(copy)).toEqual(before);
  });

  it('reports every rejected row with column and reason, stores none of them, and the good ones', async () => {
    const target = await newSurvey();
    const head =
      'respondent_id,submitted_at,channel,unit,customer_external_id,nps,sat,sq.p1,k.functional,pick';
    const lines = [
      head,
      'ok-1,2024-03-01T10:00:00Z,phone,Oficina Norte,,9,5,7,1,a',
      'bad-unit,2024-03-01,phone,Oficina Sur,,9,,,,',
      'bad-channel,2024-03-01,fax,,,9,,,,',
      'bad-date,31/02/2024,web,,,9,,,,',
      'out-of-scale,2024-03-01,web,,,11,,,,',
      'ok-1,2024-03-02,web,,,3,,,,',
      'nan,2024-03-01,web,,,nueve,,,,',
      'no-nps,2024-03-01,web,,,,4,,,',
      'no-customer,2024-03-01,web,,C-404,8,,,,',
      'bad-option,2024-03-01,web,,,8,,,,c',
      'kano-6,2024-03-01,web,,,8,,,6,',
      ',2024-03-01,web,,,8,,,,',
      'ok-2,02/03/2024 18:30,in_person,oficina norte,,0,1,1,5,b',
    ];
    const res = await importFile(target, 'mezcla.csv', `${lines.join('\n')}\n`);
    expect(res.status).toMatchObject({ status: 'done', processed: 13, inserted: 2, rejected: 11 });
    const rep = await call(
      'GET',
      `/api/surveys/${target}/response-imports/${res.id}/rejections.csv`,
    );
    expect(rep.statusCode).toBe(200);
    expect(rep.headers['content-type']).toContain('text/csv');
    expect(
      rep.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toEqual([
      'row,column,value,reason',
      '3,unit,Oficina Sur,unknown_unit',
      '4,channel,fax,unknown_channel',
      '5,submitted_at,31/02/2024,bad_date',
      '6,nps,11,invalid:out of range 0..10',
      '7,respondent_id,ok-1,duplicate_respondent:2',
      '8,nps,nueve,not_a_number',
      '9,nps,,required',
      '10,customer_external_id,C-404,unknown_customer',
      '11,pick,c,invalid:not one of the options',
      '12,k.functional,6,invalid:out of range 1..5',
      '13,respondent_id,,respondent_id_missing',
    ]);
    const page = await call(
      'GET',
      `/api/surveys/${target}/response-imports/${res.id}/rejections?limit=3`,
    );
    expect(page.json()).toMatchObject({ total: 11 });
    expect(page.json().items).toHaveLength(3);
    const stored = await exportWide(target);
    expect(stored.map((r) => [r.nps, r.org_unit, r.channel, r.submitted_at]).sort()).toEqual([
      ['0', 'Oficina Norte', 'in_person', '2024-03-02T18:30:00.000Z'],
      ['9', 'Oficina Norte', 'phone', '2024-03-01T10:00:00.000Z'],
    ]);
  });

  it('a job that crashes half-way and is retried stores every row once', async () => {
    const target = await newSurvey();
    const M = 1200;
    const rows = ['respondent_id,submitted_at,nps,sat'];
    for (let i = 0; i < M; i++)
      rows.push(`r${i},2024-05-0${1 + (i % 9)}T12:00:00Z,${i % 11},${1 + (i % 5)}`);
    const up = await upload(target, 'grande.csv', `${rows.join('\n')}\n`);
    const id = up.json().id as string;
    // The second batch's insert dies as a crashed process would: the first batch is committed.
    let inserts = 0;
    const crashing = (db: Sql): Sql => ({
      query: (text, params, opts) => {
        if (opts?.prepare === 'surveys.insert_new_responses' && ++inserts === 2)
          return Promise.reject(new Error('simulated crash'));
        return db.query(text, params, opts);
      },
      transaction: (fn) => db.transaction((inner) => fn(crashing(inner))),
      exec: (s) => db.exec(s),
    });
    svc.registerResponseImportJob(crashing(t.db));
    try {
      expect(
        (await call('POST', `/api/surveys/${target}/response-imports/${id}/run`, { dryRun: false }))
          .statusCode,
      ).toBe(202);
      expect(await runOne(t.db)).toBe(true);
    } finally {
      svc.registerResponseImportJob(t.db);
    }
    expect((await counts(target)).responses).toBe(500);
    const { rows: jobs } = await t.db.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM jobs WHERE org_id = $1 AND kind = $2 AND payload->>'importId' = $3`,
      [org.orgId, svc.RESPONSE_IMPORT_JOB, id],
    );
    expect(jobs).toEqual([{ status: 'queued', attempts: 1 }]);
    // the retry is due after its back-off; bring it forward instead of waiting
    await t.db.query(
      `UPDATE jobs SET run_at = now() WHERE org_id = $1 AND payload->>'importId' = $2`,
      [org.orgId, id],
    );
    while (await runOne(t.db)) {}
    const s = (await call('GET', `/api/surveys/${target}/response-imports/${id}`)).json();
    expect(s).toMatchObject({
      status: 'done',
      processed: M,
      inserted: M,
      unchanged: 0,
      rejected: 0,
    });
    expect(await counts(target)).toEqual({ responses: M, answers: 2 * M });
  });

  it('answers 404 for an unknown survey, 409 unpublished, 400 for other files and oversized ones', async () => {
    const unknown = await upload(randomUUID(), 'a.csv', 'respondent_id\n1\n');
    expect(unknown.statusCode).toBe(404);
    const draft = await newSurvey(false);
    const unpub = await upload(draft, 'a.csv', 'respondent_id\n1\n');
    expect(unpub.statusCode).toBe(409);
    expect(unpub.json().error.code).toBe('RESPONSE_IMPORT_UNPUBLISHED');
    const pdf = await upload(copy, 'a.pdf', '%PDF-1.4');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('RESPONSE_IMPORT_FORMAT');
    const es = await t.app.inject({
      method: 'POST',
      url: `/api/surveys/${copy}/response-imports`,
      headers: { ...owner.headers, 'accept-language': 'es', ...multipartHeaders('a.docx') },
      payload: multipart('a.docx', 'x').body,
    });
    expect(es.json().error.message).toBe('Sube un archivo .csv o .xlsx.');
    const big = new Uint8Array(svc.MAX_IMPORT_BYTES + 1);
    const auth = {
      orgId: org.orgId,
      userId: org.users.owner.id,
      email: null,
      role: 'owner',
      unitId: null,
    };
    await expect(svc.upload(t.db, auth as never, copy, 'big.csv', big)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'RESPONSE_IMPORT_TOO_LARGE' && e.status === 400,
    );
    const other = await call('GET', `/api/surveys/${source}/response-imports/${randomUUID()}`);
    expect(other.statusCode).toBe(404);
  });
});

function multipartHeaders(name: string) {
  return { 'content-type': multipart(name, '').contentType };
}
