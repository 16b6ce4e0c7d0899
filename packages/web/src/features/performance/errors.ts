// The text of a failed request: the server's message is already in the UI language; network
// and unknown errors use the shell's texts.
import { ApiError } from '../../api/client';

export function errorText(e: unknown, t: (k: string, o?: Record<string, unknown>) => string) {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return t('errors.network');
    if (e.code.startsWith('HTTP_')) return t('errors.status', { status: e.status });
    return e.message;
  }
  return t('errors.generic');
}
