// Closing a case with its root cause (cause tree) and the "5 whys" notes, one per line.
import { Button, Card, Select, Stack, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifyError, notifyOk } from '../../ui/notify';

interface TCategory {
  id: string;
  tree: 'category' | 'cause';
  parentId: string | null;
  name: string;
  active: boolean;
}

export function CloseCase({ id, onClosed }: { id: string; onClosed: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const cats = useQuery({
    queryKey: ['complaints', 'categories'],
    queryFn: () => api.get<TCategory[]>('/api/complaints/categories'),
  });
  const [causeId, setCauseId] = useState<string | null>(null);
  const [whys, setWhys] = useState('');
  const byId = new Map((cats.data ?? []).map((c) => [c.id, c]));
  const causes = (cats.data ?? [])
    .filter((c) => c.tree === 'cause' && c.active !== false)
    .map((c) => {
      const parent = c.parentId ? byId.get(c.parentId) : undefined;
      return { value: c.id, label: parent ? `${parent.name} › ${c.name}` : c.name };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  const close = useMutation({
    mutationFn: () =>
      api.post(`/api/complaints/${id}/close`, {
        causeId,
        fiveWhys: whys
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean)
          .slice(0, 5),
      }),
    onSuccess: () => {
      notifyOk(t('complaints.close.done'));
      void qc.invalidateQueries({ queryKey: ['complaint', id] });
      onClosed();
    },
    onError: notifyError,
  });
  return (
    <Card withBorder component="section" aria-labelledby="close-h">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (causeId) close.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4" id="close-h">
            {t('complaints.close.title')}
          </Title>
          <Select
            label={t('complaints.close.cause')}
            data={causes}
            value={causeId}
            onChange={setCauseId}
            searchable
            required
          />
          <Textarea
            label={t('complaints.close.whys')}
            description={t('complaints.close.whysHint')}
            autosize
            minRows={2}
            value={whys}
            onChange={(e) => setWhys(e.currentTarget.value)}
          />
          <Button type="submit" disabled={!causeId} loading={close.isPending}>
            {t('complaints.close.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
