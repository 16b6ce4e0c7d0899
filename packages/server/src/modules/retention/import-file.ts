// The transactions import's file handling: its errors, whitespace CDNOW text converted to CSV
// (once, at upload) and the streamed reader with the import's own "unreadable" error.
import { AppError, registerErrors } from '../../lib/errors';
import { openTabularBytes, type TabularFile } from '../../lib/tabular';
import { cdnowTextToCsv } from './rows';

registerErrors({
  TX_IMPORT_FORMAT: {
    status: 415,
    es: 'Sube un archivo .csv, .txt o .xlsx.',
    en: 'Upload a .csv, .txt or .xlsx file.',
  },
  TX_IMPORT_EMPTY: {
    status: 400,
    es: 'El archivo está vacío o no tiene cabecera.',
    en: 'The file is empty or has no header.',
  },
  TX_IMPORT_UNREADABLE: {
    status: 400,
    es: 'No se puede leer el archivo.',
    en: 'The file cannot be read.',
  },
  TX_IMPORT_COLUMNS: {
    status: 400,
    es: 'Faltan columnas obligatorias: cliente, fecha e importe.',
    en: 'Required columns are missing: customer, date and amount.',
  },
  TX_IMPORT_NOT_RUNNABLE: {
    status: 409,
    es: 'Esta importación ya se ha lanzado.',
    en: 'This import was already started.',
  },
});

/** Whitespace CDNOW text is converted to CSV once, at upload. */
export function normaliseBytes(bytes: Uint8Array, format: 'csv' | 'xlsx'): Uint8Array {
  if (format !== 'csv') return bytes;
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (/[,;\t]/.test(firstLine)) return bytes;
  const csv = cdnowTextToCsv(Buffer.from(bytes).toString('utf8'));
  return csv ? Buffer.from(csv) : bytes;
}

export function openFile(
  bytes: Uint8Array,
  format: 'csv' | 'xlsx',
  name: string,
): Promise<TabularFile> {
  return openTabularBytes(bytes, format, name).catch(() => {
    throw new AppError('TX_IMPORT_UNREADABLE');
  });
}
