// What the latest model fit says about the company's customers, from the numbers the server
// already stores with each run (diagnostics): no parameters, no dataset names.
import type { TModelRun } from '@fidelia/contracts';

export interface TModelSummary {
  customers: number;
  /** expected number still active: Σ P(alive) = customers × mean P(alive) */
  active: number;
  activeShare: number;
  repeatBuyers: number | null;
  /** expected purchases over the next 12 months, all customers and per customer */
  next12: number | null;
  next12PerCustomer: number | null;
  /** discounted customer lifetime value of all customers (Gamma-Gamma fitted), else null */
  clvTotal: number | null;
  calibrationEnd: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The newest finished run, summarised; null when no run has finished. */
export function modelSummary(runs: readonly TModelRun[]): TModelSummary | null {
  const run = [...runs].filter((r) => r.status === 'done').sort((a, b) => b.version - a.version)[0];
  if (!run) return null;
  const d = run.diagnostics;
  const customers = num(d.customers) ?? run.customers;
  const meanPAlive = num(d.meanPAlive);
  if (!customers || meanPAlive === null) return null;
  const next12 = num(d.expected365dTotal);
  return {
    customers,
    active: Math.round(customers * meanPAlive),
    activeShare: meanPAlive,
    repeatBuyers: num(d.repeatBuyers),
    next12,
    next12PerCustomer: next12 === null ? null : next12 / customers,
    clvTotal: num(d.clvTotal),
    calibrationEnd: run.calibrationEnd,
  };
}
