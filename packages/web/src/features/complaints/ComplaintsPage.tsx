// Case list: status filter, search, SLA badge of each case (its most urgent target).
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { type TCaseRow, useBadges, useCases } from './api';
import { SettingsLink } from './SettingsLink';
import { SlaBadge } from './SlaBadge';

const SEVERITY_COLOR = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' } as const;

export default function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState('true');
  const [q, setQ] = useState('');
  const cases = useCases({ open: open === 'all' ? undefined : open, q: q.trim() || undefined });
  const items = cases.data?.items ?? [];
  const badges = useBadges(items.map((c) => c.id));
  const phone = useMediaQuery('(max-width: 40em)');
  const when = (iso: string) => dateTime(iso, i18n.language);
  const badge = (c: TCaseRow) => <SlaBadge status={badges.data?.get(c.id)?.status} />;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('complaints.list.title')}
        </Title>
        <Group gap="xs">
          <SettingsLink />
          <Button component={Link} to="/complaints/reports" variant="default">
            {t('complaints.reports.title')}
          </Button>
          <Button component={Link} to="/complaints/new">
            {t('complaints.list.new')}
          </Button>
        </Group>
      </Group>
      <Group wrap="wrap" align="end">
        <SegmentedControl
          aria-label={t('complaints.list.filter')}
          value={open}
          onChange={setOpen}
          data={[
            { value: 'true', label: t('complaints.list.open') },
            { value: 'false', label: t('complaints.list.finished') },
            { value: 'all', label: t('complaints.list.all') },
          ]}
        />
        <TextInput
          label={t('complaints.list.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
        />
      </Group>
      {cases.isLoading ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('complaints.list.empty')}</Text>
      ) : phone ? (
        <Stack gap="xs">
          {items.map((c) => (
            <Card key={c.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/complaints/${c.id}`} fw={600}>
                  {c.reference}
                </Anchor>
                {badge(c)}
              </Group>
              <Text size="sm">{c.subject}</Text>
              <Group gap="xs" mt={4}>
                <Badge size="sm" variant="light">
                  {t(`complaints.status.${c.status}`)}
                </Badge>
                <Badge size="sm" variant="light" color={SEVERITY_COLOR[c.severity]}>
                  {t(`complaints.severity.${c.severity}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {when(c.receivedAt)}
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('complaints.field.reference')}</Table.Th>
              <Table.Th>{t('complaints.field.subject')}</Table.Th>
              <Table.Th>{t('complaints.field.status')}</Table.Th>
              <Table.Th>{t('complaints.field.severity')}</Table.Th>
              <Table.Th>{t('complaints.field.received')}</Table.Th>
              <Table.Th>{t('complaints.sla.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/complaints/${c.id}`}>
                    {c.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.subject}</Table.Td>
                <Table.Td>{t(`complaints.status.${c.status}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={SEVERITY_COLOR[c.severity]}>
                    {t(`complaints.severity.${c.severity}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{when(c.receivedAt)}</Table.Td>
                <Table.Td>{badge(c)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
