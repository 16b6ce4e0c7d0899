// Typed wrappers over @stdlib special functions used by the CLV models.
import betalnImpl from '@stdlib/math-base-special-betaln';
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import hyp2f1Impl from '@stdlib/math-base-special-hyp2f1';

export const gammaln = (x: number): number => gammalnImpl(x);
export const betaln = (a: number, b: number): number => betalnImpl(a, b);
export const hyp2f1 = (a: number, b: number, c: number, z: number): number =>
  hyp2f1Impl(a, b, c, z);

export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
