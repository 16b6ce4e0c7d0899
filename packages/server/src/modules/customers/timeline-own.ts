// The customers module's own timeline sources: creation, the import that last touched the
// customer, changes from the audit log (consent changes called out), and staff notes.

import * as sql from './repo-timeline';
import { isBefore, registerTimelineSource, type TSourceItem } from './timeline';

const CONSENT = new Set(['consentEmail', 'consentSurvey']);

// Creation and last import: at most one entry each, so they are filtered in JS.
registerTimelineSource('customer', async (db, orgId, customerId, before) => {
  const r = await sql.creationRow(db, orgId, customerId);
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
  const rows = await sql.auditRows(db, orgId, customerId, before, limit);
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
  const rows = await sql.noteRows(db, orgId, customerId, before, limit);
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

export { insertNote } from './repo-timeline';
