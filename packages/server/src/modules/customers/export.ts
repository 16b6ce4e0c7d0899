// Streamed CSV/XLSX export of a filtered customer list: pages through the keyset list, so
// memory stays flat for 100k rows and the event loop gets a turn between pages.
import { PassThrough, Readable } from 'node:stream';
import type { TCustomer, TCustomerListQuery } from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { neutralise } from '../../lib/tabular/neutralise';
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

export function exportCsv(db: Sql, auth: AuthContext, q: TCustomerListQuery): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${stringify([COLUMNS.map(([h]) => h)])}`;
      for await (const items of pages(db, auth, q)) {
        yield stringify(
          items.map((c) => COLUMNS.map(([, f]) => neutralise(f(c)))),
          { cast: { boolean: (b) => (b ? 'true' : 'false') } },
        );
      }
    })(),
  );
}

export function exportXlsx(db: Sql, auth: AuthContext, q: TCustomerListQuery): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
  const ws = wb.addWorksheet('customers');
  ws.addRow(COLUMNS.map(([h]) => h)).commit();
  (async () => {
    for await (const items of pages(db, auth, q)) {
      for (const c of items) ws.addRow(COLUMNS.map(([, f]) => neutralise(f(c)))).commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
