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
      WHERE org_id = $1 AND entity = 'customer' AND entity_id = $2 AND action <> 'customer.created'
      ORDER BY at DESC LIMIT 500`,
    [orgId, customerId],
  );
  return rows.map((r) => ({
    at: iso(r.at),
    type: r.action,
    summary: r.action,
    data: { actor: r.actor_email, changes: r.changes },
  }));
});

// Creation (with the creator from the audit log when made through the API) and the import that
// last inserted or changed the customer.
registerTimelineSource('created', async (db, orgId, customerId) => {
  const { rows } = await db.query<{
    created_at: Date;
    actor: string | null;
    import_id: string | null;
    file_name: string | null;
    finished_at: Date | null;
  }>(
    `SELECT c.created_at,
            (SELECT a.actor_email FROM audit_log a WHERE a.org_id = c.org_id AND a.entity = 'customer'
                AND a.entity_id = c.id::text AND a.action = 'customer.created' LIMIT 1) AS actor,
            ci.id AS import_id, ci.file_name, coalesce(ci.finished_at, ci.created_at) AS finished_at
       FROM customers c
       LEFT JOIN customer_imports ci ON ci.org_id = c.org_id AND ci.id = c.last_import_id
      WHERE c.org_id = $1 AND c.id = $2`,
    [orgId, customerId],
  );
  const r = rows[0];
  if (!r) return [];
  const items: TTimelineItem[] = [
    {
      at: iso(r.created_at),
      type: 'customer.created',
      summary: 'customer.created',
      data: { actor: r.actor },
    },
  ];
  if (r.import_id && r.finished_at) {
    items.push({
      at: iso(r.finished_at),
      type: 'customer.imported',
      summary: r.file_name ?? '',
      data: { importId: r.import_id, fileName: r.file_name },
    });
  }
  return items;
});
