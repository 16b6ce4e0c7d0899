// The staff case list as CSV or XLSX, with the list's own filters and order, in the reader's
// words (states, severities, channels, forms, category, unit and assignee names; no codes or
// ids). Streamed page by page (500 cases per keyset query, written as read, the reader's pace
// respected), so memory stays flat however long the list, and every case is in the file.
// Every text cell goes through the formula-injection neutraliser.
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { TComplaintFilter } from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { neutralise } from '../../lib/tabular/neutralise';
import { LABELS, word } from './export-labels';
import * as cfg from './repo-config';
import { listAll } from './service';

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

async function* lines(
  db: Sql,
  auth: AuthContext,
  q: TComplaintFilter,
  lang: 'es' | 'en',
  dates: 'iso' | 'date',
) {
  const cats = new Map((await cfg.listCategories(db, auth.orgId)).map((c) => [c.id, c.name]));
  const units = await cfg.unitNames(db, auth.orgId);
  const name = (m: Map<string, string>, id: string | null) => (id ? (m.get(id) ?? null) : null);
  const w = LABELS[lang];
  const when = (v: string | Date | null) =>
    v === null ? null : dates === 'date' ? new Date(v) : new Date(v).toISOString();
  for await (const page of listAll(db, auth, q)) {
    yield page.map((c) =>
      [
        c.reference,
        when(c.receivedAt),
        word(w.status, c.status),
        word(w.severity, c.severity),
        word(w.channel, c.channel),
        word(w.form, c.form),
        name(cats, c.categoryId),
        c.serviceAttribute,
        name(units, c.unitId),
        c.customerName,
        c.contactName,
        c.contactEmail,
        c.assigneeName,
        when(c.dueAt),
        c.subject,
      ].map(cell),
    );
    // PGlite runs in this thread: let other requests in between pages.
    await new Promise((r) => setImmediate(r));
  }
}

/** Blank for null; dates stay dates (XLSX cells) or ISO text (CSV); text neutralised. */
const cell = (v: unknown) =>
  v instanceof Date ? v : neutralise(v === null || v === undefined ? '' : v);

export function listCsv(db: Sql, auth: AuthContext, q: TComplaintFilter, lang: 'es' | 'en') {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${stringify([[...HEAD[lang]]])}`;
      for await (const rows of lines(db, auth, q, lang, 'iso')) yield stringify(rows);
    })(),
  );
}

export function listXlsx(db: Sql, auth: AuthContext, q: TComplaintFilter, lang: 'es' | 'en') {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    // styles carry the date format: without them a date cell shows as a serial number
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(lang === 'es' ? 'reclamaciones' : 'complaints');
  (async () => {
    ws.addRow([...HEAD[lang]]).commit();
    for await (const rows of lines(db, auth, q, lang, 'date')) {
      for (const r of rows) ws.addRow(r).commit();
      while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
