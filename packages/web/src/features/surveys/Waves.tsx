// The e-mail invitation waves of a survey with "send reminders now": the server reminds only
// those who have not answered, never unsubscribed or no-consent customers, once a day per wave.
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWrite, useSession } from '../../auth/session';
import { dateTime } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { useRemindWave, useWaves } from './api';
import { useSurveyOutlet } from './SurveyLayout';

export function Waves({ sending = false }: { sending?: boolean }) {
  const { t, i18n } = useTranslation();
  const { survey } = useSurveyOutlet();
  const { user } = useSession();
  const waves = useWaves(survey.id, sending);
  const remind = useRemindWave(survey.id);
  const [result, setResult] = useState<Record<string, string>>({});
  const phone = useMediaQuery('(max-width: 48em)');
  const items = waves.data?.items ?? [];
  if (!items.length) return null;
  const fmt = (iso: string) => dateTime(iso, i18n.language);
  const open = survey.status === 'open' && survey.publishedVersion !== null;

  const send = (batchId: string) =>
    remind.mutate(batchId, {
      onSuccess: (r) => {
        const skipped = Object.entries(r.skipped)
          .filter(([k]) => k !== 'already')
          .map(([k, n]) => `${t(`surveys.dist.skip.${k}`, { defaultValue: k })}: ${n}`)
          .join(', ');
        const msg =
          t('surveys.waves.sent', { n: r.reminded }) +
          (skipped ? ` ${t('surveys.waves.notSent', { list: skipped })}` : '');
        setResult((s) => ({ ...s, [batchId]: msg }));
        notifyOk(msg);
      },
      onError: notifyError,
    });

  const action = (w: (typeof items)[number]) => (
    <Stack gap={2} align="flex-start">
      <Button
        size="xs"
        variant="light"
        disabled={!open || w.remindable === 0}
        loading={remind.isPending && remind.variables === w.batchId}
        onClick={() => send(w.batchId)}
      >
        {t('surveys.waves.remindNow')}
      </Button>
      {result[w.batchId] ? (
        <Text size="xs" role="status">
          {result[w.batchId]}
        </Text>
      ) : null}
    </Stack>
  );
  const stat = (label: string, n: number) => (
    <Text size="sm" span>
      {label}: <b>{n}</b>
    </Text>
  );

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('surveys.waves.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('surveys.waves.help')}
      </Text>
      {phone ? (
        <Stack gap="xs" role="list" aria-label={t('surveys.waves.title')}>
          {items.map((w) => (
            <Paper key={w.batchId} withBorder p="xs" radius="sm" role="listitem">
              <Text size="sm" fw={600}>
                {t('surveys.waves.started')} {fmt(w.startedAt)}
              </Text>
              <Group gap="sm" my={4}>
                {stat(t('surveys.dist.stat.sent'), w.sent)}
                {stat(t('surveys.dist.stat.completed'), w.completed)}
                {stat(t('surveys.waves.pending'), w.remindable)}
                {stat(t('surveys.dist.stat.reminded'), w.reminded)}
              </Group>
              {canWrite(user) ? action(w) : null}
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={340}>
          <Table withTableBorder verticalSpacing={6} aria-label={t('surveys.waves.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.waves.started')}</Table.Th>
                <Table.Th ta="right">{t('surveys.dist.stat.sent')}</Table.Th>
                <Table.Th ta="right">{t('surveys.dist.stat.completed')}</Table.Th>
                <Table.Th ta="right">{t('surveys.waves.pending')}</Table.Th>
                <Table.Th ta="right">{t('surveys.dist.stat.reminded')}</Table.Th>
                {canWrite(user) ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((w) => (
                <Table.Tr key={w.batchId}>
                  <Table.Td>{fmt(w.startedAt)}</Table.Td>
                  <Table.Td ta="right">{w.sent}</Table.Td>
                  <Table.Td ta="right">{w.completed}</Table.Td>
                  <Table.Td ta="right">{w.remindable}</Table.Td>
                  <Table.Td ta="right">
                    {w.reminded}
                    {w.lastRemindedAt ? (
                      <Text span size="xs" c="dimmed" display="block">
                        {fmt(w.lastRemindedAt)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  {canWrite(user) ? <Table.Td>{action(w)}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
