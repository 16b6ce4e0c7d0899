// Staff list of visits (audits, mystery visits, competitor outlets) with score and flags.
import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { date, pct } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { type TVisitSummary, useVisits } from './api';
import { BUILDERS } from './ChecklistsPage';
import { personOptions, ScheduleForm, usePeople } from './ScheduleForm';

function Assignee({ v, canEdit }: { v: TVisitSummary; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const people = usePeople(canEdit && v.status === 'scheduled');
  const m = useMutation({
    mutationFn: (assigneeId: string | null) =>
      api.patch(`/api/fieldwork/visits/${v.id}`, { assigneeId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['fieldwork'] }),
    onError: notifyError,
  });
  if (!canEdit || v.status !== 'scheduled') {
    return (
      <>
        {v.assigneeName ?? (
          <Text c="dimmed" span>
            {t('fieldwork.schedule.unassigned')}
          </Text>
        )}
      </>
    );
  }
  return (
    <Select
      aria-label={t('fieldwork.schedule.reassign')}
      placeholder={t('fieldwork.schedule.unassigned')}
      size="xs"
      clearable
      searchable
      value={v.assigneeId}
      onChange={(x) => m.mutate(x)}
      data={personOptions(people.data ?? [], v.kind, t)}
      w={200}
    />
  );
}

export const STATUS_COLOR: Record<string, string> = {
  scheduled: 'gray',
  submitted: 'blue',
  approved: 'teal',
  rejected: 'red',
};

export default function VisitsPage() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const { user } = useSession();
  const canEdit = BUILDERS.includes(user?.role ?? '');
  const q = useVisits({
    ...(kind ? { kind } : {}),
    ...(status ? { status } : {}),
    ...(unitId ? { unitId } : {}),
  });
  return (
    <Stack gap="sm">
      {canEdit && (
        <Group>
          <Button variant={open ? 'default' : 'filled'} onClick={() => setOpen((o) => !o)}>
            {open ? t('fieldwork.schedule.close') : t('fieldwork.schedule.open')}
          </Button>
        </Group>
      )}
      {canEdit && open && <ScheduleForm />}
      <Text size="sm" c="dimmed" maw={640}>
        {t('fieldwork.visitsHelp')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('fieldwork.kindLabel')}
          placeholder={t('fieldwork.allKinds')}
          clearable
          value={kind}
          onChange={setKind}
          data={['audit', 'mystery', 'competitor'].map((k) => ({
            value: k,
            label: t(`fieldwork.kind.${k}`),
          }))}
          w={200}
        />
        <Select
          label={t('fieldwork.col.status')}
          placeholder={t('fieldwork.schedule.allStatuses')}
          clearable
          value={status}
          onChange={setStatus}
          data={['scheduled', 'submitted', 'approved', 'rejected'].map((k) => ({
            value: k,
            label: t(`fieldwork.status.${k}`),
          }))}
          w={200}
        />
        <UnitSelect
          label={t('fieldwork.col.unit')}
          placeholder={t('fieldwork.schedule.allUnits')}
          clearable
          value={unitId}
          onChange={setUnitId}
          w={220}
        />
      </Group>
      {q.isLoading ? (
        <PageLoader />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fieldwork.col.where')}</Table.Th>
                <Table.Th>{t('fieldwork.col.kind')}</Table.Th>
                <Table.Th>{t('fieldwork.col.date')}</Table.Th>
                <Table.Th>{t('fieldwork.col.status')}</Table.Th>
                <Table.Th>{t('fieldwork.schedule.assignee')}</Table.Th>
                <Table.Th ta="right">{t('fieldwork.col.final')}</Table.Th>
                <Table.Th>{t('fieldwork.col.flags')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(q.data?.items ?? []).map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    <Link to={`/fieldwork/visits/${v.id}`}>{v.unitName ?? v.competitorName}</Link>
                  </Table.Td>
                  <Table.Td>{t(`fieldwork.kind.${v.kind}`)}</Table.Td>
                  <Table.Td>{date(v.visitedAt ?? v.windowFrom, i18n.language)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      color={STATUS_COLOR[v.status]}
                      variant="light"
                      styles={{
                        root: { maxWidth: 'none', flexShrink: 0 },
                        label: { overflow: 'visible' },
                      }}
                    >
                      {t(`fieldwork.status.${v.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Assignee v={v} canEdit={canEdit} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {v.criticalFailed.length > 0 ? (
                      <Text c="red" fw={600} span>
                        {pct(v.finalScore, i18n.language)}
                      </Text>
                    ) : (
                      pct(v.finalScore, i18n.language)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {v.flags.map((f) => (
                        <Badge key={f.code} color="orange" variant="outline" size="xs">
                          {t(`fieldwork.flag.${f.code}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
