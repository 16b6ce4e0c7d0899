// One working interval (from–to) of a weekday in the calendar form.
import { ActionIcon, Group, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TInterval } from './api';

export function IntervalRow({
  day,
  iv,
  onChange,
  onRemove,
}: {
  day: string;
  iv: TInterval;
  onChange: (iv: TInterval) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <TextInput
        type="time"
        size="xs"
        aria-label={t('complaintsSettings.calendar.from', { day })}
        value={iv.start}
        onChange={(e) => onChange({ ...iv, start: e.currentTarget.value })}
        w={110}
      />
      <Text size="sm" aria-hidden="true">
        –
      </Text>
      <TextInput
        type="time"
        size="xs"
        aria-label={t('complaintsSettings.calendar.to', { day })}
        value={iv.end}
        onChange={(e) => onChange({ ...iv, end: e.currentTarget.value })}
        w={110}
      />
      <ActionIcon
        variant="subtle"
        color="red"
        onClick={onRemove}
        aria-label={t('complaintsSettings.calendar.removeInterval', {
          day,
          range: `${iv.start}–${iv.end}`,
        })}
      >
        <span aria-hidden="true">✕</span>
      </ActionIcon>
    </Group>
  );
}
