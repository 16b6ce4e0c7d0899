// Customer rules: validation beyond shape, unit scoping, audit entries, GDPR.
import type {
  TCustomer,
  TCustomerCreate,
  TCustomerListQuery,
  TCustomerPatch,
  TCustomField,
  TSegment,
  TTimelinePage,
  TTimelineQuery,
} from '@fidelia/contracts';
import { ZCustomerCreateSchema, ZCustomerPatchSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { audit, registerAuditLabels } from '../audit/service';
import { unitExists, unitScope } from '../orgs/service';
import { userNames } from '../users/service';
import {
  countCustomers,
  customerByEmail,
  customerNameRows,
  customerTiers,
  eraseCustomer,
  getCustomer,
  listCustomers,
  type TListArgs,
} from './repo';
import * as w from './repo-write';
import { toCustomer } from './rows';
import { decodeBefore, timelinePage } from './timeline';
import { insertNote } from './timeline-own';

// Other modules add their entries to the customer timeline through these (see timeline.ts).
export {
  beforeSql,
  isoSql,
  orderSql,
  registerTimelineSource,
  type TSourceItem,
  type TTimelineBefore,
  type TTimelineSource,
} from './timeline';

import { isUuid } from '../../lib/uuid';

registerErrors({
  CUSTOMER_EXTERNAL_ID_TAKEN: {
    status: 409,
    es: 'Ya existe un cliente con ese identificador externo.',
    en: 'A customer with that external id already exists.',
  },
  CUSTOMER_UNIT_INVALID: { status: 400, es: 'La unidad no existe.', en: 'Unknown org unit.' },
  CUSTOMER_UNIT_OUTSIDE_SCOPE: {
    status: 403,
    es: 'La unidad está fuera de tu ámbito.',
    en: 'That unit is outside your scope.',
  },
  CUSTOMER_INTERNAL_NEEDS_UNIT: {
    status: 400,
    es: 'Un cliente interno debe ser una unidad de la organización.',
    en: 'An internal customer must be an org unit.',
  },
  CUSTOMER_ATTRIBUTE_INVALID: {
    status: 400,
    es: 'Atributo personalizado no válido.',
    en: 'Invalid custom attribute.',
  },
  CUSTOMER_CURSOR_INVALID: {
    status: 400,
    es: 'Cursor de página no válido.',
    en: 'Invalid page cursor.',
  },
  SEGMENT_NAME_TAKEN: {
    status: 409,
    es: 'Ya existe un segmento con ese nombre.',
    en: 'A segment with that name exists.',
  },
  TIMELINE_CURSOR_INVALID: {
    status: 400,
    es: 'Cursor de la cronología no válido.',
    en: 'Invalid timeline cursor.',
  },
  CUSTOMER_ERASED: { status: 409, es: 'El cliente está borrado.', en: 'The customer was erased.' },
});

registerAuditLabels('customer', async (db, orgId, ids) => {
  const rows = await customerNameRows(db, orgId, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
});
registerAuditLabels('segment', async (db, orgId, ids) => {
  const rows = await w.segmentNameRows(db, orgId, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
});

/** Personal fields are audited by name only: the audit log is append-only and GDPR erase must work. */
const PERSONAL = new Set([
  'name',
  'email',
  'phone',
  'statedNeeds',
  'realNeeds',
  'attributes',
  'externalId',
]);

function auditChanges(
  before: Partial<TCustomer>,
  after: Partial<TCustomer>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    const b = (before as Record<string, unknown>)[k];
    if (k === 'updatedAt' || k === 'createdAt' || JSON.stringify(b) === JSON.stringify(v)) continue;
    out[k] = PERSONAL.has(k) ? '(changed)' : [b ?? null, v];
  }
  return out;
}

export async function list(db: Sql, auth: AuthContext, q: TCustomerListQuery) {
  const scope = await unitScope(db, auth);
  let filters: TListArgs['filters'] = { q: q.q, kind: q.kind, status: q.status, tier: q.tier };
  if (q.segmentId) {
    const seg = await w.getSegmentFilters(db, auth.orgId, q.segmentId);
    if (!seg) throw new AppError('NOT_FOUND');
    filters = {
      ...seg,
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    };
    if (seg.unitId && !q.unitId) q = { ...q, unitId: seg.unitId };
  }
  // A unit id that is not a uuid names no unit (and must not reach the ::uuid cast: a 500).
  if (q.unitId)
    filters.unitIds = isUuid(q.unitId)
      ? ((await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [])
      : [];
  const page = await listCustomers(db, auth.orgId, {
    filters,
    sort: q.sort,
    cursor: q.cursor,
    limit: q.limit,
    scope,
  });
  if (page === 'bad_cursor') throw new AppError('CUSTOMER_CURSOR_INVALID');
  const total = q.cursor ? undefined : await countCustomers(db, auth.orgId, filters, scope);
  return total === undefined ? page : { ...page, total };
}

export async function get(db: Sql, auth: AuthContext, id: string): Promise<TCustomer> {
  const c = await getCustomer(db, auth.orgId, id, await unitScope(db, auth));
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/**
 * The customer whose e-mail this is (the caller's unit scope applies), for other modules to
 * SUGGEST a link (complaints, survey answers): a match is never a link until a person confirms.
 */
export async function findByEmail(
  db: Sql,
  auth: Pick<AuthContext, 'orgId' | 'unitId'>,
  email: string,
): Promise<TCustomer | null> {
  return customerByEmail(db, auth.orgId, email, await unitScope(db, auth));
}

// For other modules' imports (survey responses) to link rows to known customers.
export { idsByExternalIds } from './repo';

async function checkRefs(db: Sql, auth: AuthContext, v: TCustomerPatch, fields: TCustomField[]) {
  const scope = await unitScope(db, auth);
  for (const u of [v.unitId, v.internalUnitId]) {
    if (!u) continue;
    if (!(await unitExists(db, auth.orgId, u))) throw new AppError('CUSTOMER_UNIT_INVALID');
  }
  if (scope && (v.unitId === null || (v.unitId && !scope.includes(v.unitId)))) {
    throw new AppError('CUSTOMER_UNIT_OUTSIDE_SCOPE');
  }
  const defs = new Map(fields.map((f) => [f.key, f]));
  for (const [k, val] of Object.entries(v.attributes ?? {})) {
    const f = defs.get(k);
    const ok =
      f &&
      (val === null ||
        (f.type === 'number' && typeof val === 'number') ||
        (f.type === 'boolean' && typeof val === 'boolean') ||
        (f.type === 'text' && typeof val === 'string') ||
        (f.type === 'date' && typeof val === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(val)) ||
        (f.type === 'choice' && typeof val === 'string' && (f.options ?? []).includes(val)));
    if (!ok) throw new AppError('CUSTOMER_ATTRIBUTE_INVALID', { key: k });
  }
}

export async function create(
  db: Sql,
  auth: AuthContext,
  body: TCustomerCreate,
): Promise<TCustomer> {
  const v = ZCustomerCreateSchema.parse(body);
  if (v.kind === 'internal' && !v.internalUnitId)
    throw new AppError('CUSTOMER_INTERNAL_NEEDS_UNIT');
  const scope = await unitScope(db, auth);
  if (scope && !v.unitId) throw new AppError('CUSTOMER_UNIT_OUTSIDE_SCOPE');
  await checkRefs(db, auth, v, await w.listFields(db, auth.orgId));
  return db.transaction(async (tx) => {
    if (v.externalId && (await w.externalIdTaken(tx, auth.orgId, v.externalId))) {
      throw new AppError('CUSTOMER_EXTERNAL_ID_TAKEN');
    }
    const c = toCustomer(await w.insertCustomer(tx, auth.orgId, v));
    await audit(tx, auth, { action: 'customer.created', entity: 'customer', entityId: c.id });
    return c;
  });
}

export async function patch(
  db: Sql,
  auth: AuthContext,
  id: string,
  body: TCustomerPatch,
): Promise<TCustomer> {
  const v = ZCustomerPatchSchema.parse(body);
  const before = await get(db, auth, id);
  if (before.status === 'erased') throw new AppError('CUSTOMER_ERASED');
  const kind = v.kind ?? before.kind;
  if (kind === 'internal' && !(v.internalUnitId ?? before.internalUnitId)) {
    throw new AppError('CUSTOMER_INTERNAL_NEEDS_UNIT');
  }
  await checkRefs(db, auth, v, await w.listFields(db, auth.orgId));
  return db.transaction(async (tx) => {
    if (v.externalId && (await w.externalIdTaken(tx, auth.orgId, v.externalId, id))) {
      throw new AppError('CUSTOMER_EXTERNAL_ID_TAKEN');
    }
    const values = v.attributes
      ? { ...v, attributes: { ...before.attributes, ...v.attributes } }
      : v;
    const row = await w.updateCustomer(tx, auth.orgId, id, values);
    if (!row) throw new AppError('NOT_FOUND');
    const after = toCustomer(row);
    const changes = auditChanges(before, after);
    if (Object.keys(changes).length > 0) {
      await audit(tx, auth, {
        action: 'customer.updated',
        entity: 'customer',
        entityId: id,
        changes,
      });
    }
    return after;
  });
}

type TErasureListener = (tx: Sql, orgId: string, customerId: string) => Promise<void>;
const erasureListeners = new Map<string, TErasureListener>();

/**
 * GDPR erase reaches what other modules hold about the person (contact answers, free text,
 * complaint contact fields): each module registers how to blank its own rows, and the listeners
 * run inside the erase transaction, so an erase is never half done. Same name again replaces.
 */
export function onCustomerErased(name: string, listener: TErasureListener): void {
  erasureListeners.set(name, listener);
}

export async function erase(db: Sql, auth: AuthContext, id: string): Promise<void> {
  await get(db, auth, id);
  await db.transaction(async (tx) => {
    if (!(await eraseCustomer(tx, auth.orgId, id))) throw new AppError('NOT_FOUND');
    for (const listener of erasureListeners.values()) await listener(tx, auth.orgId, id);
    await audit(tx, auth, { action: 'customer.erased', entity: 'customer', entityId: id });
  });
}

export async function timeline(
  db: Sql,
  auth: AuthContext,
  id: string,
  q: Partial<TTimelineQuery> = {},
): Promise<TTimelinePage> {
  await get(db, auth, id);
  const before = q.before ? decodeBefore(q.before) : null;
  if (q.before && !before) throw new AppError('TIMELINE_CURSOR_INVALID');
  return timelinePage(db, auth.orgId, id, before, q.limit ?? 30, (ids) =>
    userNames(db, auth.orgId, ids),
  );
}

/** A staff note on the customer; it appears in the timeline with the author's name. */
export async function addNote(db: Sql, auth: AuthContext, id: string, body: string) {
  const c = await get(db, auth, id);
  if (c.status === 'erased') throw new AppError('CUSTOMER_ERASED');
  return insertNote(db, auth.orgId, id, auth.userId, body);
}

/** GDPR access request: everything we hold about one customer. */
export async function gdprExport(db: Sql, auth: AuthContext, id: string) {
  const customer = await get(db, auth, id);
  // The whole timeline, page by page (the export is rare; the pages are index range scans).
  const items: TTimelinePage['items'] = [];
  let before: string | undefined;
  do {
    const page = await timeline(db, auth, id, { before, limit: 100 });
    items.push(...page.items);
    before = page.nextCursor ?? undefined;
  } while (before);
  await audit(db, auth, { action: 'customer.exported', entity: 'customer', entityId: id });
  return { exportedAt: new Date().toISOString(), customer, timeline: items };
}

export const fields = {
  list: (db: Sql, auth: AuthContext) => w.listFields(db, auth.orgId),
  async save(db: Sql, auth: AuthContext, f: TCustomField): Promise<TCustomField> {
    await w.upsertField(db, auth.orgId, f);
    await audit(db, auth, {
      action: 'customer_field.saved',
      entity: 'customer_field',
      entityId: f.key,
      changes: { ...f },
    });
    return f;
  },
};

export const segments = {
  list: async (db: Sql, auth: AuthContext) => ({ items: await w.listSegments(db, auth.orgId) }),
  async create(db: Sql, auth: AuthContext, s: Omit<TSegment, 'id'>): Promise<TSegment> {
    const r = await w.insertSegment(db, auth.orgId, { ...s, createdBy: auth.userId });
    if (r === 'duplicate') throw new AppError('SEGMENT_NAME_TAKEN');
    await audit(db, auth, { action: 'segment.created', entity: 'segment', entityId: r.id });
    return r;
  },
  async remove(db: Sql, auth: AuthContext, id: string): Promise<void> {
    if (!(await w.deleteSegment(db, auth.orgId, id))) throw new AppError('NOT_FOUND');
    await audit(db, auth, { action: 'segment.deleted', entity: 'segment', entityId: id });
  },
};

/**
 * Analytics hook (issue 11): the team's class (A/B/C, `customers.tier`) of each customer id,
 * null when unclassified; groups NPS/CSAT "by segment".
 */
export async function customerClasses(
  db: Sql,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await customerTiers(db, orgId, [...new Set(ids)]);
  return new Map(rows.map((x) => [x.id, x.tier]));
}
