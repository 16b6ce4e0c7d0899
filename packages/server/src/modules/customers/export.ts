// Streamed CSV/XLSX export of a filtered customer list: pages through the keyset list, so
// memory stays flat for 100k rows and the event loop gets a turn between pages.
import type { Readable } from 'node:stream';
import type { TCustomer, TCustomerListQuery } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { csvStream, xlsxStream } from '../../lib/tabular/stream';
import { list } from './service';

const COLUMNS: Array<[string, (c: TCustomer) => string | number | boolean | null]> = [
  ['id', (c) => c.id],
  ['externalId', (c) => c.externalId],
  ['name', (c) => c.name],
  ['email', (c) => c.email],
  ['phone', (c) => c.phone],
  ['kind', (c) => c.kind],
  ['useClass', (c) => c.useClass],
  ['tier', (c) => c.tier],
  ['status', (c) => c.status],
  ['unitId', (c) => c.unitId],
  ['internalUnitId', (c) => c.internalUnitId],
  ['language', (c) => c.language],
  ['consentEmail', (c) => c.consentEmail],
  ['consentSurvey', (c) => c.consentSurvey],
  ['statedNeeds', (c) => c.statedNeeds],
  ['realNeeds', (c) => c.realNeeds],
  ['needTags', (c) => c.needTags.join(', ')],
  ['attributes', (c) => JSON.stringify(c.attributes)],
  ['createdAt', (c) => c.createdAt],
  ['updatedAt', (c) => c.updatedAt],
];

async function* pages(
  db: Sql,
  auth: AuthContext,
  q: TCustomerListQuery,
): AsyncGenerator<TCustomer[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await list(db, auth, { ...q, cursor, limit: 200 });
    yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

const row = (c: TCustomer) => COLUMNS.map(([, f]) => f(c));

async function* rows(db: Sql, auth: AuthContext, q: TCustomerListQuery, bool?: 'words') {
  for await (const items of pages(db, auth, q))
    yield items.map((c) =>
      bool ? row(c).map((v) => (typeof v === 'boolean' ? String(v) : v)) : row(c),
    );
}

/** CSV (booleans as true/false), streamed a page at a time (lib/tabular/stream.ts). */
export function exportCsv(db: Sql, auth: AuthContext, q: TCustomerListQuery): Readable {
  return csvStream(
    COLUMNS.map(([h]) => h),
    rows(db, auth, q, 'words'),
  );
}

export function exportXlsx(db: Sql, auth: AuthContext, q: TCustomerListQuery): Readable {
  return xlsxStream([
    { name: 'customers', header: COLUMNS.map(([h]) => h), rows: rows(db, auth, q) },
  ]);
}
