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
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
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
import {
  hoursToMinutes,
  problemField,
  problemsByField,
  showIn,
  timeZones,
  wallToInstant,
} from './time';

type T = ReturnType<typeof useTranslation>['t'];

/** A server problem text in the UI language (known patterns), else as sent. */
function localProblem(t: T, text: string): string {
  const range = /(\d\d:\d\d)\s*-\s*(\d\d:\d\d)/.exec(text);
  const r = range ? `${range[1]}–${range[2]}` : '';
  if (/unknown zone/.test(text)) return t('complaintsSettings.problem.zone');
  if (/ends before it starts/.test(text))
    return t('complaintsSettings.problem.order', { range: r });
  if (/overlapping/.test(text)) return t('complaintsSettings.problem.overlap');
  if (/no working time/.test(text)) return t('complaintsSettings.problem.noTime');
  if (/bad date/.test(text)) return t('complaintsSettings.problem.date');
  if (/partial holiday|bad range/.test(text)) return t('complaintsSettings.problem.holidayRange');
  if (/bad interval|HH:MM/.test(text)) return t('complaintsSettings.problem.interval');
  return text;
}

export function weekdayName(day: TWeekday, lang: string, style: 'long' | 'short' = 'long') {
  // 2024-01-01 was a Monday (ISO weekday 1).
  return new Date(Date.UTC(2024, 0, Number(day), 12)).toLocaleDateString(lang, {
    weekday: style,
    timeZone: 'UTC',
  });
}

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

export function emptyCalendar(): TCalendarDraft {
  const office = () => [{ start: '09:00', end: '17:00' }];
  return {
    name: '',
    timeZone: browserZone(),
    week: { '1': office(), '2': office(), '3': office(), '4': office(), '5': office() },
    holidays: [],
    isDefault: false,
  };
}

function nextWeekdayAt(hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(hour)}:00`;
}

function Preview({
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

function IntervalRow({
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

        <Preview draft={draft} onProblems={setLiveProblems} />

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
