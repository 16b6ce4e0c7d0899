// Typed wrappers over @stdlib special functions used by the CLV models.
import betalnImpl from '@stdlib/math-base-special-betaln';
import digammaImpl from '@stdlib/math-base-special-digamma';
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import hyp2f1Impl from '@stdlib/math-base-special-hyp2f1';

export const gammaln = (x: number): number => gammalnImpl(x);
export const digamma = (x: number): number => digammaImpl(x);
export const betaln = (a: number, b: number): number => betalnImpl(a, b);
export const hyp2f1 = (a: number, b: number, c: number, z: number): number =>
  hyp2f1Impl(a, b, c, z);

export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** ψ₁(x) for x > 0: recurrence ψ₁(x) = ψ₁(x+1) + 1/x² up to x ≥ 10, then the asymptotic series
 *  (Bernoulli numbers; the first omitted term is < 3e-13 relative there). Hand-written because
 *  @stdlib has no trigamma package in this project; it is only used in Newton Hessians, whose
 *  accuracy sets the speed of convergence, never the optimum (that is set by the gradient). */
export function trigamma(x: number): number {
  let s = 0;
  let v = x;
  while (v < 10) {
    s += 1 / (v * v);
    v += 1;
  }
  const z = 1 / (v * v);
  return (
    s +
    1 / v +
    z / 2 +
    (z / v) * (1 / 6 - z * (1 / 30 - z * (1 / 42 - z * (1 / 30 - (z * 5) / 66))))
  );
}
