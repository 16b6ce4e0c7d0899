// Visit photos (evidence per item, proof-of-visit receipt): images only, checked by content
// (magic numbers, never the name or declared type), size-limited, hashed (SHA-256) so the same
// picture handed in for two visits is flagged. The sniffing is this module's own small
// allow-list (complaints keeps its broader one private to that module).
import { createHash } from 'node:crypto';
import { AppError } from '../../lib/errors';

let maxBytes = 5 * 1024 * 1024;
/** Set once from the validated config (COMPLAINT_ATTACHMENT_MAX_BYTES, shared upload limit). */
export function configurePhotos(o: { maxBytes: number }) {
  if (Number.isFinite(o.maxBytes) && o.maxBytes > 0) maxBytes = o.maxBytes;
}
export const photoMaxBytes = () => maxBytes;

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

export function sniffImage(b: Uint8Array): { contentType: string; ext: string } | null {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', ext: 'png' };
  if (starts(b, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8))
    return { contentType: 'image/webp', ext: 'webp' };
  return null;
}

export function safePhotoName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  const stem = base.replace(/\.[^.]*$/, '') || 'foto';
  return `${stem}.${ext}`;
}

export interface TCheckedPhoto {
  filename: string;
  contentType: string;
  data: Buffer;
  sha256: string;
}

export function checkPhoto(filename: string, contentBase64: string): TCheckedPhoto {
  const b64 = contentBase64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64)) throw new AppError('FIELDWORK_PHOTO_INVALID');
  const data = Buffer.from(b64, 'base64');
  if (data.length > maxBytes) throw new AppError('FIELDWORK_PHOTO_TOO_LARGE', { max: maxBytes });
  const t = sniffImage(data);
  if (!t) throw new AppError('FIELDWORK_PHOTO_TYPE');
  return {
    filename: safePhotoName(filename, t.ext),
    contentType: t.contentType,
    data,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}
