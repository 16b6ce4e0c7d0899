// Names sort the Spanish way on PGlite and PostgreSQL alike (migration 120): accents do not
// move a name, "ñ" is its own letter after "n", and equal keys keep one stable order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareOrg, createTestDb, type TestDb } from '../../../test/harness';
import { listCustomers } from './repo';

const SPANISH = ['Álvarez', 'álvaro', 'Nuñez', 'Nuria', 'Ñúñez', 'Sánchez', 'Zamora'];

describe('customer names in Spanish order (database)', () => {
  let db: TestDb;
  let org: string;
  beforeAll(async () => {
    db = await createTestDb();
    org = await createBareOrg(db);
    // Inserted shuffled, so an order by insertion or by id cannot pass by luck.
    for (const name of ['Zamora', 'Ñúñez', 'Sánchez', 'álvaro', 'Nuria', 'Álvarez', 'Nuñez']) {
      await db.query('INSERT INTO customers (org_id, name) VALUES ($1, $2)', [org, name]);
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  async function names(sort: 'name' | '-name', limit: number): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await listCustomers(db, org, { filters: {}, sort, limit, cursor, scope: null });
      if (page === 'bad_cursor') throw new Error('bad cursor');
      out.push(...page.items.map((c) => c.name));
      if (!page.nextCursor) return out;
      cursor = page.nextCursor;
    }
    throw new Error('no end');
  }

  it('lists Álvarez, álvaro, Nuñez, Nuria, Ñúñez, Sánchez, Zamora (also across pages)', async () => {
    expect(await names('name', 100)).toEqual(SPANISH);
    expect(await names('name', 2)).toEqual(SPANISH);
    expect(await names('-name', 3)).toEqual([...SPANISH].reverse());
  });

  it('the key used for staff pickers orders the same way and breaks ties on the original', async () => {
    const { rows } = await db.query<{ n: string }>(
      `SELECT n FROM unnest($1::text[]) AS n ORDER BY fid_name_key(n) COLLATE "C"`,
      [['Zamora', 'Alvarez', 'Nuria', 'Álvarez', 'Ñúñez', 'Nuñez']],
    );
    expect(rows.map((r) => r.n)).toEqual([
      'Alvarez',
      'Álvarez',
      'Nuñez',
      'Nuria',
      'Ñúñez',
      'Zamora',
    ]);
  });
});
