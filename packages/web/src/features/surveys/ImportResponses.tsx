// Importing historical responses into a published survey: upload, the columns as the server
// reads them with the first rows, a trial run (nothing stored) with its rejected rows, then the
// real run with a progress bar. Reached from the survey's header.
import type {
  TImportRejection,
  TResponseImportPreview,
  TResponseImportStatus,
} from '@fidelia/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useFormat } from '../../lib/format';
import { ImportWizard } from '../../ui/ImportWizard';
import { PageLoader } from '../../ui/PageLoader';
import { RejectedRowsTable } from '../../ui/RejectedRowsTable';
import { useSurvey } from './api';
import { importBase, progressPct, reasonKey } from './importResponses';

const SHOWN = 100;

function useReason() {
  const { t } = useTranslation();
  return (r: string) => {
    const { key, values } = reasonKey(r);
    return t(`responseImport.reason.${key}`, {
      ...values,
      defaultValue: t('responseImport.reason.other'),
    });
  };
}

function ColumnGroup({ label, items, color }: { label: string; items: string[]; color: string }) {
  if (items.length === 0) return null;
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {label}
      </Text>
      <Group gap={4}>
        {items.map((c) => (
          <Badge key={c} color={color} variant="light" tt="none">
            {c}
          </Badge>
        ))}
      </Group>
    </div>
  );
}

function PreviewStep({ p }: { p: TResponseImportPreview }) {
  const { t } = useTranslation();
  const f = useFormat();
  const reason = useReason();
  // Five columns do not fit a phone: there each row is a card.
  const phone = useMediaQuery('(max-width: 40em)');
  const badge = (ok: boolean) => (
    <Badge color={ok ? 'teal' : 'red'} variant="light" mr={6}>
      {ok ? t('responseImport.sampleOk') : t('responseImport.sampleRejected')}
    </Badge>
  );
  const detail = (r: TResponseImportPreview['sampleRows'][number]) =>
    r.ok
      ? r.answers.map((a) => `${a.column} = ${a.value}`).join(' · ')
      : r.errors.map((e) => `${e.column}: ${reason(e.reason)}`).join(' · ');
  return (
    <Stack gap="sm">
      {p.respondentColumn ? (
        <Text size="sm">{t('responseImport.respondent', { column: p.respondentColumn })}</Text>
      ) : (
        <Alert color="red">{t('responseImport.noRespondent')}</Alert>
      )}
      {p.missingRequired.filter((m) => m !== 'respondent_id').length > 0 && (
        <Alert color="red" title={t('responseImport.missing')}>
          <Text size="sm">{t('responseImport.missingHelp')}</Text>
          <Text size="sm" fw={600}>
            {p.missingRequired.filter((m) => m !== 'respondent_id').join(', ')}
          </Text>
        </Alert>
      )}
      <ColumnGroup
        label={t('responseImport.recognised', { n: f.int(p.answerColumns.length) })}
        items={p.answerColumns}
        color="teal"
      />
      <ColumnGroup
        label={t('responseImport.meta', { n: f.int(p.metaColumns.length) })}
        items={p.metaColumns}
        color="blue"
      />
      <ColumnGroup
        label={t('responseImport.ignored', { n: f.int(p.ignoredColumns.length) })}
        items={p.ignoredColumns}
        color="gray"
      />
      {p.unknownColumns.length > 0 && (
        <div>
          <ColumnGroup
            label={t('responseImport.unknown', { n: f.int(p.unknownColumns.length) })}
            items={p.unknownColumns}
            color="orange"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t('responseImport.unknownHelp')}
          </Text>
        </div>
      )}
      {p.sampleRows.length > 0 && (
        <>
          <Title order={3} size="h5" mt="xs">
            {t('responseImport.sampleTitle')}
          </Title>
          {phone ? (
            <Stack gap="xs">
              {p.sampleRows.map((r) => (
                <Paper key={r.row} withBorder p="xs" radius="sm">
                  <Group gap={6} mb={4}>
                    {badge(r.ok)}
                    <Text size="sm" fw={600}>
                      {t('responseImport.sampleRow')} {f.int(r.row)}
                    </Text>
                  </Group>
                  {r.ok && (
                    <Text size="sm" c="dimmed">
                      {[
                        r.submittedAt ? f.dateTime(r.submittedAt) : null,
                        r.channel ? t(`surveys.channels.${r.channel}`) : null,
                        r.unit,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  )}
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {detail(r)}
                  </Text>
                </Paper>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th ta="right">{t('responseImport.sampleRow')}</Table.Th>
                    <Table.Th>{t('responseImport.sampleWhen')}</Table.Th>
                    <Table.Th>{t('responseImport.sampleChannel')}</Table.Th>
                    <Table.Th>{t('responseImport.sampleUnit')}</Table.Th>
                    <Table.Th>{t('responseImport.sampleAnswers')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.sampleRows.map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td ta="right">{f.int(r.row)}</Table.Td>
                      <Table.Td>{r.submittedAt ? f.dateTime(r.submittedAt) : '—'}</Table.Td>
                      <Table.Td>{r.channel ? t(`surveys.channels.${r.channel}`) : '—'}</Table.Td>
                      <Table.Td>{r.unit ?? '—'}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {badge(r.ok)}
                        {detail(r)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

function Counts({ s }: { s: TResponseImportStatus }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = progressPct(s);
  return (
    <Stack gap="xs">
      <Progress
        value={pct}
        size="lg"
        aria-label={t('responseImport.progress')}
        animated={s.status === 'running' || s.status === 'queued'}
      />
      <Text size="sm" aria-live="polite">
        {t(`responseImport.status.${s.status}`)} ·{' '}
        {s.total > 0
          ? t('responseImport.processed', { processed: f.int(s.processed), total: f.int(s.total) })
          : t('responseImport.processedNoTotal', { processed: f.int(s.processed) })}
      </Text>
      <SimpleGrid cols={3}>
        {(['inserted', 'unchanged', 'rejected'] as const).map((k) => (
          <div key={k}>
            <Text size="xs" c="dimmed">
              {t(
                k === 'inserted' && s.dryRun ? 'responseImport.insertedDry' : `responseImport.${k}`,
              )}
            </Text>
            <Text fw={700} size="lg" c={k === 'rejected' && s[k] > 0 ? 'red.8' : undefined}>
              {f.int(s[k])}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {s.error && (
        <Alert color="red" role="alert">
          {t(`responseImport.error.${s.error}`, {
            defaultValue: t('responseImport.error.other'),
          })}
        </Alert>
      )}
    </Stack>
  );
}

function Rejections({
  surveyId,
  importId,
  runKey,
}: {
  surveyId: string;
  importId: string;
  runKey: number;
}) {
  const { t } = useTranslation();
  const reason = useReason();
  const q = useQuery({
    queryKey: ['response-import-rejections', surveyId, importId, runKey],
    queryFn: () =>
      api.get<{ items: TImportRejection[]; total: number }>(
        `${importBase(surveyId, importId)}/rejections`,
        { limit: SHOWN },
      ),
  });
  if (!q.data || q.data.total === 0) return null;
  return (
    <RejectedRowsTable
      data={q.data}
      minWidth={340}
      reason={reason}
      texts={{
        title: t('responseImport.rejectedTitle'),
        first: (shown, total) => t('responseImport.rejectedFirst', { shown, total }),
        all: (total) => t('responseImport.rejectedAll', { total }),
        row: t('responseImport.rejRow'),
        column: t('responseImport.rejColumn'),
        value: t('responseImport.rejValue'),
        reason: t('responseImport.rejReason'),
      }}
    />
  );
}

// Steps (the shared wizard): upload, columns and first rows, trial run, real run (progress, summary).
export default function ImportResponses() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  const qc = useQueryClient();
  // The survey's counts change once the real run has stored its rows.
  const onStored = useCallback(() => {
    void qc.invalidateQueries({ queryKey: ['survey', id] });
  }, [qc, id]);

  if (survey.isLoading) return <PageLoader />;
  const back = (
    <Anchor component={Link} to={`/surveys/${id}/responses`} size="sm">
      ← {t('responseImport.back')}
    </Anchor>
  );
  if (!survey.data?.publishedVersion)
    return (
      <Stack gap="md">
        {back}
        <Alert color="orange">{t('responseImport.notPublished')}</Alert>
      </Stack>
    );

  return (
    <Stack gap="md">
      {back}
      <div>
        <Title order={1} size="h2">
          {t('responseImport.title')}
        </Title>
        <Text c="dimmed">{survey.data.name}</Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <ImportWizard<TResponseImportPreview, TResponseImportStatus>
          texts={{
            stepUpload: t('responseImport.stepUpload'),
            stepPreview: t('responseImport.stepPreview'),
            stepDryRun: t('responseImport.stepDryRun'),
            stepRun: t('responseImport.stepRun'),
            uploadHelp: t('responseImport.uploadHelp'),
            file: t('responseImport.file'),
            upload: t('responseImport.upload'),
            back: t('common.back'),
            next: t('common.next'),
            dryRun: t('responseImport.dryRun'),
            dryRunHelp: t('responseImport.dryRunHelp'),
            run: t('responseImport.run'),
            downloadRejected: t('responseImport.downloadRejected'),
            done: t('responseImport.done'),
          }}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          statusKey={['response-import', id]}
          upload={(file) => {
            const fd = new FormData();
            fd.append('file', file);
            return api.post<TResponseImportPreview>(`/api/surveys/${id}/response-imports`, fd);
          }}
          preview={(p) => <PreviewStep p={p} />}
          trial
          start={async (p, dryRun) => {
            await api.post(`${importBase(id, p.id)}/run`, { dryRun });
          }}
          statusUrl={(p) => importBase(id, p.id)}
          counts={(s) => <Counts s={s} />}
          rejections={(p, _s, runKey) => (
            <Rejections surveyId={id} importId={p.id} runKey={runKey} />
          )}
          rejectionsCsv={(p) => `${importBase(id, p.id)}/rejections.csv`}
          doneActions={
            <Button component={Link} to={`/surveys/${id}/responses`}>
              {t('responseImport.toResponses')}
            </Button>
          }
          onStored={onStored}
        />
      </Paper>
    </Stack>
  );
}
