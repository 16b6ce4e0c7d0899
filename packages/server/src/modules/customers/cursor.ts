// Opaque keyset cursors: base64url of [sort, last sort value, last id]. A cursor made for one
// sort order is refused for another (the values would not be comparable).
import type { TCustomerSort } from '@fidelia/contracts';

export interface TCursor {
  sort: TCustomerSort;
  value: string;
  id: string;
}

export function encodeCursor(c: TCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id])).toString('base64url');
}

/** Returns null for anything that is not a cursor we made for this sort. */
export function decodeCursor(raw: string, sort: TCustomerSort): TCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [s, value, id] = v;
    if (s !== sort || typeof value !== 'string' || typeof id !== 'string') return null;
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { sort, value, id };
  } catch {
    return null;
  }
}

/** SQL expression and direction for a sort; timestamps are compared at microsecond precision. */
export function sortSql(sort: TCustomerSort): {
  key: string;
  cursorValue: string;
  cast: string;
  desc: boolean;
} {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  // name_key: accent-folded Spanish order, same on PGlite and PostgreSQL (migration 120).
  if (field === 'name') return { key: 'name_key', cursorValue: 'name_key', cast: 'text', desc };
  const col = field === 'createdAt' ? 'created_at' : 'updated_at';
  return {
    key: col,
    cursorValue: `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
    desc,
  };
}

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
export function likeContains(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
