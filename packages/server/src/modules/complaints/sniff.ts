// Attachment type by content (magic numbers), never by the name or the declared type. Only an
// allow-list is accepted; everything is served later as a download (never inline HTML).
export interface Sniffed {
  contentType: string;
  ext: string;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export function sniff(b: Uint8Array): Sniffed | null {
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { contentType: 'application/pdf', ext: 'pdf' };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', ext: 'png' };
  if (starts(b, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (starts(b, [0x47, 0x49, 0x46, 0x38])) return { contentType: 'image/gif', ext: 'gif' };
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8))
    return { contentType: 'image/webp', ext: 'webp' };
  // Plain text (incl. anything that merely looks like HTML: it is stored and served as text).
  if (b.length > 0 && isUtf8Text(b))
    return { contentType: 'text/plain; charset=utf-8', ext: 'txt' };
  return null;
}

/** A file name safe for Content-Disposition: no paths, no control or quote characters. */
export function safeFilename(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  const stem = base.replace(/\.[^.]*$/, '') || 'adjunto';
  return `${stem}.${ext}`;
}
