// Loading, error and empty states shared by the reports: a report never draws a chart over
// missing or failed data.
import type { TSampleInfo } from '@fidelia/contracts';
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useFormat } from '../../lib/format';
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

/** Says that a report read a random sample of its scope (the server's `sample`), never hidden. */
export function SampleNote({ sample }: { sample: TSampleInfo | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!sample) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="sample-note">
      {sample.of === null
        ? t('analytics.sample.noOf', { n: f.int(sample.n) })
        : t('analytics.sample.of', { n: f.int(sample.n), of: f.int(sample.of) })}
    </Text>
  );
}
