// What the server did after a calendar/policy change: it queued one recomputation of every open
// case's targets; this follows that job and shows how many cases it recomputed.
import { Alert, Group, Loader, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecompute } from './api';

export function RecomputeNote({ jobId }: { jobId: string | null | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const job = useRecompute(jobId ?? null);
  const status = job.data?.status;
  useEffect(() => {
    // Case lists and badges show the new due dates once the job is done.
    if (status === 'done') void qc.invalidateQueries({ queryKey: ['complaints'] });
  }, [status, qc]);
  if (jobId === undefined) return null;
  if (jobId === null)
    return (
      <Alert color="gray" role="status">
        {t('complaintsSettings.recompute.none')}
      </Alert>
    );
  const s = job.data;
  if (!s || s.status === 'queued' || s.status === 'running')
    return (
      <Alert color="blue" role="status">
        <Group gap="xs" wrap="nowrap">
          <Loader size="xs" />
          <Text size="sm">{t('complaintsSettings.recompute.running', { done: s?.done ?? 0 })}</Text>
        </Group>
      </Alert>
    );
  if (s.status === 'failed')
    return (
      <Alert color="red" role="status">
        {t('complaintsSettings.recompute.failed')}
      </Alert>
    );
  return (
    <Alert color="teal" role="status">
      {t('complaintsSettings.recompute.done', {
        cases: s.result?.cases ?? 0,
        changed: s.result?.changed ?? 0,
      })}
    </Alert>
  );
}
