// The monthly recognition board every staff member sees: badges and points of the month, the
// points leaders (month and all time), nominating a colleague, and (managers) the pending
// nominations to approve.
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { uuid } from '../../api/uuid';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { monthKey, useBoard, useNominations, useStaff } from './api';

function NominateForm({ period }: { period: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = useStaff();
  const qc = useQueryClient();
  const [id, setId] = useState(uuid);
  const [nominee, setNominee] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [points, setPoints] = useState<number>(20);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!nominee || !reason.trim()) return;
    setBusy(true);
    try {
      await api.post('/api/performance/nominations', {
        id,
        nomineeId: nominee,
        period,
        reason,
        points,
      });
      notifyOk(t('performance.board.nominated'));
      setId(uuid());
      setNominee(null);
      setReason('');
      await qc.invalidateQueries({ queryKey: ['performance'] });
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" component="form" onSubmit={(e) => void submit(e)}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('performance.board.nominate')}
        </Title>
        <Select
          label={t('performance.board.nominee')}
          searchable
          required
          value={nominee}
          onChange={setNominee}
          data={(staff.data ?? [])
            .filter((s) => s.id !== user?.id)
            .map((s) => ({
              value: s.id,
              label: s.unitName ? `${s.name} · ${s.unitName}` : s.name,
            }))}
        />
        <Textarea
          label={t('performance.board.reason')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <NumberInput
          label={t('performance.board.points')}
          min={0}
          max={1000}
          value={points}
          onChange={(v) => setPoints(typeof v === 'number' ? v : 0)}
          w={160}
        />
        <Group>
          <Button type="submit" loading={busy} disabled={!nominee || !reason.trim()}>
            {t('performance.board.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Pending() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user } = useSession();
  const list = useNominations();
  const qc = useQueryClient();
  const pending = (list.data ?? []).filter((n) => n.status === 'pending');
  const decide = async (id: string, decision: 'approved' | 'rejected') => {
    try {
      await api.post(`/api/performance/nominations/${id}/decision`, { decision });
      notifyOk(t(`performance.board.${decision}`));
      await qc.invalidateQueries({ queryKey: ['performance'] });
    } catch (err) {
      notifyError(err);
    }
  };
  if (!canWrite(user) || pending.length === 0) return null;
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h5" mb="xs">
        {t('performance.board.pending')}
      </Title>
      <Stack gap="sm">
        {pending.map((n) => (
          <Stack key={n.id} gap={4}>
            <Text size="sm">
              <b>{n.nomineeName ?? '—'}</b>{' '}
              {t('performance.board.by', {
                name: n.nominatorName ?? '—',
                month: fmt.month(`${n.period}-01`),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {n.reason}
            </Text>
            <Group gap="xs">
              <Button size="xs" onClick={() => void decide(n.id, 'approved')}>
                {t('performance.board.approve', { points: fmt.int(n.points) })}
              </Button>
              <Button size="xs" variant="default" onClick={() => void decide(n.id, 'rejected')}>
                {t('performance.board.reject')}
              </Button>
            </Group>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

export default function BoardPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [period, setPeriod] = useState(monthKey(0));
  const board = useBoard(period);
  const en = i18n.resolvedLanguage === 'en';
  const months = Array.from({ length: 12 }, (_, i) => monthKey(i));
  return (
    <Stack gap="md">
      <Select
        label={t('performance.board.month')}
        value={period}
        onChange={(v) => v && setPeriod(v)}
        allowDeselect={false}
        data={months.map((m) => ({ value: m, label: fmt.month(`${m}-01`) }))}
        w={{ base: '100%', xs: 220 }}
      />
      {board.isPending ? (
        <PageLoader />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="md">
            <Card withBorder padding="sm">
              <Title order={2} size="h5" mb="xs">
                {t('performance.board.awards')}
              </Title>
              {(board.data?.awards.length ?? 0) === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('performance.board.none')}
                </Text>
              ) : (
                <Stack gap="xs">
                  {board.data?.awards.map((a) => (
                    <Group key={a.id} justify="space-between" wrap="nowrap" align="flex-start">
                      <div>
                        <Text size="sm" fw={600}>
                          {a.userName ?? '—'}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {a.unitName ?? ''}
                        </Text>
                      </div>
                      <Group gap={4} justify="flex-end">
                        {a.badge && (
                          <Badge
                            color={a.source === 'nomination' ? 'grape' : 'teal'}
                            variant="light"
                          >
                            {en ? a.titleEn : a.titleEs}
                          </Badge>
                        )}
                        {a.points > 0 && (
                          <Badge color="yellow" variant="filled">
                            {t('performance.board.pts', { n: fmt.int(a.points) })}
                          </Badge>
                        )}
                      </Group>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
            <Pending />
          </Stack>
          <Stack gap="md">
            <Card withBorder padding="sm">
              <Title order={2} size="h5" mb="xs">
                {t('performance.board.leaders')}
              </Title>
              {(board.data?.leaders.length ?? 0) === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('performance.board.none')}
                </Text>
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('performance.board.person')}</Table.Th>
                      <Table.Th ta="right">{t('performance.board.monthPoints')}</Table.Th>
                      <Table.Th ta="right">{t('performance.board.totalPoints')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {board.data?.leaders.map((l) => (
                      <Table.Tr key={l.userId}>
                        <Table.Td>{l.userName ?? '—'}</Table.Td>
                        <Table.Td ta="right">{fmt.int(l.month)}</Table.Td>
                        <Table.Td ta="right">{fmt.int(l.total)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <NominateForm period={period} />
          </Stack>
        </SimpleGrid>
      )}
    </Stack>
  );
}
