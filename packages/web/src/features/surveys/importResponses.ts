// Response import: the progress share and the rejection reasons in words (pure parts testable).
import type { TResponseImportStatus } from '@fidelia/contracts';

export const importBase = (surveyId: string, importId: string) =>
  `/api/surveys/${surveyId}/response-imports/${importId}`;

/** Share of the file read, 0–100 (the total is the file's line count, an upper bound). */
export function progressPct(s: Pick<TResponseImportStatus, 'status' | 'processed' | 'total'>) {
  if (s.status === 'done') return 100;
  if (s.total <= 0) return 0;
  return Math.min(100, Math.round((s.processed / s.total) * 100));
}

/**
 * The server's reason (`code`, `code:arg`, `invalid:<detail>`) as a translation key and its
 * values, so the screen never shows the internal code.
 */
export function reasonKey(reason: string): { key: string; values: Record<string, string> } {
  const i = reason.indexOf(':');
  const code = i < 0 ? reason : reason.slice(0, i);
  const arg = i < 0 ? '' : reason.slice(i + 1);
  if (code === 'invalid') {
    const range = /^out of range (-?[\d.]+)\.\.(-?[\d.]+)$/.exec(arg);
    if (range) return { key: 'range', values: { min: range[1] ?? '', max: range[2] ?? '' } };
    if (arg.startsWith('not one of the')) return { key: 'option', values: {} };
    return { key: 'invalid', values: {} };
  }
  return { key: code, values: { n: arg } };
}
