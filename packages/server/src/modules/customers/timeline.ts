// Customer timeline. Later modules (surveys, complaints, retention) add a source with
// registerTimelineSource() from their own service; the customer page merges them by time.
import type { TTimelineItem } from '@fidelia/contracts';
import type { TSql } from './sql';

export type TTimelineSource = (
  db: TSql,
  orgId: string,
  customerId: string,
) => Promise<TTimelineItem[]>;

const sources = new Map<string, TTimelineSource>();

export function registerTimelineSource(name: string, source: TTimelineSource): void {
  sources.set(name, source);
}

export async function customerTimeline(
  db: TSql,
  orgId: string,
  customerId: string,
): Promise<TTimelineItem[]> {
  const lists = await Promise.all([...sources.values()].map((s) => s(db, orgId, customerId)));
  return lists.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

// The registry's own sources: creation and changes from the audit log.
registerTimelineSource('audit', async (db, orgId, customerId) => {
  const { rows } = await db.query<{
    at: Date;
    action: string;
    actor_email: string | null;
    changes: Record<string, unknown>;
  }>(
    `SELECT at, action, actor_email, changes FROM audit_log
      WHERE org_id = $1 AND entity = 'customer' AND entity_id = $2 ORDER BY at DESC LIMIT 500`,
    [orgId, customerId],
  );
  return rows.map((r) => ({
    at: iso(r.at),
    type: r.action,
    summary: r.action,
    data: { actor: r.actor_email, changes: r.changes },
  }));
});

registerTimelineSource('created', async (db, orgId, customerId) => {
  const { rows } = await db.query<{ created_at: Date }>(
    'SELECT created_at FROM customers WHERE org_id = $1 AND id = $2',
    [orgId, customerId],
  );
  return rows.map((r) => ({
    at: iso(r.created_at),
    type: 'customer.created',
    summary: 'customer.created',
    data: {},
  }));
});
