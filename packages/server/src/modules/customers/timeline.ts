// Customer timeline: one list, newest first, of everything that happened with a customer.
// Each module that owns such data registers a source from its own service.ts
// (registerTimelineSource, re-exported by customers/service.ts); this file never reads another
// module's tables. Paging is a keyset on (at DESC, key DESC): every source answers "the `limit`
// entries just before this cursor" from an index on (org_id, customer_id, time, id), so a page
// costs the same for a customer with 10 or 10,000 purchases.
import type { TTimelineItem, TTimelinePage } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { over } from '../../db/params';

/** The last entry of the previous page; `at` has microsecond precision (see isoSql). */
export interface TTimelineBefore {
  at: string;
  key: string;
}

/** Actor as a source knows it; the user's name is resolved once for the whole page. */
export type TSourceActor =
  | { kind: 'user'; userId: string | null; label?: string | null }
  | { kind: 'customer' }
  | { kind: 'system' };

export type TSourceItem = Omit<TTimelineItem, 'actor'> & { actor: TSourceActor | null };

export type TTimelineSource = (
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
) => Promise<TSourceItem[]>;

const sources = new Map<string, TTimelineSource>();

export function registerTimelineSource(name: string, source: TTimelineSource): void {
  sources.set(name, source);
}

/** SQL text of a timestamptz at microsecond precision, in the one format the cursor compares. */
export const isoSql = (col: string) =>
  `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * WHERE fragment for "strictly before the cursor" in (time DESC, key DESC) order. The leading
 * `time <= cursor` bounds the index range; keys compare byte-wise (COLLATE "C") so SQL and the
 * JS merge agree on PGlite and PostgreSQL whatever the database collation.
 */
export function beforeSql(
  time: string,
  key: string,
  before: TTimelineBefore | null,
  params: unknown[],
): string {
  if (!before) return 'TRUE';
  const p = over(params);
  const at = p.add(before.at, 'timestamptz');
  const k = p.add(before.key, 'text');
  return `(${time} <= ${at} AND (${time} < ${at} OR (${key}) COLLATE "C" < ${k}))`;
}

/** ORDER BY for a source query; pair it with beforeSql on the same expressions. */
export const orderSql = (time: string, key: string) => `${time} DESC, (${key}) COLLATE "C" DESC`;

/** True when the entry comes after the cursor in the timeline (i.e. belongs to a later page). */
export function isBefore(item: { at: string; key: string }, before: TTimelineBefore | null) {
  if (!before) return true;
  const a = normaliseAt(item.at);
  return a < before.at || (a === before.at && item.key < before.key);
}

/** Pads an ISO time to microseconds so that plain string comparison orders it correctly. */
export function normaliseAt(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(at);
  if (!m) return new Date(at).toISOString().replace('Z', '000Z');
  return `${m[1]}.${(m[2] ?? '').padEnd(6, '0')}Z`;
}

export function encodeBefore(b: TTimelineBefore): string {
  return Buffer.from(JSON.stringify([b.at, b.key])).toString('base64url');
}

/** Returns null for anything that is not a cursor we made. */
export function decodeBefore(raw: string): TTimelineBefore | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2) return null;
    const [at, key] = v;
    if (typeof at !== 'string' || typeof key !== 'string' || key.length > 200) return null;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at)) return null;
    return { at, key };
  } catch {
    return null;
  }
}

const newestFirst = (a: TSourceItem, b: TSourceItem) => {
  const x = normaliseAt(a.at);
  const y = normaliseAt(b.at);
  if (x !== y) return x < y ? 1 : -1;
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
};

/**
 * One page of the timeline. Each source returns up to limit + 1 entries before the cursor, so
 * "more than limit after the merge" is exactly "there is a next page".
 */
export async function timelinePage(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
  userNames: (ids: string[]) => Promise<Map<string, string>>,
): Promise<TTimelinePage> {
  const lists = await Promise.all(
    [...sources.values()].map((s) => s(db, orgId, customerId, before, limit + 1)),
  );
  const merged = lists
    .flat()
    .filter((i) => isBefore(i, before))
    .sort(newestFirst);
  const page = merged.slice(0, limit);
  const ids = [
    ...new Set(
      page.flatMap((i) => (i.actor?.kind === 'user' && i.actor.userId ? [i.actor.userId] : [])),
    ),
  ];
  const names = ids.length ? await userNames(ids) : new Map<string, string>();
  const items: TTimelineItem[] = page.map((i) => ({
    ...i,
    actor: !i.actor
      ? null
      : i.actor.kind === 'user'
        ? {
            kind: 'user',
            name: (i.actor.userId && names.get(i.actor.userId)) || i.actor.label || null,
          }
        : { kind: i.actor.kind, name: null },
  }));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      merged.length > limit && last
        ? encodeBefore({ at: normaliseAt(last.at), key: last.key })
        : null,
  };
}
