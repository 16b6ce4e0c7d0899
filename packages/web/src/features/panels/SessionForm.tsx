// "New session" form: topic, kind, date/time, place or video link, recording, discussion guide
// (questions linked to needs or SERVQUAL items).
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifyError } from '../../ui/notify';
import type { TGuideItem, TSession } from './api';
import { useNeeds } from './needs';

const inAWeek = () => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setUTCHours(17, 0, 0, 0);
  return d.toISOString().slice(0, 16);
};

export function SessionForm({
  panelId,
  onCreated,
}: {
  panelId: string;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const needs = useNeeds();
  const [v, setV] = useState({
    topic: '',
    kind: 'focus_group',
    startsAt: inAWeek(),
    place: '',
    videoUrl: '',
    recording: false,
  });
  const [guide, setGuide] = useState<TGuideItem[]>([{ text: '' }]);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const s = await api.post<TSession>(`/api/panels/${panelId}/sessions`, {
        ...v,
        startsAt: new Date(`${v.startsAt}:00Z`).toISOString(),
        guide: guide
          .filter((g) => g.text.trim())
          .map((g) => ({
            text: g.text.trim(),
            ...(g.needId ? { needId: g.needId } : {}),
            ...(g.servqualItem ? { servqualItem: g.servqualItem } : {}),
          })),
      });
      await qc.invalidateQueries({ queryKey: ['panels', panelId] });
      onCreated(s.id);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const setG = (i: number, g: Partial<TGuideItem>) =>
    setGuide(guide.map((x, j) => (j === i ? { ...x, ...g } : x)));
  return (
    <Stack>
      <TextInput
        label={t('panels.session.topic')}
        required
        value={v.topic}
        onChange={(e) => setV({ ...v, topic: e.currentTarget.value })}
      />
      <Select
        label={t('panels.session.kindLabel')}
        value={v.kind}
        allowDeselect={false}
        onChange={(k) => setV({ ...v, kind: k ?? 'focus_group' })}
        data={['focus_group', 'interview'].map((k) => ({
          value: k,
          label: t(`panels.session.kind.${k}`),
        }))}
      />
      <TextInput
        type="datetime-local"
        label={t('panels.session.startsAt')}
        value={v.startsAt}
        onChange={(e) => setV({ ...v, startsAt: e.currentTarget.value })}
      />
      <TextInput
        label={t('panels.session.place')}
        value={v.place}
        onChange={(e) => setV({ ...v, place: e.currentTarget.value })}
      />
      <TextInput
        label={t('panels.session.videoUrl')}
        placeholder="https://"
        value={v.videoUrl}
        onChange={(e) => setV({ ...v, videoUrl: e.currentTarget.value })}
      />
      <Switch
        label={t('panels.session.recording')}
        checked={v.recording}
        onChange={(e) => setV({ ...v, recording: e.currentTarget.checked })}
      />
      <Text fw={500} size="sm">
        {t('panels.session.guide')}
      </Text>
      {guide.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
        <Group key={i} align="flex-end" wrap="wrap">
          <TextInput
            label={t('panels.session.guideQuestion')}
            value={g.text}
            onChange={(e) => setG(i, { text: e.currentTarget.value })}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label={t('panels.session.guideNeed')}
            clearable
            value={g.needId ?? null}
            onChange={(n) => setG(i, { needId: n })}
            data={(needs.data ?? []).map((n) => ({
              value: n.id,
              label: `${n.text} (${t(`panels.insights.needKinds.${n.kind}`)})`,
            }))}
            w={{ base: '100%', sm: 220 }}
          />
          <NumberInput
            label={t('panels.session.guideServqual')}
            min={1}
            max={22}
            value={g.servqualItem ?? ''}
            onChange={(n) => setG(i, { servqualItem: n === '' ? null : Number(n) })}
            w={150}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('panels.session.removeQuestion')}
            onClick={() => setGuide(guide.filter((_, j) => j !== i))}
            mb={4}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" onClick={() => setGuide([...guide, { text: '' }])}>
          {t('panels.session.addQuestion')}
        </Button>
      </Group>
      <Group justify="flex-end">
        <Button onClick={save} loading={busy} disabled={!v.topic.trim() || !v.startsAt}>
          {t('panels.session.create')}
        </Button>
      </Group>
    </Stack>
  );
}
