import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareOrg, createTestDb, type TestDb } from '../../../../test/harness';
import { openDelimited, openXlsx } from '../../../lib/tabular';
import { runImport } from './engine';
import { suggestMapping } from './mapping';

const CDNOW = fileURLToPath(
  new URL('../../../../../../../shared/datasets/CDNOW_master.txt', import.meta.url),
);

/** The distinct customer ids of CDNOW as a one-column CSV (23,570 ids). */
function cdnowCsv(): Buffer {
  const ids = new Set<string>();
  for (const line of readFileSync(CDNOW, 'utf8').split('\n')) {
    const id = line.trim().split(/\s+/)[0];
    if (id && /^\d+$/.test(id)) ids.add(id);
  }
  return Buffer.from(`customer_id\n${[...ids].join('\n')}\n`);
}

async function importBytes(
  db: TestDb,
  orgId: string,
  bytes: Uint8Array,
  dryRun = false,
  xlsx = false,
) {
  const file = xlsx ? await openXlsx(bytes) : await openDelimited(bytes, { name: 'test.csv' });
  const importId = randomUUID();
  await db.query(
    `INSERT INTO customer_imports (org_id, id, file_name, file_format, file_data, encoding)
     VALUES ($1, $2, 'test.csv', 'csv', $3, $4)`,
    [orgId, importId, Buffer.from(bytes), file.encoding],
  );
  const counts = await runImport(db, orgId, {
    header: file.header,
    rows: file.rows,
    mapping: suggestMapping(file.header),
    fields: new Map(),
    dryRun,
    importId,
  });
  const { rows: rejections } = await db.query<{
    row_no: number;
    column_name: string;
    value: string;
    reason: string;
  }>(
    'SELECT row_no, column_name, value, reason FROM customer_import_rejections WHERE org_id = $1 AND import_id = $2 ORDER BY row_no',
    [orgId, importId],
  );
  return { counts, file, rejections };
}

async function countCustomers(db: TestDb, orgId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM customers WHERE org_id = $1',
    [orgId],
  );
  return rows[0]?.n ?? -1;
}

describe('customer import (database)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports the 23,570 CDNOW ids, and re-importing changes nothing', async () => {
    const org = await createBareOrg(db);
    const csv = cdnowCsv();
    const first = await importBytes(db, org, csv);
    expect(first.counts).toEqual({
      processed: 23570,
      inserted: 23570,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const { rows: before } = await db.query<{ m: string }>(
      'SELECT max(updated_at)::text AS m FROM customers WHERE org_id = $1',
      [org],
    );
    const again = await importBytes(db, org, csv);
    expect(again.counts).toEqual({
      processed: 23570,
      inserted: 0,
      updated: 0,
      unchanged: 23570,
      rejected: 0,
    });
    const { rows: after } = await db.query<{ m: string }>(
      'SELECT max(updated_at)::text AS m FROM customers WHERE org_id = $1',
      [org],
    );
    expect(after).toEqual(before);
    expect(await countCustomers(db, org)).toBe(23570);
  });

  it('reads Windows-1252 with a warning and keeps the accents', async () => {
    const org = await createBareOrg(db);
    const bytes = iconv.encode(
      'código,nombre,teléfono\nA1,José Muñoz Peña,600111222\nA2,Íñigo Ibáñez,\n',
      'win1252',
    );
    const r = await importBytes(db, org, bytes);
    expect(r.file.encoding).toBe('windows-1252');
    expect(r.file.warnings.length).toBe(1);
    expect(r.counts.inserted).toBe(2);
    const { rows } = await db.query<{ name: string }>(
      'SELECT name FROM customers WHERE org_id = $1 ORDER BY external_id',
      [org],
    );
    expect(rows.map((x) => x.name)).toEqual(['José Muñoz Peña', 'Íñigo Ibáñez']);
  });

  it('reads UTF-8 with BOM and semicolon separators', async () => {
    const org = await createBareOrg(db);
    const text =
      '\uFEFFid;nombre;correo;nivel\nS1;"Pérez; Hermanos S.L.";info@perez.es;a\nS2;Lucía Gil;;C\n';
    const r = await importBytes(db, org, Buffer.from(text, 'utf8'));
    expect(r.file.separator).toBe(';');
    expect(r.file.header[0]).toBe('id');
    expect(r.counts).toMatchObject({ inserted: 2, rejected: 0 });
    const { rows } = await db.query<{ name: string; tier: string }>(
      'SELECT name, tier FROM customers WHERE org_id = $1 ORDER BY external_id',
      [org],
    );
    expect(rows).toEqual([
      { name: 'Pérez; Hermanos S.L.', tier: 'A' },
      { name: 'Lucía Gil', tier: 'C' },
    ]);
  });

  it('rejects bad rows and in-file duplicate ids with a per-row reason, keeps the good ones', async () => {
    const org = await createBareOrg(db);
    const evil = "x'); DROP TABLE customers; --";
    const csv = `id,name,email\nB1,Ana,ana@x.es\nB2,Luis,not-an-email\nB1,Ana bis,ana2@x.es\n,Sin id,\nB3,"${evil}",\n`;
    const r = await importBytes(db, org, Buffer.from(csv));
    expect(r.counts).toEqual({ processed: 5, inserted: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect(r.rejections).toEqual([
      { row_no: 3, column_name: 'email', value: 'not-an-email', reason: 'invalid_email' },
      { row_no: 4, column_name: 'id', value: 'B1', reason: 'duplicate_external_id:2' },
      { row_no: 5, column_name: 'id', value: '', reason: 'required' },
    ]);
    const { rows } = await db.query<{ name: string }>(
      'SELECT name FROM customers WHERE org_id = $1 AND external_id = $2',
      [org, 'B3'],
    );
    expect(rows[0]?.name).toBe(evil);
  });

  it('updates only what changed; a dry run writes nothing', async () => {
    const org = await createBareOrg(db);
    await importBytes(db, org, Buffer.from('id,name,tier\nU1,Ana,A\nU2,Bea,B\n'));
    const dry = await importBytes(
      db,
      org,
      Buffer.from('id,name,tier\nU1,Ana,C\nU2,Bea,B\nU3,Carla,\n'),
      true,
    );
    expect(dry.counts).toEqual({
      processed: 3,
      inserted: 1,
      updated: 1,
      unchanged: 1,
      rejected: 0,
    });
    expect(await countCustomers(db, org)).toBe(2);
    const real = await importBytes(
      db,
      org,
      Buffer.from('id,name,tier\nU1,Ana,C\nU2,Bea,B\nU3,Carla,\n'),
    );
    expect(real.counts).toEqual(dry.counts);
    const { rows } = await db.query<{ tier: string }>(
      'SELECT tier FROM customers WHERE org_id = $1 AND external_id = $2',
      [org, 'U1'],
    );
    expect(rows[0]?.tier).toBe('C');
  });

  it('keeps orgs apart: the same external id in two orgs are two customers', async () => {
    const a = await createBareOrg(db);
    const b = await createBareOrg(db);
    await importBytes(db, a, Buffer.from('id,name\nT1,Org A customer\n'));
    const rb = await importBytes(db, b, Buffer.from('id,name\nT1,Org B customer\n'));
    expect(rb.counts.inserted).toBe(1);
    const { rows } = await db.query<{ name: string }>(
      'SELECT name FROM customers WHERE org_id = $1',
      [a],
    );
    expect(rows).toEqual([{ name: 'Org A customer' }]);
  });

  it('imports an XLSX sheet (numbers, booleans, accents)', async () => {
    const org = await createBareOrg(db);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Clientes');
    ws.addRow(['Código cliente', 'Nombre', 'Acepta email', 'Idioma']);
    ws.addRow([1001, 'Núria Vidal', 'sí', 'es']);
    ws.addRow([1002, 'John Smith', 'no', 'EN']);
    ws.addRow([1003, 'Sin idioma', 'tal vez', '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importBytes(db, org, bytes, false, true);
    expect(r.counts).toMatchObject({ processed: 3, inserted: 2, rejected: 1 });
    expect(r.rejections).toEqual([
      { row_no: 4, column_name: 'Acepta email', value: 'tal vez', reason: 'not_a_boolean' },
    ]);
    const { rows } = await db.query<{
      external_id: string;
      name: string;
      consent_email: boolean;
      language: string;
    }>(
      'SELECT external_id, name, consent_email, language FROM customers WHERE org_id = $1 ORDER BY external_id',
      [org],
    );
    expect(rows).toEqual([
      { external_id: '1001', name: 'Núria Vidal', consent_email: true, language: 'es' },
      { external_id: '1002', name: 'John Smith', consent_email: false, language: 'en' },
    ]);
  });
});
