// Customer lifetime value over a horizon: expected purchases × expected spend per purchase.
import { bgnbdConditionalExpected, type TBgNbdParams } from './bgnbd';

/** CLV over `horizonWeeks`. Without a discount rate: E[Y(H)] · spend. With an annual rate R,
 *  purchases are discounted weekly, like lifetimes' customer_lifetime_value does per period:
 *  Σ_k (E[Y(t_k)] − E[Y(t_{k−1})]) · spend / (1+R)^{t_k/52}, with t_k = 1, 2, … weeks and the last
 *  step ending at H (a partial week if H is fractional). Weekly steps because the model's time
 *  unit is the week, so a purchase is never discounted by more than one week too much. */
export function clvValue(
  p: TBgNbdParams,
  horizonWeeks: number,
  x: number,
  tx: number,
  T: number,
  spend: number,
  annualDiscountRate?: number,
): number {
  if (annualDiscountRate === undefined || annualDiscountRate === 0) {
    return bgnbdConditionalExpected(p, horizonWeeks, x, tx, T) * spend;
  }
  let total = 0;
  let prev = 0;
  for (let t = 0; t < horizonWeeks; ) {
    const next = Math.min(t + 1, horizonWeeks);
    const e = bgnbdConditionalExpected(p, next, x, tx, T);
    total += (e - prev) / (1 + annualDiscountRate) ** (next / 52);
    prev = e;
    t = next;
  }
  return total * spend;
}
