// The customers module's own timeline sources: creation, the import that last touched the
// customer, changes from the audit log (consent changes called out), and staff notes.
import type { TSql } from './sql';
import {
  beforeSql,
  isBefore,
  isoSql,
  orderSql,
  registerTimelineSource,
  type TSourceItem,
} from './timeline';

const CONSENT = new Set(['consentEmail', 'consentSurvey']);

// Creation and last import: at most one entry each, so they are filtered in JS.
registerTimelineSource('customer', async (db, orgId, customerId, before) => {
  const { rows } = await db.query<{
    created_at: string;
    actor_id: string | null;
    actor_email: string | null;
    import_id: string | null;
    file_name: string | null;
    finished_at: string | null;
  }>(
    `SELECT ${isoSql('c.created_at')} AS created_at, a.actor_id, a.actor_email,
            ci.id AS import_id, ci.file_name,
            ${isoSql('coalesce(ci.finished_at, ci.created_at)')} AS finished_at
       FROM customers c
       LEFT JOIN LATERAL (SELECT actor_id, actor_email FROM pub_audit_log a
                           WHERE a.org_id = c.org_id AND a.entity = 'customer'
                             AND a.entity_id = c.id::text AND a.action = 'customer.created'
                           LIMIT 1) a ON true
       LEFT JOIN customer_imports ci ON ci.org_id = c.org_id AND ci.id = c.last_import_id
      WHERE c.org_id = $1 AND c.id = $2`,
    [orgId, customerId],
  );
  const r = rows[0];
  if (!r) return [];
  const items: TSourceItem[] = [
    {
      key: `customer:${customerId}`,
      at: r.created_at,
      type: 'customer.created',
      summary: '',
      actor:
        r.actor_id || r.actor_email
          ? { kind: 'user', userId: r.actor_id, label: r.actor_email }
          : { kind: 'system' },
      link: null,
      data: {},
    },
  ];
  if (r.import_id && r.finished_at) {
    items.push({
      key: `import:${r.import_id}`,
      at: r.finished_at,
      type: 'customer.imported',
      summary: r.file_name ?? '',
      actor: { kind: 'system' },
      link: null,
      data: { fileName: r.file_name },
    });
  }
  return items.filter((i) => isBefore(i, before));
});

registerTimelineSource('audit', async (db, orgId, customerId, before, limit) => {
  const params: unknown[] = [orgId, customerId];
  const key = `'audit:' || id::text`;
  const cond = beforeSql('at', key, before, params);
  params.push(limit);
  const { rows } = await db.query<{
    id: string;
    at: string;
    action: string;
    actor_id: string | null;
    actor_email: string | null;
    changes: Record<string, unknown>;
  }>(
    `SELECT id, ${isoSql('at')} AS at, action, actor_id, actor_email, changes FROM pub_audit_log
      WHERE org_id = $1 AND entity = 'customer' AND entity_id = $2::text
        AND action <> 'customer.created' AND ${cond}
      ORDER BY ${orderSql('at', key)} LIMIT $${params.length}`,
    params,
  );
  return rows.map((r): TSourceItem => {
    const changed = Object.keys(r.changes ?? {});
    const consentOnly = changed.length > 0 && changed.every((k) => CONSENT.has(k));
    return {
      key: `audit:${r.id}`,
      at: r.at,
      type: r.action === 'customer.updated' && consentOnly ? 'customer.consent' : r.action,
      summary: '',
      actor:
        r.actor_id || r.actor_email
          ? { kind: 'user', userId: r.actor_id, label: r.actor_email }
          : { kind: 'system' },
      link: null,
      data: { changes: r.changes ?? {} },
    };
  });
});

registerTimelineSource('notes', async (db, orgId, customerId, before, limit) => {
  const params: unknown[] = [orgId, customerId];
  const key = `'note:' || id::text`;
  const cond = beforeSql('created_at', key, before, params);
  params.push(limit);
  const { rows } = await db.query<{
    id: string;
    at: string;
    body: string;
    author_id: string | null;
  }>(
    `SELECT id, ${isoSql('created_at')} AS at, body, author_id FROM customer_notes
      WHERE org_id = $1 AND customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('created_at', key)} LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    key: `note:${r.id}`,
    at: r.at,
    type: 'customer.note',
    summary: r.body,
    actor: { kind: 'user', userId: r.author_id },
    link: null,
    data: {},
  }));
});

/** Inserts a staff note; the caller has checked the customer is visible to the author. */
export async function insertNote(
  db: TSql,
  orgId: string,
  customerId: string,
  authorId: string | null,
  body: string,
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO customer_notes (org_id, customer_id, author_id, body) VALUES ($1, $2, $3, $4)
     RETURNING id`,
    [orgId, customerId, authorId, body],
  );
  return rows[0] as { id: string };
}
