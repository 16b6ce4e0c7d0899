// Attachments: size and count limits, type by content sniffing (allow-list), a malware scan when
// a ClamAV daemon is configured (CLAMD_URL), stored in the database (bytea, so backups include
// them) and always served as downloads.
import { createHash } from 'node:crypto';
import type { Sql } from '../../db/client';
import { AppError, registerErrors } from '../../lib/errors';
import { noScanner, type TScanner } from '../../lib/malware';
import * as repo from './repo';
import { safeFilename, sniff } from './sniff';

let maxBytes = 5 * 1024 * 1024;
let scanner: TScanner = noScanner;
/** Set once from the validated config (COMPLAINT_ATTACHMENT_MAX_BYTES, CLAMD_URL) when the
 * routes load. */
export function configureAttachments(o: { maxBytes: number; scanner: TScanner }) {
  if (Number.isFinite(o.maxBytes) && o.maxBytes > 0) maxBytes = o.maxBytes;
  scanner = o.scanner;
}
export const MAX_ATTACHMENTS = 3;

registerErrors({
  COMPLAINT_ATTACHMENT_TOO_LARGE: {
    status: 413,
    es: 'El adjunto supera el tamaño máximo permitido (ver «max» en bytes).',
    en: 'The attachment exceeds the maximum size allowed (see "max", in bytes).',
  },
  COMPLAINT_ATTACHMENT_TYPE: {
    status: 415,
    es: 'Tipo de adjunto no admitido: solo PDF, imágenes (PNG, JPEG, GIF, WebP) y texto.',
    en: 'Attachment type not allowed: only PDF, images (PNG, JPEG, GIF, WebP) and text.',
  },
  COMPLAINT_ATTACHMENT_INFECTED: {
    status: 422,
    es: 'El antivirus ha detectado software malicioso en un adjunto; no se ha guardado nada. Envíe la reclamación sin ese archivo.',
    en: 'The virus scanner found malware in an attachment; nothing was saved. Please send the complaint without that file.',
  },
  COMPLAINT_ATTACHMENT_INVALID: {
    status: 400,
    es: 'El adjunto no es un base64 válido.',
    en: 'The attachment is not valid base64.',
  },
});

export type TUpload =
  | { filename: string; contentBase64: string }
  | { filename: string; data: Uint8Array };

export interface TCheckedFile {
  filename: string;
  contentType: string;
  data: Buffer;
  sha256: string;
}

/** Decodes and checks one upload; throws the 4xx the sender should see. */
export function checkUpload(u: TUpload): TCheckedFile {
  let data: Buffer;
  if ('data' in u) data = Buffer.from(u.data);
  else {
    const b64 = u.contentBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64)) throw new AppError('COMPLAINT_ATTACHMENT_INVALID');
    data = Buffer.from(b64, 'base64');
  }
  if (data.length > maxBytes) {
    throw new AppError('COMPLAINT_ATTACHMENT_TOO_LARGE', {
      filename: u.filename,
      max: maxBytes,
    });
  }
  const t = sniff(data);
  if (!t) throw new AppError('COMPLAINT_ATTACHMENT_TYPE', { filename: u.filename });
  return {
    filename: safeFilename(u.filename, t.ext),
    contentType: t.contentType,
    data,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/** Stores uploads on a case. lenient (inbound e-mail): refused files are skipped and returned. */
export async function storeAttachments(
  db: Sql,
  orgId: string,
  caseId: string,
  eventId: string | null,
  uploads: TUpload[],
  lenient = false,
): Promise<{ stored: string[]; skipped: { filename: string; code: string }[] }> {
  const stored: string[] = [];
  const skipped: { filename: string; code: string }[] = [];
  const files: TCheckedFile[] = [];
  for (const u of uploads.slice(0, lenient ? 10 : MAX_ATTACHMENTS)) {
    try {
      files.push(checkUpload(u));
    } catch (e) {
      if (!lenient || !(e instanceof AppError)) throw e;
      skipped.push({ filename: u.filename, code: e.code });
    }
  }
  // Strict mode runs inside the case's transaction: a refused file rolls the whole case back.
  for (const f of files) {
    const scan = await scanner.scan(f.data);
    if (scan.status === 'infected') {
      const err = new AppError('COMPLAINT_ATTACHMENT_INFECTED', {
        filename: f.filename,
        signature: scan.signature,
      });
      if (!lenient) throw err;
      skipped.push({ filename: f.filename, code: err.code });
      continue;
    }
    const scanned = scan.status === 'clean';
    stored.push(await repo.insertAttachment(db, orgId, caseId, { eventId, ...f, scanned }));
  }
  return { stored, skipped };
}
