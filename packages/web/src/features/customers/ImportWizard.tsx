import { Anchor, Button, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { TImportPreview, TImportStatus } from '../../api/types';
import { ImportWizard as Wizard } from '../../ui/ImportWizard';
import { useCustomerFields } from './api';
import { MappingStep, PreviewStep, StatusCounts } from './ImportSteps';
import { IMPORT_TARGETS } from './importApi';
import { RejectedRows } from './RejectedRows';

// Steps (the shared wizard): upload, preview, mapping, dry run, import (progress + summary).
export default function ImportWizard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fields = useCustomerFields();
  const [suggested, setSuggested] = useState<TImportPreview['suggestedMapping']>({});
  const [mapping, setMapping] = useState<Record<string, string | null>>({});

  const targets = [
    ...IMPORT_TARGETS.map((f) => ({ value: f, label: t(`customers.${f}`) })),
    ...(fields.data ?? []).map((f) => ({ value: `attr:${f.key}`, label: f.label })),
  ];
  // Targets the server suggested that this list does not know still need to be selectable.
  for (const v of Object.values(suggested ?? {})) {
    if (v && !targets.some((x) => x.value === v)) targets.push({ value: v, label: v });
  }

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/customers" size="sm">
        {t('customer.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('import.title')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Wizard<TImportPreview, TImportStatus>
          texts={{
            stepUpload: t('import.stepUpload'),
            stepPreview: t('import.stepPreview'),
            stepMapping: t('import.stepMapping'),
            stepDryRun: t('import.stepDryRun'),
            stepRun: t('import.stepRun'),
            uploadHelp: t('import.uploadHelp'),
            file: t('import.file'),
            upload: t('import.upload'),
            back: t('common.back'),
            next: t('common.next'),
            dryRun: t('import.dryRun'),
            dryRunHelp: t('import.dryRunHelp'),
            run: t('import.run'),
            downloadRejected: t('import.downloadRejected'),
          }}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          statusKey={['customer-import']}
          upload={async (file) => {
            const fd = new FormData();
            fd.append('file', file);
            const p = await api.post<TImportPreview>('/api/customer-imports', fd);
            setSuggested(p.suggestedMapping ?? {});
            setMapping(p.suggestedMapping ?? {});
            return p;
          }}
          preview={(p) => <PreviewStep p={p} />}
          mapping={(p) => (
            <MappingStep
              headers={p.headers}
              mapping={mapping}
              targets={targets}
              onChange={setMapping}
            />
          )}
          trial
          start={async (p, dryRun) => {
            await api.post(`/api/customer-imports/${p.id}/run`, { mapping, dryRun });
            if (!dryRun) void qc.invalidateQueries({ queryKey: ['customers'] });
          }}
          statusUrl={(p) => `/api/customer-imports/${p.id}`}
          counts={(s) => <StatusCounts s={s} />}
          rejections={(p, _s, runKey) => <RejectedRows importId={p.id} runKey={runKey} />}
          rejectionsCsv={(p) => `/api/customer-imports/${p.id}/rejections.csv`}
          doneActions={
            <Button component={Link} to="/customers">
              {t('import.toList')}
            </Button>
          }
        />
      </Paper>
    </Stack>
  );
}
