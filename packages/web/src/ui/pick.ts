/** Narrows a select's string value to one of the allowed literals (undefined when not one). */
export function pick<T extends string>(
  values: readonly T[],
  v: string | null | undefined,
): T | undefined {
  return values.find((x) => x === v);
}
