// The staff case list as CSV or XLSX, with the list's own filters and order, in the reader's
// words (states, severities, channels, forms, category, unit and assignee names; no codes or
// ids). Streamed page by page (500 cases per keyset query, written as read, the reader's pace
// respected: lib/tabular/stream.ts), so memory stays flat however long the list, and every case
// is in the file. Every text cell goes through the formula-injection neutraliser there.
import type { TComplaintFilter } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { csvStream, type TCell, xlsxStream } from '../../lib/tabular/stream';
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
  }
}

/** Blank for null; dates stay dates (XLSX cells) or ISO text (CSV); the stream neutralises. */
const cell = (v: unknown): TCell =>
  v instanceof Date ? v : v === null || v === undefined ? '' : (v as TCell);

export function listCsv(db: Sql, auth: AuthContext, q: TComplaintFilter, lang: 'es' | 'en') {
  return csvStream(HEAD[lang], lines(db, auth, q, lang, 'iso'));
}

export function listXlsx(db: Sql, auth: AuthContext, q: TComplaintFilter, lang: 'es' | 'en') {
  return xlsxStream([
    {
      name: lang === 'es' ? 'reclamaciones' : 'complaints',
      header: HEAD[lang],
      rows: lines(db, auth, q, lang, 'date'),
    },
  ]);
}
