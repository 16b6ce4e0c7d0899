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
  FileInput,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, download } from '../../api/client';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { RejectedRowsTable } from '../../ui/RejectedRowsTable';
import { useSurvey } from './api';
import {
  importBase,
  isFinished,
  progressPct,
  reasonKey,
  useResponseImportStatus,
} from './importResponses';

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

// Steps: 0 upload, 1 columns and first rows, 2 trial run, 3 real run (progress, summary).
export default function ImportResponses() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const survey = useSurvey(id);
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 40em)');
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TResponseImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [runKey, setRunKey] = useState(0);
  const status = useResponseImportStatus(id, preview?.id ?? null, runKey);
  const finished = isFinished(status.data);
  const storedAll = step === 3 && status.data?.status === 'done';
  // The survey's counts change once the real run has stored its rows.
  useEffect(() => {
    if (storedAll) void qc.invalidateQueries({ queryKey: ['survey', id] });
  }, [storedAll, qc, id]);

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

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file);
      setPreview(await api.post<TResponseImportPreview>(`/api/surveys/${id}/response-imports`, fd));
      setStep(1);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!preview) return;
    setBusy(true);
    try {
      await api.post(`${importBase(id, preview.id)}/run`, { dryRun });
      setRunKey((k) => k + 1);
      setStep(dryRun ? 2 : 3);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const downloadRejected = () =>
    preview &&
    download(`${importBase(id, preview.id)}/rejections.csv`, 'rejected-rows.csv').catch(
      notifyError,
    );
  const hasRejected = finished && (status.data?.rejected ?? 0) > 0;
  const results = preview && status.data && (
    <>
      <Counts s={status.data} />
      {hasRejected && <Rejections surveyId={id} importId={preview.id} runKey={runKey} />}
    </>
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
        <Stepper
          active={storedAll ? 4 : step}
          size="sm"
          allowNextStepsSelect={false}
          orientation={phone ? 'vertical' : 'horizontal'}
          wrap
        >
          <Stepper.Step label={t('responseImport.stepUpload')}>
            <Stack gap="sm" maw={560}>
              <Text size="sm">{t('responseImport.uploadHelp')}</Text>
              <FileInput
                label={t('responseImport.file')}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={setFile}
                clearable
              />
              <Group>
                <Button onClick={() => void upload()} loading={busy} disabled={!file}>
                  {t('responseImport.upload')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('responseImport.stepPreview')}>
            {preview && <PreviewStep p={preview} />}
            <Group mt="md">
              <Button variant="default" onClick={() => setStep(0)}>
                {t('common.back')}
              </Button>
              <Button onClick={() => void run(true)} loading={busy}>
                {t('responseImport.dryRun')}
              </Button>
            </Group>
          </Stepper.Step>
          <Stepper.Step label={t('responseImport.stepDryRun')}>
            <Text size="sm" mb="sm">
              {t('responseImport.dryRunHelp')}
            </Text>
            {results}
            <Group mt="md">
              <Button variant="default" onClick={() => setStep(1)}>
                {t('common.back')}
              </Button>
              {hasRejected && (
                <Button variant="default" onClick={() => void downloadRejected()}>
                  {t('responseImport.downloadRejected')}
                </Button>
              )}
              <Button
                onClick={() => void run(false)}
                loading={busy}
                disabled={!finished || status.data?.status === 'failed'}
              >
                {t('responseImport.run')}
              </Button>
            </Group>
          </Stepper.Step>
          <Stepper.Step label={t('responseImport.stepRun')}>
            {results}
            {status.data?.status === 'failed' && (
              <Group mt="md">
                <Button onClick={() => void run(false)} loading={busy}>
                  {t('responseImport.run')}
                </Button>
              </Group>
            )}
          </Stepper.Step>
          <Stepper.Completed>
            <Stack gap="sm">
              <Text fw={600}>{t('responseImport.done')}</Text>
              {results}
              <Group>
                {hasRejected && (
                  <Button variant="default" onClick={() => void downloadRejected()}>
                    {t('responseImport.downloadRejected')}
                  </Button>
                )}
                <Button component={Link} to={`/surveys/${id}/responses`}>
                  {t('responseImport.toResponses')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Completed>
        </Stepper>
      </Paper>
    </Stack>
  );
}
