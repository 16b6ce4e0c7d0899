// The one "close enough" assertion of the statistics tests. Each caller passes its tolerance
// explicitly and picks its kind: absolute (|actual − expected| ≤ tol) for quantities of known
// scale, relative with a floor of 1 (≤ tol · max(1, |expected|)) for values that span orders of
// magnitude. A missing value (null/undefined) always fails.
import { expect } from 'vitest';

export function closeAbs(actual: number | null | undefined, expected: number, tol: number): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tol);
}

export function closeRel(actual: number | null | undefined, expected: number, tol: number): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    tol * Math.max(1, Math.abs(expected)),
  );
}
