// The visits assigned to the signed-in person (a mystery shopper sees only these).
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session';
import { date, pct } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { useVisits } from './api';
import { loadDraft } from './draft';

export default function MyVisitsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const q = useVisits();
  if (q.isLoading) return <PageLoader />;
  const mine = (q.data?.items ?? []).filter((v) => v.assigneeId === user?.id);
  const open = mine.filter((v) => v.status === 'scheduled');
  const done = mine.filter((v) => v.status !== 'scheduled');
  return (
    <Stack gap="sm" maw={640} mx="auto">
      <Title order={2} size="h3">
        {t('fieldwork.myTitle')}
      </Title>
      {q.isError && <Alert color="red">{t('fieldwork.loadError')}</Alert>}
      {open.length === 0 && <Text c="dimmed">{t('fieldwork.noneAssigned')}</Text>}
      {open.map((v) => (
        <Paper key={v.id} withBorder p="sm" radius="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Text fw={600}>{v.unitName ?? v.competitorName}</Text>
              <Text size="sm" c="dimmed">
                {v.checklistName}
                {v.windowTo
                  ? ` · ${t('fieldwork.until', { date: date(v.windowTo, i18n.language) })}`
                  : ''}
              </Text>
              {loadDraft(v.id) && (
                <Badge size="xs" variant="light" mt={4}>
                  {t('fieldwork.draftSaved')}
                </Badge>
              )}
            </div>
            <Button component={Link} to={`/fieldwork/visits/${v.id}/form`}>
              {t('fieldwork.start')}
            </Button>
          </Group>
        </Paper>
      ))}
      {done.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md">
            {t('fieldwork.sentVisits')}
          </Title>
          {done.map((v) => (
            <Paper key={v.id} withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="wrap">
                <Text>{v.unitName ?? v.competitorName}</Text>
                <Text size="sm" c="dimmed">
                  {date(v.visitedAt, i18n.language)} · {pct(v.finalScore, i18n.language)}
                </Text>
              </Group>
            </Paper>
          ))}
        </>
      )}
    </Stack>
  );
}
