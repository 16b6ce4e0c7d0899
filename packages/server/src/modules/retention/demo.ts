// Demo data for the retention module (registered in demo/seeders.ts): two years of product
// sales for Banco Horizonte's external customers, drawn from a BG/NBD-like process (each customer
// has a purchase rate and a chance to drop out after each purchase), a few refunds, business
// contracts, two fitted model runs (six months ago and today: score history, tier changes and
// falling P(alive)), and loyalty members with a points ledger. Deterministic (seeded PRNG);
// dates are relative to the seeding day so the lists stay meaningful. SQL in repo-demo.ts.
import type { Sql } from '../../db/client';
import type { DemoSeeder } from '../../demo/registry';
import { fitNow } from './model';
import * as repo from './repo-demo';
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
  const customers = await repo.demoSalesCustomers(db, org.orgId);
  const today = todayDay();
  const start = today - 730;
  const tx: repo.TDemoTx[] = [];
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
  await repo.insertDemoTransactions(db, org.orgId, tx);
  // Contracts of business customers and some individuals (the contractual case). Ended
  // contracts are more likely for inactive/lost customers and for the card-terminal plan.
  const holders = await repo.demoContractHolders(db, org.orgId);
  const plans = ['Cuenta Negocios', 'TPV Comercio', 'Renting de flota', 'Cuenta Nómina Plus'];
  for (const [i, c] of holders.entries()) {
    if (!c.company && i % 3 !== 0) continue;
    const plan = c.company ? (plans[i % 3] as string) : 'Cuenta Nómina Plus';
    const s = today - 200 - Math.floor(rnd() * 900);
    const risk = (c.status !== 'active' ? 0.7 : 0.12) + (plan === 'TPV Comercio' ? 0.2 : 0);
    const ended = rnd() < risk;
    await repo.insertDemoContract(db, org.orgId, {
      customerId: c.id,
      plan,
      start: dayToIso(s),
      end: ended ? dayToIso(Math.min(today - 5, s + 120 + Math.floor(rnd() * 400))) : null,
      monthlyFee: (c.company ? 15 + Math.floor(rnd() * 12) * 5 : 4 + Math.floor(rnd() * 4)).toFixed(
        2,
      ),
    });
  }
  // Two runs: half a year ago and today (history, tier changes, P(alive) falling).
  await fitNow(db, org.orgId, dayToIso(today - 182));
  await fitNow(db, org.orgId, dayToIso(today));
  // The demo's runs are all fitted today: date the tier history at each run's calibration
  // end, as if the runs had happened then.
  await repo.dateTierHistoryAtRuns(db, org.orgId);

  // Loyalty club: the gold and silver customers plus some others; points = € spent, one
  // redemption for some.
  const members = await repo.demoClubCandidates(db, org.orgId);
  for (const [i, m] of members.entries()) {
    const earned = Math.max(1, Math.floor(Number(m.total)));
    await repo.insertDemoMember(
      db,
      org.orgId,
      m.customer_id,
      `S${String(i + 1).padStart(6, '0')}`,
      dayToIso(start + i * 3),
    );
    let balance = earned;
    await repo.insertDemoEarn(db, org.orgId, m.customer_id, `demo-earn-${i}`, earned);
    if (i % 3 === 0 && earned > 200) {
      const used = Math.floor(earned / 2);
      balance -= used;
      await repo.insertDemoRedeem(db, org.orgId, m.customer_id, `demo-redeem-${i}`, used, balance);
    }
    await repo.setDemoBalance(db, org.orgId, m.customer_id, balance);
  }
};
