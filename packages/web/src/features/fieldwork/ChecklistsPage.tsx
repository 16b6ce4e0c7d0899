// Checklists of fieldwork visits: list with version and visit count; managers open the builder.
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { useChecklists } from './api';

export const BUILDERS = ['owner', 'admin', 'analyst'];

export default function ChecklistsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const { user } = useSession();
  const q = useChecklists();
  const canEdit = BUILDERS.includes(user?.role ?? '');
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('fieldwork.builder.listHelp')}
        </Text>
        {canEdit && (
          <Button onClick={() => navigate('/fieldwork/checklists/new')}>
            {t('fieldwork.builder.new')}
          </Button>
        )}
      </Group>
      {q.isLoading ? (
        <PageLoader />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fieldwork.builder.name')}</Table.Th>
                <Table.Th ta="right">{t('fieldwork.builder.version')}</Table.Th>
                <Table.Th ta="right">{t('fieldwork.builder.itemsCol')}</Table.Th>
                <Table.Th ta="right">{t('fieldwork.col.visits')}</Table.Th>
                <Table.Th>{t('fieldwork.builder.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(q.data?.items ?? []).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Link to={`/fieldwork/checklists/${c.id}`}>{c.name}</Link>
                    {!c.active && (
                      <Badge ml={6} size="xs" color="gray" variant="light">
                        {t('fieldwork.builder.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{f.int(c.version)}</Table.Td>
                  <Table.Td ta="right">{f.int(c.items.length)}</Table.Td>
                  <Table.Td ta="right">{f.int(c.visits)}</Table.Td>
                  <Table.Td>{f.date(c.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
