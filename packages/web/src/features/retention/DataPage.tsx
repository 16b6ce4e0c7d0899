// Transactions import (CSV/XLSX/CDNOW text) and the model runs with their diagnostics.
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { date, fixed, int, money, num, pct } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { type TTxImportPreview, useImports, useRuns } from './api';
import { NO_TRUNCATE } from './ScoreTable';
import { modelSummary } from './summary';

function ImportBox() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TTxImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file);
      setPreview(await api.post<TTxImportPreview>('/api/retention/imports', fd));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      await api.post(`/api/retention/imports/${preview.id}/run`);
      notifyOk(t('retention.importQueued'));
      setPreview(null);
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['retention', 'imports'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {t('retention.importTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('retention.importHelp')}
      </Text>
      <List size="sm" mb="sm" spacing={2}>
        <List.Item>{t('retention.ruleLayout')}</List.Item>
        <List.Item>{t('retention.ruleId')}</List.Item>
        <List.Item>{t('retention.ruleRefund')}</List.Item>
        <List.Item>{t('retention.ruleReject')}</List.Item>
      </List>
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={t('retention.file')}
          accept=".csv,.txt,.xlsx"
          value={file}
          onChange={(f) => {
            setFile(f);
            setPreview(null);
          }}
          w={{ base: '100%', sm: 320 }}
          clearable
        />
        <Button onClick={() => void upload()} disabled={!file} loading={busy && !preview}>
          {t('retention.upload')}
        </Button>
      </Group>
      {preview && (
        <Stack gap="xs" mt="md">
          <Text size="sm">
            {t('retention.detected')}{' '}
            {Object.entries(preview.mapping).map(([h, c]) => (
              <Badge key={h} variant="light" mr={4}>
                {h} → {t(`retention.column.${c}`)}
              </Badge>
            ))}
          </Text>
          {preview.missing.length > 0 ? (
            <Alert color="red" role="alert">
              {t('retention.missingColumns', {
                cols: preview.missing.map((c) => t(`retention.column.${c}`)).join(', '),
              })}
            </Alert>
          ) : (
            <Group>
              <Button onClick={() => void run()} loading={busy}>
                {t('retention.runImport')}
              </Button>
            </Group>
          )}
          <Table.ScrollContainer minWidth={480}>
            <Table fz="xs">
              <Table.Thead>
                <Table.Tr>
                  {preview.headers.map((h) => (
                    <Table.Th key={h}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.sampleRows.map((r) => (
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
      )}
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
