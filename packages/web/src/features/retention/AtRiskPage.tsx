import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { dateTime, pct } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { useOpenSurveys, useOverview, useScores, useWinback } from './api';
import { NO_TRUNCATE, ScoreTable } from './ScoreTable';

const STAFF = new Set(['owner', 'admin', 'analyst', 'agent']);

export default function AtRiskPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  const overview = useOverview();
  const q = useScores('at-risk', 100);
  const surveys = useOpenSurveys();
  const history = useWinback();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [surveyId, setSurveyId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const canAct = Boolean(user && STAFF.has(user.role));
  const currency = overview.data?.settings.currency ?? 'EUR';
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const act = async (action: 'survey' | 'case') => {
    setBusy(true);
    try {
      await api.post('/api/retention/winback', {
        action,
        customerIds: [...selected],
        note,
        ...(action === 'survey' ? { surveyId } : {}),
      });
      notifyOk(t('retention.winbackQueued', { n: selected.size }));
      setSelected(new Set());
      setNote('');
      await qc.invalidateQueries({ queryKey: ['retention', 'winback'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        {t('retention.atRiskHelp', { v: pct(q.data?.threshold ?? 0.5, i18n.language) })}
      </Text>
      {canAct && (
        <Paper withBorder p="sm" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t('retention.winback')}
          </Title>
          <Group align="flex-end" wrap="wrap" gap="xs">
            <TextInput
              label={t('retention.winbackNote')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={500}
              w={{ base: '100%', sm: 260 }}
            />
            <Select
              label={t('retention.winbackSurvey')}
              placeholder={
                surveys.data?.length ? t('retention.pickSurvey') : t('retention.noOpenSurvey')
              }
              data={(surveys.data ?? []).map((s) => ({ value: s.id, label: s.name ?? s.id }))}
              value={surveyId}
              onChange={setSurveyId}
              w={{ base: '100%', sm: 240 }}
            />
            <Button
              disabled={!selected.size || !surveyId}
              loading={busy}
              onClick={() => void act('survey')}
            >
              {t('retention.sendSurvey')}
            </Button>
            <Button
              variant="default"
              disabled={!selected.size}
              loading={busy}
              onClick={() => void act('case')}
            >
              {t('retention.openCase')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mt={4} aria-live="polite">
            {t('retention.selectedN', { n: selected.size })}
          </Text>
        </Paper>
      )}
      {q.isPending ? (
        <PageLoader />
      ) : q.isError ? (
        <Text c="red.8">{q.error.message}</Text>
      ) : q.data.items.length === 0 ? (
        <Text c="dimmed">{t('retention.empty')}</Text>
      ) : (
        <ScoreTable
          items={q.data.items}
          currency={currency}
          {...(canAct ? { selected, onToggle: toggle } : {})}
        />
      )}
      {history.data && history.data.items.length > 0 && (
        <Paper withBorder p="sm" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t('retention.winbackHistory')}
          </Title>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('retention.col.customer')}</Table.Th>
                  <Table.Th>{t('retention.col.action')}</Table.Th>
                  <Table.Th>{t('retention.col.status')}</Table.Th>
                  <Table.Th>{t('retention.col.date')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.items.slice(0, 20).map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td>{w.name}</Table.Td>
                    <Table.Td>{t(`retention.action.${w.action}`)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" styles={NO_TRUNCATE}>
                        {t(`retention.jobStatus.${w.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{dateTime(w.createdAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
