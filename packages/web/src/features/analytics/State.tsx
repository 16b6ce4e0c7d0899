// Loading, error and empty states shared by the reports: a report never draws a chart over
// missing or failed data.
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { PageLoader } from '../../ui/PageLoader';

/** The server's message is already in the UI language; network and unknown errors are ours. */
export function errorText(e: unknown, t: (k: string, o?: Record<string, unknown>) => string) {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return t('errors.network');
    if (e.code.startsWith('HTTP_')) return t('errors.status', { status: e.status });
    return e.message;
  }
  return t('errors.generic');
}

export function ReportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t('analytics.error')}>
      {errorText(error, t)}
    </Alert>
  );
}

export function Empty({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <Alert color="gray" title={title}>
      {children && <Text size="sm">{children}</Text>}
    </Alert>
  );
}

export { PageLoader };
