// Business-hours calendar form: name, IANA time zone, several working intervals per weekday,
// holidays, default flag; the server's validation problems under each field, and a live
// preview of a due instant through POST /api/complaints/sla/preview (which validates the draft
// as you type, so problems show before saving).
import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date as formatDate } from '../../../lib/format';
import { fieldErrorsOf, notifyError } from '../../../ui/notify';
import {
  calendarApi,
  calendarProblemsOf,
  type TCalendar,
  type TCalendarDraft,
  type THoliday,
  type TInterval,
  type TWeekday,
  WEEKDAYS,
} from './api';
import { CalendarPreview } from './CalendarPreview';
import { emptyCalendar, localProblem, weekdayName } from './calendar-draft';
import { IntervalRow } from './IntervalRow';
import { problemField, problemsByField, timeZones } from './time';

export { emptyCalendar, weekdayName };

export function CalendarEditor({
  initial,
  onSaved,
  onCancel,
}: {
  initial: TCalendar | null;
  onSaved: (saved: TCalendar & { recomputeJobId: string | null }) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<TCalendarDraft>(() =>
    initial
      ? {
          name: initial.name,
          timeZone: initial.timeZone,
          week: initial.week,
          holidays: initial.holidays,
          isDefault: initial.isDefault,
        }
      : emptyCalendar(),
  );
  const [liveProblems, setLiveProblems] = useState<string[]>([]);
  const [saveProblems, setSaveProblems] = useState<Record<string, string[]>>({});
  const [holidayDate, setHolidayDate] = useState('');
  const [holidayName, setHolidayName] = useState('');
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => {
    const z = timeZones();
    return z.includes(draft.timeZone) ? z : [draft.timeZone, ...z];
  }, [draft.timeZone]);

  const problems = { ...problemsByField(liveProblems), ...saveProblems };
  const err = (field: string) => {
    const list = problems[field];
    return list?.length ? list.map((p) => localProblem(t, p)).join(' · ') : undefined;
  };
  const set = (p: Partial<TCalendarDraft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setSaveProblems({});
  };
  const setDay = (day: TWeekday, list: TInterval[]) =>
    set({ week: { ...draft.week, [day]: list } });

  const addHoliday = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holidayDate)) return;
    const h: THoliday = {
      date: holidayDate,
      ...(holidayName.trim() ? { name: holidayName.trim() } : {}),
    };
    const rest = draft.holidays.filter((x) => x.date !== h.date);
    set({ holidays: [...rest, h].sort((a, b) => a.date.localeCompare(b.date)) });
    setHolidayDate('');
    setHolidayName('');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = initial
        ? await calendarApi.update(initial.id, draft)
        : await calendarApi.create(draft);
      onSaved(saved);
    } catch (error) {
      const list = calendarProblemsOf(error);
      const fields = fieldErrorsOf(error);
      if (list.length) setSaveProblems(problemsByField(list));
      else if (Object.keys(fields).length) {
        const byField: Record<string, string[]> = {};
        for (const [path, msg] of Object.entries(fields)) {
          const k = problemField(path);
          byField[k] = [...(byField[k] ?? []), msg];
        }
        setSaveProblems(byField);
      }
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const copyMonday = () => {
    const mon = draft.week['1'] ?? [];
    set({
      week: {
        ...draft.week,
        ...Object.fromEntries(['2', '3', '4', '5'].map((d) => [d, mon.map((x) => ({ ...x }))])),
      },
    });
  };

  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={submit}
      aria-labelledby="calendar-form-title"
    >
      <Stack>
        <Title order={2} size="h4" id="calendar-form-title">
          {initial
            ? t('complaintsSettings.calendar.edit', { name: initial.name })
            : t('complaintsSettings.calendar.new')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('complaintsSettings.calendar.name')}
            required
            value={draft.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={err('name')}
          />
          <Select
            label={t('complaintsSettings.calendar.timeZone')}
            searchable
            required
            data={zones}
            value={draft.timeZone}
            onChange={(v) => v && set({ timeZone: v })}
            error={err('timeZone')}
            limit={200}
            nothingFoundMessage={t('complaintsSettings.calendar.noZone')}
          />
        </SimpleGrid>
        <Switch
          label={t('complaintsSettings.calendar.isDefault')}
          description={t('complaintsSettings.calendar.isDefaultHelp')}
          checked={draft.isDefault}
          onChange={(e) => set({ isDefault: e.currentTarget.checked })}
        />

        <Fieldset legend={t('complaintsSettings.calendar.week')}>
          <Stack gap="sm">
            {WEEKDAYS.map((day) => {
              const name = weekdayName(day, i18n.language);
              const list = draft.week[day] ?? [];
              const dayErr = err(`week.${day}`);
              return (
                <Group
                  key={day}
                  align="flex-start"
                  wrap="wrap"
                  gap="xs"
                  role="group"
                  aria-label={name}
                >
                  <Text size="sm" fw={500} w={100} pt={4} tt="capitalize">
                    {name}
                  </Text>
                  <Stack gap={4}>
                    {list.length === 0 && (
                      <Text size="sm" c="dimmed" pt={4}>
                        {t('complaintsSettings.calendar.closed')}
                      </Text>
                    )}
                    {list.map((iv, i) => (
                      <IntervalRow
                        // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no id; order is their identity
                        key={i}
                        day={name}
                        iv={iv}
                        onChange={(next) =>
                          setDay(
                            day,
                            list.map((x, j) => (j === i ? next : x)),
                          )
                        }
                        onRemove={() =>
                          setDay(
                            day,
                            list.filter((_, j) => j !== i),
                          )
                        }
                      />
                    ))}
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      onClick={() => {
                        const last = list[list.length - 1];
                        const next = last
                          ? { start: last.end, end: last.end < '20:00' ? '20:00' : '23:59' }
                          : { start: '09:00', end: '17:00' };
                        setDay(day, [...list, next]);
                      }}
                      aria-label={t('complaintsSettings.calendar.addIntervalTo', { day: name })}
                    >
                      {t('complaintsSettings.calendar.addInterval')}
                    </Button>
                    {dayErr && (
                      <Text size="xs" c="red.8" role="alert">
                        {dayErr}
                      </Text>
                    )}
                  </Stack>
                </Group>
              );
            })}
            {err('week') && (
              <Text size="sm" c="red.8" role="alert">
                {err('week')}
              </Text>
            )}
            <Group>
              <Button variant="default" size="xs" onClick={copyMonday}>
                {t('complaintsSettings.calendar.copyMonday')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('complaintsSettings.calendar.holidays')}>
          <Stack gap="xs">
            <Group align="end" wrap="wrap" gap="xs">
              <TextInput
                type="date"
                label={t('complaintsSettings.calendar.holidayDate')}
                value={holidayDate}
                onChange={(e) => setHolidayDate(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addHoliday();
                  }
                }}
              />
              <TextInput
                label={t('complaintsSettings.calendar.holidayName')}
                value={holidayName}
                onChange={(e) => setHolidayName(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addHoliday();
                  }
                }}
                style={{ flex: 1, minWidth: 160 }}
              />
              <Button variant="default" onClick={addHoliday} disabled={!holidayDate}>
                {t('complaintsSettings.calendar.addHoliday')}
              </Button>
            </Group>
            {draft.holidays.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('complaintsSettings.calendar.noHolidays')}
              </Text>
            ) : (
              <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {draft.holidays.map((h) => (
                  <Group key={h.date} component="li" gap="xs" wrap="nowrap">
                    <Text size="sm" ff="monospace">
                      {formatDate(h.date, i18n.language)}
                    </Text>
                    <Text size="sm" style={{ flex: 1 }} truncate>
                      {h.name ?? ''}
                      {h.start && h.end ? ` (${h.start}–${h.end})` : ''}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('complaintsSettings.calendar.removeHoliday', { date: h.date })}
                      onClick={() => set({ holidays: draft.holidays.filter((x) => x !== h) })}
                    >
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
            )}
            {err('holidays') && (
              <Text size="sm" c="red.8" role="alert">
                {err('holidays')}
              </Text>
            )}
          </Stack>
        </Fieldset>

        <CalendarPreview draft={draft} onProblems={setLiveProblems} />

        {Object.keys(problems).length > 0 && (
          <Alert color="red" role="alert" title={t('complaintsSettings.calendar.invalid')}>
            {t('complaintsSettings.calendar.invalidHelp')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
