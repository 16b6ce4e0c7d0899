// Upsert diffing: re-importing the same file must change nothing, so an update is only
// written when a mapped field actually differs from what is stored.
import type { TImportDraft } from './rows';

/** The stored state of a customer, as far as an import can change it. */
export type TStoredCustomer = Omit<TImportDraft, 'externalId'> & { id: string };

export type TDiff =
  | { kind: 'insert'; draft: TImportDraft }
  | { kind: 'update'; id: string; changes: Partial<TImportDraft> }
  | { kind: 'unchanged'; id: string };

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return (a ?? null) === (b ?? null);
}

export function diffCustomer(draft: TImportDraft, stored: TStoredCustomer | undefined): TDiff {
  if (!stored) return { kind: 'insert', draft };
  const changes: Partial<TImportDraft> = {};
  for (const key of Object.keys(draft) as Array<keyof TImportDraft>) {
    if (key === 'externalId') continue;
    if (key === 'attributes') {
      // Imported attributes merge into the stored ones; only mapped keys are compared.
      const merged = { ...(stored.attributes ?? {}), ...(draft.attributes ?? {}) };
      if (!same(merged, stored.attributes ?? {})) changes.attributes = merged;
      continue;
    }
    if (!same(draft[key], stored[key])) Object.assign(changes, { [key]: draft[key] });
  }
  return Object.keys(changes).length === 0
    ? { kind: 'unchanged', id: stored.id }
    : { kind: 'update', id: stored.id, changes };
}

/**
 * Tracks external ids seen in one file. The first occurrence wins; later ones are rejected
 * with the row number of the first, so the report says which row they clash with.
 */
export class DuplicateTracker {
  private readonly seen = new Map<string, number>();
  check(externalId: string, rowNo: number): number | null {
    const first = this.seen.get(externalId);
    if (first !== undefined) return first;
    this.seen.set(externalId, rowNo);
    return null;
  }
}
