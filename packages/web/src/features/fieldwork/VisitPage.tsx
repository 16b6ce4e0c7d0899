// One visit for staff: score, sections, critical failures, answers, photos, integrity flags,
// the reviewer's approve/reject and the corrective actions it opened.
import {
  Alert,
  Badge,
  Button,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { date, dateTime, num, pct } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { ActionsTable } from './ActionsPage';
import { useVisit } from './api';
import { STATUS_COLOR } from './VisitsPage';

export default function VisitPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useVisit(id);
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      api.post(`/api/fieldwork/visits/${id}/review`, { decision, note }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['fieldwork'] }),
    onError: notifyError,
  });
  if (q.isLoading || !q.data) return <PageLoader />;
  const v = q.data;
  const lang = i18n.language;
  const byKey = new Map(v.answers.map((a) => [a.key, a]));
  const show = (key: string) => {
    const a = byKey.get(key);
    const it = v.items.find((x) => x.key === key);
    if (!a || a.value === null) return t('fieldwork.notObserved');
    if (a.value === 'na') return t('fieldwork.na');
    if (a.value === true) return t('fieldwork.yes');
    if (a.value === false) return t('fieldwork.no');
    return it?.type === 'scale'
      ? `${num(a.value, lang, 0)} / ${num(it.max, lang, 0)}`
      : `${num(a.value, lang)}${it?.unit ? ` ${it.unit}` : ''}`;
  };
  const failed = v.items.filter((it) => v.criticalFailed.includes(it.key));
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2} size="h3">
            {v.unitName ?? v.competitorName}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`fieldwork.kind.${v.kind}`)} · {v.checklistName} (
            {t('fieldwork.versionN', { n: v.checklistVersion })}) · {dateTime(v.visitedAt, lang)}
            {v.assigneeName ? ` · ${v.assigneeName}` : ''}
          </Text>
        </div>
        <Badge size="lg" color={STATUS_COLOR[v.status]} variant="light">
          {t(`fieldwork.status.${v.status}`)}
        </Badge>
      </Group>
      {v.kind === 'competitor' && <Alert color="gray">{t('fieldwork.competitorNote')}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="sm" radius="md">
          <Text size="sm" c="dimmed">
            {t('fieldwork.score')}
          </Text>
          <Text size="xl" fw={700}>
            {pct(v.score, lang)}
          </Text>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Text size="sm" c="dimmed">
            {t('fieldwork.finalScore')}
          </Text>
          <Text size="xl" fw={700} c={failed.length ? 'red' : undefined}>
            {pct(v.finalScore, lang)}
          </Text>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Text size="sm" c="dimmed">
            {t('fieldwork.duration')}
          </Text>
          <Text size="xl" fw={700}>
            {v.startedAt && v.endedAt
              ? t('fieldwork.minutesN', {
                  n: num((Date.parse(v.endedAt) - Date.parse(v.startedAt)) / 60000, lang, 0),
                })
              : '—'}
          </Text>
        </Paper>
      </SimpleGrid>
      {failed.length > 0 && (
        <Alert color="red" title={t('fieldwork.criticalFailed')}>
          {failed.map((it) => (
            <Text key={it.key} size="sm">
              {it.label}
            </Text>
          ))}
        </Alert>
      )}
      {v.flags.length > 0 && (
        <Alert color="orange" title={t('fieldwork.flagsTitle')}>
          {v.flags.map((f) => (
            <Text key={f.code} size="sm">
              {t(`fieldwork.flagLong.${f.code}`, { ...(f.detail ?? {}) })}
            </Text>
          ))}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fieldwork.col.item')}</Table.Th>
              <Table.Th>{t('fieldwork.col.answer')}</Table.Th>
              <Table.Th>{t('fieldwork.comment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.items.map((it) => (
              <Table.Tr key={it.key}>
                <Table.Td>
                  <Text size="sm">{it.label}</Text>
                  <Text size="xs" c="dimmed">
                    {it.section}
                    {it.standardCode ? ` · ${it.standardCode}` : ''}
                    {it.critical ? ` · ${t('fieldwork.critical')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{show(it.key)}</Table.Td>
                <Table.Td>
                  {byKey.get(it.key)?.comment}
                  {v.photos
                    .filter((p) => p.itemKey === it.key)
                    .map((p) => (
                      <a
                        key={p.id}
                        href={`/api/fieldwork/visits/${v.id}/photos/${p.id}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        <Image
                          src={`/api/fieldwork/visits/${v.id}/photos/${p.id}`}
                          alt={t('fieldwork.photoOf', { item: it.label })}
                          radius="sm"
                          w={72}
                          h={54}
                          fit="cover"
                          mt={4}
                          data-testid="item-photo"
                        />
                      </a>
                    ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {v.sections.length > 0 && (
        <Group gap="xs">
          {v.sections.map((s) => (
            <Badge key={s.section} variant="outline">
              {s.section}: {pct(s.score, lang)}
            </Badge>
          ))}
        </Group>
      )}
      {v.comment && <Text>{v.comment}</Text>}
      {v.photos.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {v.photos.map((p) => (
            <Stack key={p.id} gap={2}>
              <Image
                src={`/api/fieldwork/visits/${v.id}/photos/${p.id}`}
                alt={
                  p.kind === 'receipt' ? t('fieldwork.receiptPhoto') : t('fieldwork.evidencePhoto')
                }
                radius="sm"
                h={120}
                fit="cover"
              />
              <Text size="xs" c="dimmed">
                {p.kind === 'receipt' ? t('fieldwork.receiptPhoto') : t('fieldwork.evidencePhoto')}
                {p.itemKey ? ` · ${v.items.find((x) => x.key === p.itemKey)?.label ?? ''}` : ''}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {v.status === 'submitted' && (
        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Textarea
              label={t('fieldwork.reviewNote')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group>
              <Button onClick={() => review.mutate('approve')} loading={review.isPending}>
                {t('fieldwork.approve')}
              </Button>
              <Button
                color="red"
                variant="light"
                onClick={() => review.mutate('reject')}
                loading={review.isPending}
              >
                {t('fieldwork.reject')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {v.reviewedAt && (
        <Text size="sm" c="dimmed">
          {t('fieldwork.reviewedOn', { date: date(v.reviewedAt, lang) })}
          {v.reviewNote ? ` — ${v.reviewNote}` : ''}
        </Text>
      )}
      <Title order={3} size="h4">
        {t('fieldwork.actionsTitle')}
      </Title>
      {v.actions.length === 0 ? (
        <Text c="dimmed">{t('fieldwork.noActions')}</Text>
      ) : (
        <ActionsTable items={v.actions} />
      )}
    </Stack>
  );
}
