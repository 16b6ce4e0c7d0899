// Cohort curves: a month whose data is not over yet is left out (null), not drawn as a fall to 0 %.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let s: Session;

async function buy(customer: string, day: string) {
  await t.db.query(
    `INSERT INTO retention_transactions (org_id, external_id, customer_id, occurred_on, amount, currency)
     VALUES ($1, gen_random_uuid()::text, $2, $3, 10, 'EUR')`,
    [org.orgId, customer, day],
  );
}

async function cohorts() {
  const r = await t.app.inject({
    method: 'GET',
    url: '/api/retention/cohorts?months=3',
    headers: s.headers,
  });
  expect(r.statusCode).toBe(200);
  return r.json() as {
    items: Array<{ cohort: string; retention: Array<number | null> }>;
    partialMonth: string | null;
  };
}

describe('retention cohorts and the unfinished last month (database)', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrg(t.db);
    s = await login(t.app, org.users.admin);
    const c = await t.db.query<{ id: string }>(
      `INSERT INTO customers (org_id, name) VALUES ($1, 'Ana'), ($1, 'Bea') RETURNING id`,
      [org.orgId],
    );
    [a, b] = c.rows.map((r) => r.id) as [string, string];
    // January cohort of two; one buys again in February; data stops on 10 March (month running).
    await buy(a, '2026-01-05');
    await buy(b, '2026-01-20');
    await buy(a, '2026-02-11');
    await buy(b, '2026-03-10');
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.db.close();
  });

  it('leaves the running month out and says which month it is', async () => {
    const r = await cohorts();
    expect(r.partialMonth).toBe('2026-03');
    const jan = r.items.find((i) => i.cohort === '2026-01');
    expect(jan?.retention).toEqual([1, 0.5, null]);
  });

  it('shows the month once its last day has data', async () => {
    await buy(a, '2026-03-31');
    const r = await cohorts();
    expect(r.partialMonth).toBeNull();
    expect(r.items.find((i) => i.cohort === '2026-01')?.retention).toEqual([1, 0.5, 1]);
  });
});
