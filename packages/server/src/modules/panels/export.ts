// The incentives ledger of a panel as CSV or XLSX for payment (member, e-mail, kind, amount,
// session, note, date), streamed; every text cell goes through the formula-injection guard.
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutralise } from '../../lib/tabular/neutralise';
import type { TIncentiveRow } from './repo';

const HEAD = {
  es: ['Miembro', 'Correo electrónico', 'Tipo', 'Importe', 'Sesión', 'Nota', 'Fecha'],
  en: ['Member', 'E-mail', 'Kind', 'Amount', 'Session', 'Note', 'Date'],
};
const KIND = {
  es: { points: 'Puntos', voucher: 'Vale' },
  en: { points: 'Points', voucher: 'Voucher' },
};

function cells(r: TIncentiveRow, lang: 'es' | 'en', dates: 'iso' | 'date') {
  const t = (v: string | null) => neutralise(v ?? '');
  return [
    t(r.member_name),
    t(r.member_email),
    KIND[lang][r.kind as 'points' | 'voucher'] ?? r.kind,
    Number(r.amount),
    t(r.topic),
    t(r.note),
    dates === 'date' ? new Date(r.created_at) : r.created_at,
  ];
}

export function incentivesCsv(rows: TIncentiveRow[], lang: 'es' | 'en') {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${stringify([HEAD[lang]])}`;
      for (let i = 0; i < rows.length; i += 500)
        yield stringify(rows.slice(i, i + 500).map((r) => cells(r, lang, 'iso')));
    })(),
  );
}

export function incentivesXlsx(rows: TIncentiveRow[], lang: 'es' | 'en') {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(lang === 'es' ? 'incentivos' : 'incentives');
  (async () => {
    ws.addRow(HEAD[lang]).commit();
    for (const r of rows) ws.addRow(cells(r, lang, 'date')).commit();
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
