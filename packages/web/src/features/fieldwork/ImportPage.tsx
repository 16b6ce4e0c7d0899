// Agency import: a CSV/XLSX of visit results in the contract's layout (`visit_id,unit,kind,<item
// key>…`) against a checklist; shows what was stored and the rejected rows with their reason.
import type { TImportRejection } from '@fidelia/contracts';
import { Alert, Button, FileInput, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { RejectedRowsTable } from '../../ui/RejectedRowsTable';
import { useChecklists } from './api';

interface TResult {
  imported: number;
  already: number;
  rejected: TImportRejection[];
}

const REASONS = [
  'unknown_unit',
  'unit_out_of_scope',
  'out_of_scale',
  'bad_value',
  'bad_kind',
  'duplicate_in_file',
  'blank',
  'bad_date',
  'malformed_file',
];

export default function ImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const lists = useChecklists();
  const [checklistId, setChecklistId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TResult | null>(null);
  const checklist = lists.data?.items.find((c) => c.id === checklistId);
  const columns = checklist
    ? ['visit_id', 'unit', 'kind', 'visited_at', ...checklist.items.map((x) => x.key)]
    : [];
  const run = useMutation({
    mutationFn: () => {
      const fd = new FormData();
      fd.append('file', file as File);
      return api.post<TResult>(`/api/fieldwork/checklists/${checklistId}/import`, fd);
    },
    onSuccess: (r) => {
      setResult(r);
      qc.invalidateQueries({ queryKey: ['fieldwork'] });
    },
    onError: notifyError,
  });
  const template = () => {
    const blob = new Blob([`${columns.join(',')}\n`], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(checklist?.name ?? 'checklist').replace(/[^\w-]+/g, '_')}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const tx = (k: string, o?: Record<string, string>) => t(`fieldwork.import.${k}`, o);
  return (
    <Stack gap="sm" maw={900}>
      <Text size="sm" c="dimmed">
        {tx('help')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={tx('checklist')}
          data={(lists.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={checklistId}
          onChange={(v) => {
            setChecklistId(v);
            setResult(null);
          }}
          style={{ flex: '1 1 260px' }}
        />
        <Button variant="light" disabled={!checklist} onClick={template}>
          {tx('template')}
        </Button>
      </Group>
      {checklist && (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {tx('columns')}: <code>{columns.join(',')}</code>
        </Text>
      )}
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={tx('file')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(v) => {
            setFile(v);
            setResult(null);
          }}
          clearable
          style={{ flex: '1 1 260px' }}
        />
        <Button disabled={!checklist || !file} loading={run.isPending} onClick={() => run.mutate()}>
          {tx('run')}
        </Button>
      </Group>
      {result && (
        <Alert
          color={result.rejected.length > 0 ? 'orange' : 'teal'}
          variant="light"
          data-testid="import-result"
        >
          {tx('stored', {
            imported: f.int(result.imported),
            already: f.int(result.already),
            rejected: f.int(result.rejected.length),
          })}
        </Alert>
      )}
      {result && result.rejected.length > 0 && (
        <RejectedRowsTable
          data={{ items: result.rejected, total: result.rejected.length }}
          minWidth={520}
          reason={(c) => tx(`reason.${REASONS.includes(c) ? c : 'other'}`)}
          texts={{
            title: tx('rejectedTitle'),
            first: (shown, total) => tx('first', { shown, total }),
            all: (total) => tx('all', { total }),
            row: tx('row'),
            column: tx('column'),
            value: tx('value'),
            reason: tx('reasonCol'),
          }}
        />
      )}
    </Stack>
  );
}
