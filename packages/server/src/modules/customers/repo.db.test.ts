import type { TCustomerSort } from '@fidelia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareOrg, createTestDb, createUnit, type TestDb } from '../../../test/harness';
import { countCustomers, eraseCustomer, getCustomer, listCustomers, type TListArgs } from './repo';

async function all(db: TestDb, org: string, args: Omit<TListArgs, 'cursor'>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listCustomers(db, org, { ...args, cursor });
    if (page === 'bad_cursor') throw new Error('bad cursor');
    ids.push(...page.items.map((c) => c.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('no end');
}

describe('customer repo (database)', () => {
  let db: TestDb;
  let orgA: string;
  let orgB: string;
  let north: string;
  let south: string;
  let northTeam: string;
  beforeAll(async () => {
    db = await createTestDb();
    orgA = await createBareOrg(db);
    orgB = await createBareOrg(db);
    const root = await createUnit(db, orgA, 'Empresa', 'company', null);
    north = await createUnit(db, orgA, 'Norte', 'region', root);
    south = await createUnit(db, orgA, 'Sur', 'region', root);
    northTeam = await createUnit(db, orgA, 'Equipo Bilbao', 'team', north);
    // 95 customers with many identical names and identical created_at (one statement), so
    // pagination must break ties on id.
    await db.query(
      `INSERT INTO customers (org_id, external_id, name, tier, unit_id)
       SELECT $1, 'E' || g, (ARRAY['Ana', 'ana', 'Bea', 'Íker', '50% Dto'])[1 + g % 5],
              (ARRAY['A', 'B', 'C'])[1 + g % 3], (ARRAY[$2, $3, $4]::uuid[])[1 + g % 3]
         FROM generate_series(1, 95) g`,
      [orgA, north, south, northTeam],
    );
    await db.query(`INSERT INTO customers (org_id, external_id, name) VALUES ($1, 'E1', 'Org B')`, [
      orgB,
    ]);
  });
  afterAll(async () => {
    await db?.close();
  });

  const sorts: TCustomerSort[] = [
    'name',
    '-name',
    'createdAt',
    '-createdAt',
    'updatedAt',
    '-updatedAt',
  ];
  for (const sort of sorts) {
    it(`keyset pages by ${sort}: no duplicates, no gaps, with ties`, async () => {
      const ids = await all(db, orgA, { filters: {}, sort, limit: 7, scope: null });
      expect(ids.length).toBe(95);
      expect(new Set(ids).size).toBe(95);
      const oneShot = await listCustomers(db, orgA, { filters: {}, sort, limit: 200, scope: null });
      if (oneShot === 'bad_cursor') throw new Error('bad cursor');
      expect(ids).toEqual(oneShot.items.map((c) => c.id));
    });
  }

  it('refuses a cursor made for another sort or forged', async () => {
    const p = await listCustomers(db, orgA, { filters: {}, sort: 'name', limit: 5, scope: null });
    if (p === 'bad_cursor' || !p.nextCursor) throw new Error('expected a cursor');
    expect(
      await listCustomers(db, orgA, {
        filters: {},
        sort: '-name',
        cursor: p.nextCursor,
        limit: 5,
        scope: null,
      }),
    ).toBe('bad_cursor');
    expect(
      await listCustomers(db, orgA, {
        filters: {},
        sort: 'name',
        cursor: "'; DROP TABLE x",
        limit: 5,
        scope: null,
      }),
    ).toBe('bad_cursor');
  });

  it('searches case-insensitively and treats % as text', async () => {
    expect(await countCustomers(db, orgA, { q: 'ANA' }, null)).toBe(38);
    expect(await countCustomers(db, orgA, { q: '50%' }, null)).toBe(19);
    expect(await countCustomers(db, orgA, { q: '%' }, null)).toBe(19);
    expect(await countCustomers(db, orgA, { q: 'íker', tier: 'A' }, null)).toBeGreaterThan(0);
  });

  it('restricts a unit-scoped user to the subtree', async () => {
    const scope = [north, northTeam];
    expect(await countCustomers(db, orgA, {}, scope)).toBe(63);
    const southOne = await db.query<{ id: string }>(
      'SELECT id FROM customers WHERE org_id = $1 AND unit_id = $2 LIMIT 1',
      [orgA, south],
    );
    const id = southOne.rows[0]?.id ?? '';
    expect(await getCustomer(db, orgA, id, null)).not.toBeNull();
    expect(await getCustomer(db, orgA, id, scope)).toBeNull();
    const ids = await all(db, orgA, { filters: {}, sort: 'name', limit: 10, scope });
    expect(ids).not.toContain(id);
  });

  it('never shows one org the customers of another', async () => {
    const a = await db.query<{ id: string }>('SELECT id FROM customers WHERE org_id = $1 LIMIT 1', [
      orgA,
    ]);
    const id = a.rows[0]?.id ?? '';
    expect(await getCustomer(db, orgB, id, null)).toBeNull();
    expect(await countCustomers(db, orgB, {}, null)).toBe(1);
    expect(await eraseCustomer(db, orgB, id)).toBe(false);
    expect(await getCustomer(db, orgA, id, null)).not.toBeNull();
  });

  it('GDPR erase blanks personal data but keeps the row, id and counts', async () => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO customers (org_id, external_id, name, email, phone, tier, need_tags, attributes)
       VALUES ($1, 'GDPR1', 'Lola Flores', 'lola@x.es', '600', 'A', '{precio}', '{"ltv": 9}') RETURNING id`,
      [orgA],
    );
    const id = rows[0]?.id ?? '';
    const before = await countCustomers(db, orgA, {}, null);
    const tierA = await countCustomers(db, orgA, { tier: 'A' }, null);
    expect(await eraseCustomer(db, orgA, id)).toBe(true);
    const c = await getCustomer(db, orgA, id, null);
    expect(c).toMatchObject({
      id,
      status: 'erased',
      email: null,
      phone: null,
      externalId: null,
      needTags: [],
      attributes: {},
    });
    expect(c?.name).not.toContain('Lola');
    expect(await countCustomers(db, orgA, {}, null)).toBe(before);
    expect(await countCustomers(db, orgA, { tier: 'A' }, null)).toBe(tierA);
    expect(await countCustomers(db, orgA, { q: 'lola' }, null)).toBe(0);
  });
});
