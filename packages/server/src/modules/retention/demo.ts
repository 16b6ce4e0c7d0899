// Demo data for the retention module (registered in demo/seeders.ts): two years of product
// sales for Banco Horizonte's external customers, drawn from a BG/NBD-like process (each customer
// has a purchase rate and a chance to drop out after each purchase), a few refunds, business
// contracts, two fitted model runs (six months ago and today: score history, tier changes and
// falling P(alive)), and loyalty members with a points ledger. Deterministic (seeded PRNG);
// dates are relative to the seeding day so the lists stay meaningful.
import type { Sql } from '../../db/client';
import type { DemoSeeder } from '../../demo/registry';
import { fitNow } from './model';
import { dayToIso, todayDay } from './rows';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PRODUCTS: Array<[string, number]> = [
  ['Comisión tarjeta', 35],
  ['Seguro hogar', 180],
  ['Fondo de inversión', 420],
  ['Transferencia internacional', 25],
  ['Plan de pensiones', 300],
  ['Préstamo personal (apertura)', 150],
];

export const seedDemoRetention: DemoSeeder = async (db: Sql, org) => {
  const rnd = prng(19970101);
  const { rows: customers } = await db.query<{ id: string; external_id: string; status: string }>(
    `SELECT id, external_id, status FROM pub_customers
      WHERE org_id = $1 AND kind <> 'internal' AND external_id IS NOT NULL ORDER BY external_id`,
    [org.orgId],
  );
  const today = todayDay();
  const start = today - 730;
  const tx: Array<{
    e: string;
    c: string;
    d: string;
    a: string;
    ty: 'purchase' | 'refund';
    u: number;
  }> = [];
  // Gamma(k, θ) for small integer-ish shapes via the sum of exponentials (k ≤ 4 here).
  const gamma = (k: number, theta: number) => {
    let s = 0;
    for (let i = 0; i < k; i++) s += -Math.log(1 - rnd());
    return s * theta;
  };
  for (const c of customers) {
    if (rnd() < 0.12) continue; // some customers have no product sales on record
    const lost = c.status !== 'active';
    const rate = gamma(2, 1 / 60); // purchases per day (mean ≈ one per month)
    const dropout = lost ? 0.35 : 0.06 + rnd() * 0.1;
    const spend = 0.4 + gamma(3, 0.35);
    let day = start + Math.floor(rnd() * 600);
    let n = 0;
    while (day <= today) {
      const [, base] = PRODUCTS[Math.floor(rnd() * PRODUCTS.length)] as [string, number];
      const amount = Math.max(5, base * spend * (0.7 + rnd() * 0.6));
      n++;
      tx.push({
        e: `${c.external_id}-${n}`,
        c: c.id,
        d: dayToIso(day),
        a: amount.toFixed(2),
        ty: 'purchase',
        u: 1,
      });
      if (rnd() < 0.03) {
        tx.push({
          e: `${c.external_id}-${n}-R`,
          c: c.id,
          d: dayToIso(Math.min(today, day + 3)),
          a: (-amount).toFixed(2),
          ty: 'refund',
          u: 1,
        });
      }
      if (rnd() < dropout) break;
      day += Math.max(1, Math.round(-Math.log(1 - rnd()) / rate));
    }
  }
  await db.query(
    `INSERT INTO retention_transactions (org_id, external_id, customer_id, occurred_on, amount, currency, type, units)
     SELECT $1, e, c, d::date, a::numeric, 'EUR', ty, u
       FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[]) AS t(e, c, d, a, ty, u)`,
    [
      org.orgId,
      tx.map((x) => x.e),
      tx.map((x) => x.c),
      tx.map((x) => x.d),
      tx.map((x) => x.a),
      tx.map((x) => x.ty),
      tx.map((x) => x.u),
    ],
  );
  // Contracts of business customers and some individuals (the contractual case). Ended
  // contracts are more likely for inactive/lost customers and for the card-terminal plan.
  const { rows: holders } = await db.query<{ id: string; status: string; company: boolean }>(
    `SELECT id, status, use_class IN ('processor', 'merchant') AS company FROM pub_customers
      WHERE org_id = $1 AND kind <> 'internal' ORDER BY external_id`,
    [org.orgId],
  );
  const plans = ['Cuenta Negocios', 'TPV Comercio', 'Renting de flota', 'Cuenta Nómina Plus'];
  for (const [i, c] of holders.entries()) {
    if (!c.company && i % 3 !== 0) continue;
    const plan = c.company ? (plans[i % 3] as string) : 'Cuenta Nómina Plus';
    const s = today - 200 - Math.floor(rnd() * 900);
    const risk = (c.status !== 'active' ? 0.7 : 0.12) + (plan === 'TPV Comercio' ? 0.2 : 0);
    const ended = rnd() < risk;
    await db.query(
      `INSERT INTO retention_contracts (org_id, customer_id, plan, start_date, end_date, monthly_fee)
       VALUES ($1, $2, $3, $4::date, $5::date, $6)`,
      [
        org.orgId,
        c.id,
        plan,
        dayToIso(s),
        ended ? dayToIso(Math.min(today - 5, s + 120 + Math.floor(rnd() * 400))) : null,
        (c.company ? 15 + Math.floor(rnd() * 12) * 5 : 4 + Math.floor(rnd() * 4)).toFixed(2),
      ],
    );
  }
  // Two runs: half a year ago and today (history, tier changes, P(alive) falling).
  await fitNow(db, org.orgId, dayToIso(today - 182));
  await fitNow(db, org.orgId, dayToIso(today));
  // The demo's runs are all fitted today: date the tier history at each run's calibration
  // end, as if the runs had happened then.
  await db.query(
    `UPDATE retention_tier_history h SET changed_at = r.calibration_end::timestamptz + interval '8 hours'
       FROM retention_model_runs r WHERE r.org_id = h.org_id AND r.id = h.run_id AND h.org_id = $1`,
    [org.orgId],
  );

  // Loyalty club: the gold and silver customers plus some others; points = € spent, one
  // redemption for some.
  const { rows: members } = await db.query<{ customer_id: string; total: string }>(
    `SELECT t.customer_id, coalesce(sum(x.amount), 0)::text AS total
       FROM retention_customer_tiers t
       LEFT JOIN retention_transactions x ON x.org_id = t.org_id AND x.customer_id = t.customer_id
      WHERE t.org_id = $1 AND t.tier IN ('gold', 'silver')
      GROUP BY t.customer_id ORDER BY t.customer_id LIMIT 80`,
    [org.orgId],
  );
  for (const [i, m] of members.entries()) {
    const earned = Math.max(1, Math.floor(Number(m.total)));
    await db.query(
      `INSERT INTO loyalty_members (org_id, customer_id, member_no, joined_on, balance)
       VALUES ($1, $2, $3, $4::date, 0)`,
      [org.orgId, m.customer_id, `S${String(i + 1).padStart(6, '0')}`, dayToIso(start + i * 3)],
    );
    let balance = earned;
    await db.query(
      `INSERT INTO loyalty_ledger (org_id, customer_id, client_id, kind, points, balance_after, reason, created_at)
       VALUES ($1, $2, $3, 'earn', $4, $4, 'Compras acumuladas', now() - interval '30 days')`,
      [org.orgId, m.customer_id, `demo-earn-${i}`, earned],
    );
    if (i % 3 === 0 && earned > 200) {
      const used = Math.floor(earned / 2);
      balance -= used;
      await db.query(
        `INSERT INTO loyalty_ledger (org_id, customer_id, client_id, kind, points, balance_after, reason)
         VALUES ($1, $2, $3, 'redeem', $4, $5, 'Canje: tarjeta regalo')`,
        [org.orgId, m.customer_id, `demo-redeem-${i}`, used, balance],
      );
    }
    await db.query(
      'UPDATE loyalty_members SET balance = $3 WHERE org_id = $1 AND customer_id = $2',
      [org.orgId, m.customer_id, balance],
    );
  }
};
