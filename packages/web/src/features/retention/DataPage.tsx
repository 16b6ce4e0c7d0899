// Transactions import (CSV/XLSX/CDNOW text) and the model runs with their diagnostics.
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { date, fixed, int, money, num, pct } from '../../lib/format';
import { ImportWizard } from '../../ui/ImportWizard';
import { notifyError } from '../../ui/notify';
import { RejectedRowsTable } from '../../ui/RejectedRowsTable';
import { type TTxImportPreview, type TTxImportStatus, useImports, useRuns } from './api';
import { NO_TRUNCATE } from './ScoreTable';
import { modelSummary } from './summary';

function TxPreview({ p }: { p: TTxImportPreview }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <List size="sm" spacing={2}>
        <List.Item>{t('retention.ruleLayout')}</List.Item>
        <List.Item>{t('retention.ruleId')}</List.Item>
        <List.Item>{t('retention.ruleRefund')}</List.Item>
        <List.Item>{t('retention.ruleReject')}</List.Item>
      </List>
      <Text size="sm">
        {t('retention.detected')}{' '}
        {Object.entries(p.mapping).map(([h, c]) => (
          <Badge key={h} variant="light" mr={4} styles={NO_TRUNCATE}>
            {h} → {t(`retention.column.${c}`)}
          </Badge>
        ))}
      </Text>
      {p.missing.length > 0 && (
        <Alert color="red" role="alert">
          {t('retention.missingColumns', {
            cols: p.missing.map((c) => t(`retention.column.${c}`)).join(', '),
          })}
        </Alert>
      )}
      <Text size="sm" fw={600}>
        {t('retention.wizard.sample')}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table fz="xs">
          <Table.Thead>
            <Table.Tr>
              {p.headers.map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.sampleRows.map((r) => (
              <Table.Tr key={r.join('|')}>
                {r.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns by position
                  <Table.Td key={i}>{c}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function TxCounts({ s }: { s: TTxImportStatus }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => int(x, i18n.language);
  const active = s.status === 'queued' || s.status === 'running';
  return (
    <Stack gap="xs">
      {/* No denominator while it runs (rows read so far): a full, moving bar until done. */}
      <Progress
        value={active || s.status === 'done' ? 100 : 0}
        striped={active}
        animated={active}
        size="lg"
        aria-label={t('retention.wizard.progress')}
      />
      <Text size="sm" aria-live="polite">
        {t(`retention.jobStatus.${s.status}`)} · {t('retention.wizard.read', { n: n(s.total) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {(['inserted', 'updated', 'unchanged', 'rejected', 'warned'] as const).map((k) => (
          <div key={k}>
            <Text size="xs" c="dimmed">
              {t(`retention.wizard.${k}`)}
            </Text>
            <Text fw={700} size="lg" c={k === 'rejected' && s[k] > 0 ? 'red.8' : undefined}>
              {n(s[k])}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {s.status === 'failed' && (
        <Alert color="red" role="alert">
          {t('retention.wizard.failed')}
        </Alert>
      )}
    </Stack>
  );
}

function TxRejections({ s }: { s: TTxImportStatus }) {
  const { t } = useTranslation();
  // The status carries the first 100 rejections (one per row); the CSV has them all.
  const items = s.rejections.map((r) => ({
    ...r,
    column: t(`retention.column.${r.column}`, { defaultValue: r.column }),
  }));
  return (
    <RejectedRowsTable
      data={{ items, total: Math.max(s.rejected, items.length) }}
      minWidth={420}
      reason={(r) => t(`retention.reason.${r}`, { defaultValue: r })}
      texts={{
        title: t('retention.wizard.rejectedTitle'),
        first: (shown, total) => t('retention.wizard.rejectedFirst', { shown, total }),
        all: (total) => t('retention.wizard.rejectedAll', { total }),
        row: t('retention.wizard.rejRow'),
        column: t('retention.wizard.rejColumn'),
        value: t('retention.wizard.rejValue'),
        reason: t('retention.wizard.rejReason'),
      }}
    />
  );
}

function ImportBox() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const onStored = useCallback(() => {
    void qc.invalidateQueries({ queryKey: ['retention'] });
  }, [qc]);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {t('retention.importTitle')}
      </Title>
      <ImportWizard<TTxImportPreview, TTxImportStatus>
        texts={{
          stepUpload: t('retention.wizard.stepUpload'),
          stepPreview: t('retention.wizard.stepPreview'),
          stepRun: t('retention.wizard.stepRun'),
          uploadHelp: t('retention.importHelp'),
          file: t('retention.file'),
          upload: t('retention.upload'),
          back: t('common.back'),
          next: t('common.next'),
          run: t('retention.runImport'),
          downloadRejected: t('retention.downloadRejections'),
          done: t('retention.wizard.done'),
          again: t('retention.wizard.again'),
        }}
        accept=".csv,.txt,.xlsx"
        statusKey={['retention', 'import']}
        upload={(file) => {
          const fd = new FormData();
          fd.append('file', file);
          return api.post<TTxImportPreview>('/api/retention/imports', fd);
        }}
        preview={(p) => <TxPreview p={p} />}
        runnable={(p) => p.missing.length === 0}
        trial={false}
        start={async (p) => {
          await api.post(`/api/retention/imports/${p.id}/run`);
          await qc.invalidateQueries({ queryKey: ['retention', 'imports'] });
        }}
        statusUrl={(p) => `/api/retention/imports/${p.id}`}
        counts={(s) => <TxCounts s={s} />}
        rejections={(_p, s) => <TxRejections s={s} />}
        rejectionsCsv={(p) => `/api/retention/imports/${p.id}/rejections.csv`}
        onStored={onStored}
      />
    </Paper>
  );
}

function Imports() {
  const { t } = useTranslation();
  const q = useImports();
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('retention.imports')}
      </Title>
      <Stack gap="sm">
        {items.map((i) => (
          <div key={i.id}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600}>{i.fileName}</Text>
              <Badge variant="light" styles={NO_TRUNCATE}>
                {t(`retention.jobStatus.${i.status}`)}
              </Badge>
              <Text size="sm">
                {t('retention.importCounts', {
                  total: i.total,
                  inserted: i.inserted,
                  updated: i.updated,
                  unchanged: i.unchanged,
                  rejected: i.rejected,
                  warned: i.warned,
                })}
              </Text>
              {i.rejected > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() =>
                    void download(
                      `/api/retention/imports/${i.id}/rejections.csv`,
                      'rejections.csv',
                    ).catch(notifyError)
                  }
                >
                  {t('retention.downloadRejections')}
                </Button>
              )}
            </Group>
            {i.rejections.length > 0 && (
              <List size="xs" mt={4}>
                {i.rejections.slice(0, 5).map((r) => (
                  <List.Item key={`${r.row}-${r.column}`}>
                    {t('retention.rejectionLine', {
                      row: r.row,
                      column: t(`retention.column.${r.column}`),
                      value: r.value,
                      reason: t(`retention.reason.${r.reason}`),
                    })}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function driversText(
  d: Array<{ feature: string; level: string | null; oddsRatio: number }>,
  lang: string,
) {
  return d
    .map((x) => `${x.feature}${x.level ? `=${x.level}` : ''}: OR ${fixed(x.oddsRatio, lang, 2)}`)
    .join('\n');
}

/** What the model says, in words, before any parameter. */
function Summary() {
  const { t, i18n } = useTranslation();
  const q = useRuns();
  const s = modelSummary(q.data?.items ?? []);
  if (!s) return null;
  const lang = i18n.language;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {t('retention.summary.title')}
      </Title>
      <Stack gap={4}>
        <Text>
          {t('retention.summary.active', {
            customers: int(s.customers, lang),
            active: int(s.active, lang),
            share: pct(s.activeShare, lang),
            date: date(s.calibrationEnd, lang),
          })}
        </Text>
        {s.next12 !== null && (
          <Text>
            {t('retention.summary.next12', {
              total: int(s.next12, lang),
              each: num(s.next12PerCustomer, lang, 2),
            })}
          </Text>
        )}
        {s.repeatBuyers !== null && (
          <Text size="sm" c="dimmed">
            {t('retention.summary.repeat', {
              n: int(s.repeatBuyers, lang),
              share: pct(s.repeatBuyers / s.customers, lang),
            })}
          </Text>
        )}
        {s.clvTotal !== null && (
          <Text size="sm" c="dimmed">
            {t('retention.summary.clv', { total: money(s.clvTotal, lang) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Runs() {
  const { t, i18n } = useTranslation();
  const q = useRuns();
  const items = q.data?.items ?? [];
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('retention.runs')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('retention.summary.technicalHelp')}
      </Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t('retention.noModel')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('retention.version')}</Table.Th>
                <Table.Th>{t('retention.col.status')}</Table.Th>
                <Table.Th>{t('retention.calibrationEnd')}</Table.Th>
                <Table.Th ta="right">{t('retention.customers')}</Table.Th>
                <Table.Th>BG/NBD (r, α, a, b)</Table.Th>
                <Table.Th>Gamma-Gamma (p, q, γ)</Table.Th>
                <Table.Th>{t('retention.fitCheck')}</Table.Th>
                <Table.Th>{t('retention.churnModel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => {
                const d = r.diagnostics as {
                  expectedRepeatPurchases?: number;
                  actualRepeatPurchases?: number;
                  holdout?: {
                    holdoutWeeks: number;
                    total: { predicted: number; actual: number };
                  } | null;
                };
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>v{r.version}</Table.Td>
                    <Table.Td>
                      <Badge
                        styles={NO_TRUNCATE}
                        variant="light"
                        color={
                          r.status === 'failed' ? 'red' : r.status === 'done' ? 'teal' : 'blue'
                        }
                      >
                        {t(`retention.jobStatus.${r.status}`)}
                      </Badge>
                      {r.error && (
                        <Text size="xs" c="red.8">
                          {t(`retention.error.${r.error}`, { defaultValue: r.error })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{date(r.calibrationEnd, i18n.language)}</Table.Td>
                    <Table.Td ta="right">{int(r.customers, i18n.language)}</Table.Td>
                    <Table.Td>
                      {r.bgnbd && (
                        <Code>
                          {[r.bgnbd.r, r.bgnbd.alpha, r.bgnbd.a, r.bgnbd.b]
                            .map((v) => num(v, i18n.language, 3))
                            .join(' · ')}
                        </Code>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.gammaGamma && (
                        <Code>
                          {[r.gammaGamma.p, r.gammaGamma.q, r.gammaGamma.gamma]
                            .map((v) => num(v, i18n.language, 2))
                            .join(' · ')}
                        </Code>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.expectedRepeatPurchases !== undefined &&
                        t('retention.fitCheckValue', {
                          expected: num(d.expectedRepeatPurchases, i18n.language, 0),
                          actual: num(d.actualRepeatPurchases, i18n.language, 0),
                        })}
                      {d.holdout && (
                        <Text size="xs" c="dimmed">
                          {t('retention.holdoutValue', {
                            weeks: num(d.holdout.holdoutWeeks, i18n.language, 0),
                            expected: num(d.holdout.total.predicted, i18n.language, 0),
                            actual: num(d.holdout.total.actual, i18n.language, 0),
                          })}
                        </Text>
                      )}
                      {r.warnings.length > 0 && (
                        <Text size="xs" c="orange.9">
                          {r.warnings.join(' · ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.churn?.auc !== undefined ? (
                        <Text size="sm" title={driversText(r.churn.drivers ?? [], i18n.language)}>
                          {t('retention.churnAuc', {
                            auc: num(r.churn.auc, i18n.language, 3),
                            sd: num(r.churn.aucSd, i18n.language, 3),
                            n: r.churn.n,
                            k: r.churn.folds,
                          })}
                        </Text>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {r.churn?.skipped ? t('retention.churnSkipped') : '—'}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

export default function DataPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <Stack gap="md">
      <Summary />
      {canWrite(user) && <ImportBox />}
      {canWrite(user) && <Imports />}
      <Accordion variant="contained" radius="md">
        <Accordion.Item value="technical">
          <Accordion.Control>{t('retention.summary.technical')}</Accordion.Control>
          <Accordion.Panel>
            <Runs />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
