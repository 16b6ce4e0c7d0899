// Placeholder bookkeeping for statements whose filters are optional (lists, exports, timeline
// pages). The SQL stays hand-written — it is hand-tuned and the same text runs on PGlite and
// PostgreSQL — and this only numbers the parameters, so no caller computes `$${n}` itself.
// (A query builder such as Kysely was not taken: it would be a second way to write every
// statement for a gap that is only this numbering.)

export interface Params {
  /** The values, in placeholder order: pass as the query's parameter array. */
  readonly values: unknown[];
  /** Appends a value and returns its placeholder (`$n`, with `::cast` when given). */
  add(value: unknown, cast?: string): string;
}

/** Parameters starting with `initial` ($1, $2, …), e.g. `params(orgId)`. */
export function params(...initial: unknown[]): Params {
  return over(initial);
}

/** Appends into an existing parameter array (callers that already hold one). */
export function over(values: unknown[]): Params {
  return {
    values,
    add(value, cast) {
      values.push(value);
      return `$${values.length}${cast ? `::${cast}` : ''}`;
    },
  };
}

/** AND of the conditions that are set (false/null/undefined/'' are left out); TRUE if none. */
export function and(...conds: Array<string | false | null | undefined>): string {
  const set = conds.filter((c): c is string => typeof c === 'string' && c !== '');
  return set.length ? set.join(' AND ') : 'TRUE';
}

/**
 * Keyset condition "after this row" for ORDER BY (key, id): `(key, id) > (value, id)` ascending,
 * `<` descending. Rows compare as tuples, so an index on (org_id, key, id) serves it.
 */
export function keysetAfter(
  p: Params,
  key: string,
  cursor: { value: unknown; id: string },
  o: { cast: string; desc: boolean; idCast?: string },
): string {
  const v = p.add(cursor.value, o.cast);
  const id = p.add(cursor.id, o.idCast ?? 'uuid');
  return `(${key}, id) ${o.desc ? '<' : '>'} (${v}, ${id})`;
}
