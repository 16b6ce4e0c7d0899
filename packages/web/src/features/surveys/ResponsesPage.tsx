// Responses of one survey (every channel in one list, with who keyed it in) and the exports:
// CSV/XLSX wide and long, SPSS-friendly CSV and its .sps labels syntax.
import type { TResponse, TSurveyDefinition } from '@fidelia/contracts';
import { CHANNELS, lt } from '@fidelia/contracts/survey-logic';
import {
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client';
import { dateTime } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { pick } from '../../ui/pick';
import { answerLines, responseDetail, unknownAnswers } from './answerDetail';
import { useResponses } from './api';
import { ResponseCustomerMatch } from './ResponseCustomerMatch';
import { exportPath } from './responses';
import { useSurveyOutlet } from './SurveyLayout';

const STATUSES = ['complete', 'partial'] as const;
const EXPORTS = [
  ['csv', 'wide'],
  ['csv', 'long'],
  ['xlsx', 'wide'],
  ['xlsx', 'long'],
  ['spss', 'wide'],
  ['spss_labels', 'wide'],
] as const;

export default function ResponsesPage() {
  const { t, i18n } = useTranslation();
  const { survey } = useSurveyOutlet();
  const phone = useMediaQuery('(max-width: 48em)');
  const [status, setStatus] = useState<string | null>('complete');
  const [channel, setChannel] = useState<string | null>(null);
  const [exportStatus, setExportStatus] = useState<'complete' | 'all'>('complete');
  const [open, setOpen] = useState<TResponse | null>(null);
  const filters = { status: pick(STATUSES, status), channel: pick(CHANNELS, channel) };
  const list = useResponses(survey.id, filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const when = (r: TResponse) => dateTime(r.submittedAt ?? r.createdAt, i18n.language);
  const first = survey.definition.pages[0]?.questions[0];
  const firstText = (r: TResponse) =>
    first && r.answers[first.key] !== undefined
      ? answerLines(first, r.answers[first.key] ?? null, lang)
          // values only: a battery's item texts are too long for a table cell (the detail has them)
          .map((l) => l.value)
          .join(' · ')
          .slice(0, 60)
      : '';

  const exportAs = (format: (typeof EXPORTS)[number][0], shape: 'wide' | 'long') =>
    void download(exportPath(survey.id, format, shape, exportStatus), `respuestas.${format}`).catch(
      notifyError,
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('surveys.resp.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`surveys.resp.st.${s}`) }))}
            value={status}
            onChange={setStatus}
            placeholder={t('surveys.resp.any')}
            clearable
            w={160}
          />
          <Select
            label={t('surveys.resp.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`surveys.channels.${c}`) }))}
            value={channel}
            onChange={setChannel}
            placeholder={t('surveys.resp.any')}
            clearable
            w={170}
          />
          {total !== undefined ? (
            <Text size="sm" c="dimmed" pb={8} role="status">
              {t('surveys.resp.total', { n: total })}
            </Text>
          ) : null}
        </Group>
        <Group gap="xs" align="flex-end">
          <Select
            label={t('surveys.resp.exportWhich')}
            data={[
              { value: 'complete', label: t('surveys.resp.exportComplete') },
              { value: 'all', label: t('surveys.resp.exportAll') },
            ]}
            value={exportStatus}
            allowDeselect={false}
            w={190}
            onChange={(v) => setExportStatus(v === 'all' ? 'all' : 'complete')}
          />
          <Menu position="bottom-end">
            <Menu.Target>
              <Button>{t('surveys.resp.export')}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {EXPORTS.map(([f, s]) => (
                <Menu.Item key={`${f}-${s}`} onClick={() => exportAs(f, s)}>
                  {t(`surveys.resp.exp.${f}_${s}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      {list.isLoading ? (
        <PageLoader />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('surveys.resp.empty')}</Text>
      ) : phone ? (
        <Stack gap="xs">
          {rows.map((r) => (
            <Card
              key={r.id}
              withBorder
              padding="sm"
              component="button"
              type="button"
              onClick={() => setOpen(r)}
              style={{ textAlign: 'left', cursor: 'pointer' }}
            >
              <Group justify="space-between" gap={4}>
                <Text size="sm" fw={600}>
                  {when(r)}
                </Text>
                <Badge variant="light">{t(`surveys.channels.${r.channel}`)}</Badge>
              </Group>
              <Text size="sm">{firstText(r)}</Text>
              <Text size="xs" c="dimmed">
                {r.customerName ?? t('surveys.resp.anonymous')}
                {r.enteredByName
                  ? ` · ${t('surveys.resp.enteredBy', { name: r.enteredByName })}`
                  : ''}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.resp.when')}</Table.Th>
                <Table.Th>{t('surveys.resp.channel')}</Table.Th>
                <Table.Th>{t('surveys.resp.status')}</Table.Th>
                <Table.Th>{t('surveys.resp.version')}</Table.Th>
                <Table.Th>{t('surveys.resp.customer')}</Table.Th>
                <Table.Th>{t('surveys.resp.keyedBy')}</Table.Th>
                <Table.Th>{first ? lt(first.title, lang) : ''}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{when(r)}</Table.Td>
                  <Table.Td>
                    {t(`surveys.channels.${r.channel}`)}
                    {r.duplicateOf ? (
                      <Badge ml={4} color="orange" variant="light">
                        {t('surveys.resp.duplicate')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`surveys.resp.st.${r.status}`)}</Table.Td>
                  <Table.Td>{r.version}</Table.Td>
                  <Table.Td>{r.customerName ?? '—'}</Table.Td>
                  <Table.Td>{r.enteredByName ?? '—'}</Table.Td>
                  <Table.Td>{firstText(r)}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" onClick={() => setOpen(r)}>
                      {t('surveys.resp.view')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage ? (
        <Group>
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('surveys.resp.more')}
          </Button>
        </Group>
      ) : null}

      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={open ? when(open) : ''}
      >
        {open ? <ResponseDetail r={open} def={survey.definition} lang={lang} /> : null}
      </Drawer>
    </Stack>
  );
}

function ResponseDetail({
  r,
  def,
  lang,
}: {
  r: TResponse;
  def: TSurveyDefinition;
  lang: 'es' | 'en';
}) {
  const { t } = useTranslation();
  const pages = responseDetail(def, r.answers, lang);
  const hidden = unknownAnswers(def, r.answers);
  const language = new Intl.DisplayNames([lang], { type: 'language' }).of(r.language) ?? '';
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm">
        <Text size="sm">
          {t(`surveys.channels.${r.channel}`)} · {t(`surveys.resp.st.${r.status}`)} ·{' '}
          {t('surveys.resp.versionN', { n: r.version })} · {language}
        </Text>
        <Text size="sm">
          {t('surveys.resp.customer')}: {r.customerName ?? t('surveys.resp.anonymous')}
        </Text>
        {r.enteredByName ? (
          <Text size="sm">{t('surveys.resp.enteredBy', { name: r.enteredByName })}</Text>
        ) : null}
      </Paper>
      {r.customerId ? null : <ResponseCustomerMatch surveyId={r.surveyId} responseId={r.id} />}
      {pages.map((p, i) => (
        <Stack key={p.key} gap={6}>
          <Title order={3} size="h5">
            {p.title || t('surveys.resp.pageN', { n: i + 1 })}
          </Title>
          {p.answers.map((a) => (
            <Paper key={a.key} withBorder p="xs">
              <Text size="sm" fw={600}>
                {a.title}
              </Text>
              {a.lines.map((l, j) =>
                l.label ? (
                  <Group
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines are fixed per render
                    key={j}
                    justify="space-between"
                    wrap="nowrap"
                    gap="sm"
                    align="flex-start"
                  >
                    <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                      {l.label}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', textAlign: 'right' }}>
                      {l.value}
                    </Text>
                  </Group>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines are fixed per render
                  <Text key={j} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {l.value}
                  </Text>
                ),
              )}
            </Paper>
          ))}
        </Stack>
      ))}
      {hidden > 0 ? (
        <Text size="xs" c="dimmed">
          {t('surveys.resp.notInVersion', { n: hidden })}
        </Text>
      ) : null}
    </Stack>
  );
}
