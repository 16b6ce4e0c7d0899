import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TCustomerFilters, TSegment } from '../../api/types';
import { fieldErrorsOf, notifyError, notifyOk } from '../../ui/notify';
import { useSegments } from './api';

interface Props {
  filters: TCustomerFilters;
  segmentId: string;
  onPick: (segment: TSegment | null) => void;
  canSave: boolean;
}

/** Pick a saved segment (applies its filters) or save the current filters as one. */
export function SegmentBar({ filters, segmentId, onPick, canSave }: Props) {
  const { t } = useTranslation();
  const segments = useSegments();
  const qc = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setNameError(null);
    try {
      // Segment filters are strict on the server and carry no sort order.
      const { sort: _sort, ...segmentFilters } = filters;
      const created = await api.post<TSegment>('/api/segments', { name, filters: segmentFilters });
      await qc.invalidateQueries({ queryKey: ['segments'] });
      notifyOk(t('segments.saved'));
      if (created?.id) onPick(created);
      setName('');
      close();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      if (fe.name) setNameError(fe.name);
      else notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    try {
      await api.del(`/api/segments/${segmentId}`);
      onPick(null);
      await qc.invalidateQueries({ queryKey: ['segments'] });
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={t('segments.label')}
        placeholder={t('segments.none')}
        data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={segmentId || null}
        onChange={(v) => onPick(segments.data?.find((s) => s.id === v) ?? null)}
        clearable
        w={{ base: '100%', xs: 220 }}
      />
      {canSave && (
        <Button variant="default" onClick={open}>
          {t('segments.save')}
        </Button>
      )}
      {canSave && segmentId && (
        <Button variant="subtle" color="red" onClick={() => void remove()}>
          {t('segments.delete')}
        </Button>
      )}
      <Modal opened={opened} onClose={close} title={t('segments.save')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack>
            <TextInput
              label={t('segments.name')}
              required
              value={name}
              error={nameError}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
