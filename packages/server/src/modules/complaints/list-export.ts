// The staff case list as CSV or XLSX, with the list's own filters and order. Streamed page by
// page (500 cases per query), so memory stays flat however long the list; at most EXPORT_MAX
// cases per file. Every cell goes through the formula-injection neutraliser.
import { PassThrough, Readable } from 'node:stream';
import type { TComplaintFilter } from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { neutralise } from '../../lib/tabular/neutralise';
import * as cfg from './repo-config';
import { listAll } from './service';

export const EXPORT_MAX = 100_000;

const HEAD = {
  es: [
    'Referencia',
    'Recibida',
    'Estado',
    'Gravedad',
    'Canal',
    'Forma',
    'Categoría',
    'Atributo del servicio',
    'Unidad',
    'Cliente',
    'Contacto',
    'Correo',
    'Asignada a',
    'Vence',
    'Asunto',
  ],
  en: [
    'Reference',
    'Received',
    'Status',
    'Severity',
    'Channel',
    'Form',
    'Category',
    'Service attribute',
    'Unit',
    'Customer',
    'Contact',
    'E-mail',
    'Assignee',
    'Due',
    'Subject',
  ],
} as const;

async function* lines(db: Sql, auth: AuthContext, q: TComplaintFilter) {
  const cats = new Map((await cfg.listCategories(db, auth.orgId)).map((c) => [c.id, c.name]));
  const units = await cfg.unitNames(db, auth.orgId);
  const name = (m: Map<string, string>, id: string | null) => (id ? (m.get(id) ?? null) : null);
  for await (const page of listAll(db, auth, q, EXPORT_MAX)) {
    yield page.map((c) =>
      [
        c.reference,
        c.receivedAt,
        c.status,
        c.severity,
        c.channel,
        c.form,
        name(cats, c.categoryId),
        c.serviceAttribute,
        name(units, c.unitId),
        c.customerName,
        c.contactName,
        c.contactEmail,
        c.assigneeName,
        c.dueAt,
        c.subject,
      ].map(cell),
    );
  }
}

/** Blank for null, ISO for dates; text neutralised (numbers stay numbers). */
const cell = (v: unknown) =>
  neutralise(v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : v);

export function listCsv(db: Sql, auth: AuthContext, q: TComplaintFilter, lang: 'es' | 'en') {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${stringify([[...HEAD[lang]]])}`;
      for await (const rows of lines(db, auth, q)) yield stringify(rows);
    })(),
  );
}

export function listXlsx(db: Sql, auth: AuthContext, q: TComplaintFilter, lang: 'es' | 'en') {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(lang === 'es' ? 'reclamaciones' : 'complaints');
  (async () => {
    ws.addRow([...HEAD[lang]]).commit();
    for await (const rows of lines(db, auth, q)) for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
