import {
  Anchor,
  Button,
  FileInput,
  Group,
  Paper,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, download } from '../../api/client';
import type { TImportPreview } from '../../api/types';
import { notifyError } from '../../ui/notify';
import { useCustomerFields } from './api';
import { MappingStep, PreviewStep, StatusCounts } from './ImportSteps';
import { IMPORT_TARGETS, isFinished, useImportStatus } from './importApi';
import { RejectedRows } from './RejectedRows';

// Steps: 0 upload, 1 preview, 2 mapping, 3 dry run, 4 import (progress + summary).
export default function ImportWizard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fields = useCustomerFields();
  // Five labelled steps do not fit side by side on a phone: stack them there.
  const phone = useMediaQuery('(max-width: 40em)');
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [busy, setBusy] = useState(false);
  // Bumped on each run so polling starts fresh for the dry run and then the real run.
  const [runKey, setRunKey] = useState(0);
  const status = useImportStatus(preview?.id ?? null, runKey);
  const finished = isFinished(status.data);

  const targets = [
    ...IMPORT_TARGETS.map((f) => ({ value: f, label: t(`customers.${f}`) })),
    ...(fields.data ?? []).map((f) => ({ value: `attr:${f.key}`, label: f.label })),
  ];
  // Targets the server suggested that this list does not know still need to be selectable.
  for (const v of Object.values(preview?.suggestedMapping ?? {})) {
    if (v && !targets.some((x) => x.value === v)) targets.push({ value: v, label: v });
  }

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file);
      const p = await api.post<TImportPreview>('/api/customer-imports', fd);
      setPreview(p);
      setMapping(p.suggestedMapping ?? {});
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
      await api.post(`/api/customer-imports/${preview.id}/run`, { mapping, dryRun });
      setRunKey((k) => k + 1);
      setStep(dryRun ? 3 : 4);
      if (!dryRun) void qc.invalidateQueries({ queryKey: ['customers'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const rejections = () =>
    preview &&
    download(`/api/customer-imports/${preview.id}/rejections.csv`, 'rejected-rows.csv').catch(
      notifyError,
    );

  // Shown while the real import runs and, once it is done, as the wizard's completed state.
  const runResult = (
    <>
      {status.data && <StatusCounts s={status.data} />}
      {finished && preview && status.data && status.data.rejected > 0 && (
        <RejectedRows importId={preview.id} runKey={runKey} />
      )}
      {finished && (
        <Group mt="md">
          {status.data && status.data.rejected > 0 && (
            <Button variant="default" onClick={() => void rejections()}>
              {t('import.downloadRejected')}
            </Button>
          )}
          <Button component={Link} to="/customers">
            {t('import.toList')}
          </Button>
        </Group>
      )}
    </>
  );

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/customers" size="sm">
        {t('customer.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('import.title')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stepper
          active={step === 4 && status.data?.status === 'done' ? 5 : step}
          size="sm"
          allowNextStepsSelect={false}
          orientation={phone ? 'vertical' : 'horizontal'}
          wrap
        >
          <Stepper.Step label={t('import.stepUpload')}>
            <Stack gap="sm" maw={480}>
              <Text size="sm">{t('import.uploadHelp')}</Text>
              <FileInput
                label={t('import.file')}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={setFile}
                clearable
              />
              <Group>
                <Button onClick={() => void upload()} loading={busy} disabled={!file}>
                  {t('import.upload')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('import.stepPreview')}>
            {preview && <PreviewStep p={preview} />}
            <Group mt="md">
              <Button variant="default" onClick={() => setStep(0)}>
                {t('common.back')}
              </Button>
              <Button onClick={() => setStep(2)}>{t('common.next')}</Button>
            </Group>
          </Stepper.Step>
          <Stepper.Step label={t('import.stepMapping')}>
            {preview && (
              <MappingStep
                headers={preview.headers}
                mapping={mapping}
                targets={targets}
                onChange={setMapping}
              />
            )}
            <Group mt="md">
              <Button variant="default" onClick={() => setStep(1)}>
                {t('common.back')}
              </Button>
              <Button onClick={() => void run(true)} loading={busy}>
                {t('import.dryRun')}
              </Button>
            </Group>
          </Stepper.Step>
          <Stepper.Step label={t('import.stepDryRun')}>
            <Text size="sm" mb="sm">
              {t('import.dryRunHelp')}
            </Text>
            {status.data && <StatusCounts s={status.data} />}
            {finished && preview && status.data && status.data.rejected > 0 && (
              <RejectedRows importId={preview.id} runKey={runKey} />
            )}
            <Group mt="md">
              <Button variant="default" onClick={() => setStep(2)}>
                {t('common.back')}
              </Button>
              {finished && status.data && status.data.rejected > 0 && (
                <Button variant="default" onClick={() => void rejections()}>
                  {t('import.downloadRejected')}
                </Button>
              )}
              <Button
                onClick={() => void run(false)}
                loading={busy}
                disabled={!finished || status.data?.status === 'failed'}
              >
                {t('import.run')}
              </Button>
            </Group>
          </Stepper.Step>
          <Stepper.Step label={t('import.stepRun')}>{runResult}</Stepper.Step>
          <Stepper.Completed>{runResult}</Stepper.Completed>
        </Stepper>
      </Paper>
    </Stack>
  );
}
