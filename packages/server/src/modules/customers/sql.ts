// The minimal SQL surface the customer repo needs. Both PGlite and node-postgres fit it
// (query(text, params) -> { rows }); the core db client is adapted to it in one place.
export interface TSql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs fn in one transaction: all of it commits or none of it does. */
  transaction<T>(fn: (tx: TSql) => Promise<T>): Promise<T>;
}
