// The transactions import's bulk-load changes (migration 470, hex file transfer): the stored
// file comes back byte for byte (binary XLSX included), a purchase must still name a customer of
// its org, and deleting an org still removes its purchases (through customers) now that the
// direct org foreign key is gone.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestDb, type TestOrg } from '../../../test/harness';
import type { Db } from '../../db/client';
import * as repo from './repo-import';

let db: Db;
let org: TestOrg;

beforeAll(async () => {
  db = await createTestDb();
  org = await createOrg(db, 'Bulk');
});
afterAll(async () => {
  await db.close();
});

async function customer(orgId: string, ext: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO customers (org_id, external_id, name) VALUES ($1, $2, 'Cliente') RETURNING id`,
    [orgId, ext],
  );
  return rows[0]?.id as string;
}

const tx = (customerId: string, externalId: string): repo.TTxWrite => ({
  externalId,
  customerId,
  date: '1997-01-01',
  amount: '12.50',
  currency: 'EUR',
  type: 'purchase',
  units: 1,
});

describe('transactions import storage', () => {
  it('stores and returns the uploaded file byte for byte', async () => {
    const bytes = new Uint8Array(randomBytes(70_000));
    bytes[0] = 0;
    bytes[1] = 255;
    const id = await repo.insertUpload(db, org.orgId, {
      fileName: 'x.xlsx',
      format: 'xlsx',
      bytes: bytes.subarray(0),
      headers: ['a'],
      mapping: {},
      createdBy: null,
    });
    const back = await repo.fileOf(db, org.orgId, id);
    expect(back?.file_format).toBe('xlsx');
    expect(Buffer.from(back?.file_data ?? []).equals(Buffer.from(bytes))).toBe(true);
    // A view of a larger buffer sends only its own bytes.
    const view = bytes.subarray(10, 20);
    const id2 = await repo.insertUpload(db, org.orgId, {
      fileName: 'y.csv',
      format: 'csv',
      bytes: view,
      headers: [],
      mapping: {},
      createdBy: null,
    });
    const back2 = await repo.fileOf(db, org.orgId, id2);
    expect(Buffer.from(back2?.file_data ?? []).equals(Buffer.from(view))).toBe(true);
  });

  it('refuses a purchase of a customer of another org, and an org delete removes them', async () => {
    const other = await createOrg(db, 'Other');
    const theirs = await customer(other.orgId, 'T1');
    const imp = await repo.insertUpload(db, org.orgId, {
      fileName: 'a.csv',
      format: 'csv',
      bytes: new Uint8Array([97]),
      headers: [],
      mapping: {},
      createdBy: null,
    });
    await expect(repo.upsertBatch(db, org.orgId, imp, [tx(theirs, 'X1')])).rejects.toThrow();

    // Orgs with an audit trail are never hard-deleted (audit_log is append-only): a bare one.
    const gone = {
      orgId: (
        await db.query<{ id: string }>(
          `INSERT INTO orgs (name, slug) VALUES ('Gone', 'gone-' || gen_random_uuid()) RETURNING id`,
        )
      ).rows[0]?.id as string,
    };
    const c = await customer(gone.orgId, 'G1');
    const imp2 = await repo.insertUpload(db, gone.orgId, {
      fileName: 'g.csv',
      format: 'csv',
      bytes: new Uint8Array([97]),
      headers: [],
      mapping: {},
      createdBy: null,
    });
    expect(await repo.upsertBatch(db, gone.orgId, imp2, [tx(c, 'G1:1'), tx(c, 'G1:2')])).toEqual({
      inserted: 2,
      updated: 0,
    });
    const count = async () =>
      (
        await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM retention_transactions WHERE org_id = $1',
          [gone.orgId],
        )
      ).rows[0]?.n;
    expect(await count()).toBe(2);
    await db.query('DELETE FROM orgs WHERE id = $1', [gone.orgId]);
    expect(await count()).toBe(0);
  });
});
