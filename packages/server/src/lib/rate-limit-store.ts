// @fastify/rate-limit store whose counters live in the database (table rate_limits, migration
// 010), so every server process on one PostgreSQL shares each client's budget. A key's window
// starts at its first hit (as in the plugin's own stores) and is the same row for every instance;
// an instance's clock decides when it has ended (clocks are assumed NTP-synced).
//
// Hot path, in two parts:
//  - Reserved ranges: an instance takes hits from the database in blocks of max/20 (1 for small
//    limits such as login's), adding the block to the shared counter, and hands them out
//    locally until the block is used. The database counter is therefore never below the hits
//    admitted anywhere, so the limit is never exceeded; at worst a block reserved by one
//    instance goes unused while another answers 429 (each further instance may under-admit by
//    one block per key and window, i.e. 5 %).
//  - Group commit: while a statement is in flight, every key that needs a block joins the next
//    one (one row per key), keys sorted so two instances lock rows in the same order.
// Expired windows are deleted opportunistically, at most once a minute per process.
import type { Sql } from '../db/client';

export interface THit {
  /** Hits in the current window including this one (> max: refuse). */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

interface Waiter {
  resolve: (h: THit) => void;
  reject: (e: unknown) => void;
}

/** One key as this process sees it: the block (next, end] of its window is ours to hand out. */
interface Slot {
  key: string;
  windowMs: number;
  /** End of the window the block belongs to (0: none yet). */
  expiresAt: number;
  block: number;
  next: number;
  end: number;
  waiting: Waiter[];
  reserving: boolean;
}

const MAX_IN_FLIGHT = 2;
const CLEANUP_EVERY_MS = 60_000;
/** Share of a limit reserved at once (see the header). */
export const BLOCK_DIVISOR = 20;

// $1 now (epoch ms); a row whose window ended starts a new one with this batch's hits.
const UPSERT = `INSERT INTO rate_limits AS r (key, hits, expires_at)
  SELECT k, n, $1::bigint + w FROM unnest($2::text[], $3::int[], $4::bigint[]) AS u(k, n, w)
   ORDER BY k
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.expires_at <= $1::bigint THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END,
    expires_at = CASE WHEN r.expires_at <= $1::bigint THEN EXCLUDED.expires_at ELSE r.expires_at END
  RETURNING key, hits, expires_at::text AS e`;

/** Shared counters over one database handle (one per app). */
export class RateLimitCounter {
  private slots = new Map<string, Slot>();
  private pending = new Set<Slot>();
  private inFlight = 0;
  private lastCleanup = 0;

  constructor(
    private readonly db: Sql,
    private readonly now: () => number = Date.now,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Counts one hit on `key` in its current window of `windowMs` for a limit of `max`. */
  hit(key: string, windowMs: number, max: number): Promise<THit> {
    const t = this.now();
    let slot = this.slots.get(key);
    if (!slot) {
      const block = Math.max(1, Math.floor(max / BLOCK_DIVISOR));
      slot = {
        key,
        windowMs,
        expiresAt: 0,
        block: Math.min(block, 100_000),
        next: 0,
        end: 0,
        waiting: [],
        reserving: false,
      };
      this.slots.set(key, slot);
    }
    // The window ended: what is left of our block is void.
    if (slot.expiresAt <= t) slot.next = slot.end = 0;
    if (slot.next < slot.end && !slot.waiting.length) {
      slot.next++;
      return Promise.resolve({ current: slot.next, ttl: Math.max(0, slot.expiresAt - t) });
    }
    const s = slot;
    const done = new Promise<THit>((resolve, reject) => s.waiting.push({ resolve, reject }));
    if (!s.reserving) this.pending.add(s);
    this.flush();
    return done;
  }

  private flush(): void {
    if (this.inFlight >= MAX_IN_FLIGHT || !this.pending.size) return;
    const batch = [...this.pending];
    this.pending = new Set();
    for (const s of batch) s.reserving = true;
    this.inFlight++;
    void this.reserve(batch).finally(() => {
      this.inFlight--;
      this.flush();
      this.cleanup();
    });
  }

  private async reserve(batch: Slot[]): Promise<void> {
    // Enough for everyone waiting now, and at least one block.
    const take = batch.map((s) => Math.max(s.block, s.waiting.length));
    let rows: Map<string, { hits: number; e: string }>;
    try {
      const r = await this.db.query<{ key: string; hits: number; e: string }>(
        UPSERT,
        [this.now(), batch.map((s) => s.key), take, batch.map((s) => s.windowMs)],
        { prepare: 'rate_limits.reserve' },
      );
      rows = new Map(r.rows.map((x) => [x.key, x]));
    } catch (e) {
      for (const s of batch) {
        s.reserving = false;
        for (const w of s.waiting.splice(0)) w.reject(e);
      }
      return;
    }
    const t = this.now();
    batch.forEach((s, i) => {
      s.reserving = false;
      const row = rows.get(s.key);
      const n = take[i] as number;
      if (!row) {
        const e = new Error(`rate limit row missing for ${s.key}`);
        for (const w of s.waiting.splice(0)) w.reject(e);
        return;
      }
      // Our block is (total - n, total]; whoever arrived since waits for the next one.
      s.expiresAt = Number(row.e);
      s.next = row.hits - n;
      s.end = row.hits;
      const ttl = Math.max(0, s.expiresAt - t);
      while (s.next < s.end && s.waiting.length) {
        s.next++;
        s.waiting.shift()?.resolve({ current: s.next, ttl });
      }
      if (s.waiting.length) this.pending.add(s);
    });
  }

  /** Drops windows that ended, here and in the table (fire-and-forget, once a minute). */
  private cleanup(): void {
    const t = this.now();
    if (t - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = t;
    for (const [key, s] of this.slots) {
      if (s.expiresAt <= t && !s.reserving && !s.waiting.length) this.slots.delete(key);
    }
    this.db.query('DELETE FROM rate_limits WHERE expires_at < $1', [t]).catch(this.onError);
  }
}

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/**
 * The store class @fastify/rate-limit instantiates (`store` option). A route-level child
 * prefixes keys with the route, as the plugin's own stores do, so each route has its own budget.
 */
export function dbRateLimitStore(counter: RateLimitCounter) {
  return class DbRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      counter.hit(this.prefix + key, timeWindow, max).then(
        (h) => cb(null, h),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
    }

    // The plugin passes its merged route params (typed as RouteOptions) with `routeInfo` inside;
    // createRateLimit() passes an empty routeInfo, its keys are namespaced by the caller.
    child(routeOptions: object) {
      const r = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      const route = r?.method && r.url ? `${String(r.method)}${String(r.url)}-` : '';
      return new DbRateLimitStore(undefined, this.prefix + route);
    }
  };
}
