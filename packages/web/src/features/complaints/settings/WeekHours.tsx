// The weekly working hours of a business-hours calendar: several intervals per weekday, "copy
// Monday to the working week", and the server's problems under each day.
import { Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type TCalendarDraft, type TInterval, type TWeekday, WEEKDAYS } from './api';
import { weekdayName } from './calendar-draft';
import { IntervalRow } from './IntervalRow';

type TWeek = TCalendarDraft['week'];

export function WeekHours({
  week,
  onChange,
  err,
}: {
  week: TWeek;
  onChange: (week: TWeek) => void;
  err: (field: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const setDay = (day: TWeekday, list: TInterval[]) => onChange({ ...week, [day]: list });
  const copyMonday = () => {
    const mon = week['1'] ?? [];
    onChange({
      ...week,
      ...Object.fromEntries(['2', '3', '4', '5'].map((d) => [d, mon.map((x) => ({ ...x }))])),
    });
  };
  return (
    <Fieldset legend={t('complaintsSettings.calendar.week')}>
      <Stack gap="sm">
        {WEEKDAYS.map((day) => {
          const name = weekdayName(day, i18n.language);
          const list = week[day] ?? [];
          const dayErr = err(`week.${day}`);
          return (
            <Group key={day} align="flex-start" wrap="wrap" gap="xs" role="group" aria-label={name}>
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
  );
}
