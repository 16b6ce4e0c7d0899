// Live preview of a due instant for the calendar being edited (POST /api/complaints/sla/preview,
// which also validates the draft as you type).
import { Fieldset, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarApi, calendarProblemsOf, type TCalendarDraft } from './api';
import { nextWeekdayAt } from './calendar-draft';
import { hoursToMinutes, showIn, wallToInstant } from './time';

export function CalendarPreview({
  draft,
  onProblems,
}: {
  draft: TCalendarDraft;
  onProblems: (p: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const [local, setLocal] = useState(nextWeekdayAt(17));
  const [hours, setHours] = useState<number | string>(8);
  const start = wallToInstant(local, draft.timeZone);
  const minutes = typeof hours === 'number' && hours > 0 ? hoursToMinutes(hours) : null;
  // Debounce a string, not a fresh object per render (which would never settle).
  const draftKey = JSON.stringify({
    spec: { timeZone: draft.timeZone, week: draft.week, holidays: draft.holidays },
    start,
    minutes,
  });
  const [debouncedKey] = useDebouncedValue(draftKey, 350);
  const debounced = useMemo(
    () =>
      JSON.parse(debouncedKey) as {
        spec: Omit<TCalendarDraft, 'name' | 'isDefault'>;
        start: string | null;
        minutes: number | null;
      },
    [debouncedKey],
  );
  const q = useQuery({
    queryKey: ['complaints', 'settings', 'preview', debounced],
    enabled: !!debounced.start && !!debounced.minutes,
    retry: false,
    queryFn: async () => {
      try {
        const r = await calendarApi.preview(
          debounced.spec,
          debounced.start as string,
          debounced.minutes as number,
        );
        onProblems([]);
        return r;
      } catch (e) {
        const problems = calendarProblemsOf(e);
        if (problems.length) onProblems(problems);
        throw e;
      }
    },
  });
  const result = q.data;
  return (
    <Fieldset legend={t('complaintsSettings.preview.title')}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="datetime-local"
            label={t('complaintsSettings.preview.received', { zone: draft.timeZone })}
            value={local}
            onChange={(e) => setLocal(e.currentTarget.value)}
          />
          <NumberInput
            label={t('complaintsSettings.preview.target')}
            value={hours}
            onChange={setHours}
            min={0.25}
            max={8760}
            step={1}
            decimalScale={2}
          />
        </SimpleGrid>
        <Text size="sm" aria-live="polite" data-testid="calendar-preview">
          {!start || !minutes
            ? t('complaintsSettings.preview.incomplete')
            : q.isError
              ? t('complaintsSettings.preview.invalid')
              : result && debounced.start === start && debounced.minutes === minutes
                ? t('complaintsSettings.preview.sentence', {
                    received: showIn(start, draft.timeZone, i18n.language),
                    hours,
                    due: showIn(result.due, draft.timeZone, i18n.language),
                  })
                : t('common.loading')}
        </Text>
      </Stack>
    </Fieldset>
  );
}
