// Attachments: size and count limits, type by content sniffing (allow-list), stored in the
// database (bytea, so backups include them) and always served as downloads.
import { createHash } from 'node:crypto';
import type { Sql } from '../../db/client';
import { AppError, registerErrors } from '../../lib/errors';
import * as repo from './repo';
import { safeFilename, sniff } from './sniff';

let maxBytes = 5 * 1024 * 1024;
/** Set once from the validated config (COMPLAINT_ATTACHMENT_MAX_BYTES) when the routes load. */
export function setAttachmentLimit(bytes: number) {
  if (Number.isFinite(bytes) && bytes > 0) maxBytes = bytes;
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
  for (const f of files)
    stored.push(await repo.insertAttachment(db, orgId, caseId, { eventId, ...f }));
  return { stored, skipped };
}
