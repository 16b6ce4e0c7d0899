import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import i18n from '../i18n';

/** Shows an API error (already localised by the server) or a generic one. */
export function notifyError(e: unknown): void {
  let message = i18n.t('errors.generic');
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') message = i18n.t('errors.network');
    else if (e.message && !e.code.startsWith('HTTP_')) message = e.message;
    else message = i18n.t('errors.status', { status: e.status });
  }
  notifications.show({ color: 'red', title: i18n.t('errors.title'), message });
}

export function notifyOk(message: string): void {
  notifications.show({ color: 'teal', message });
}

/** Field errors keyed by path, for forms (VALIDATION_FAILED); empty for other errors. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  return e instanceof ApiError ? e.fieldErrors() : {};
}
