// The holidays of a business-hours calendar: add by date (Enter or the button), remove, and
// the server's problems below the list.
import { ActionIcon, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { date as formatDate } from '../../../lib/format';
import type { THoliday } from './api';

export function HolidayList({
  holidays,
  onChange,
  err,
}: {
  holidays: THoliday[];
  onChange: (holidays: THoliday[]) => void;
  err: (field: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [holidayDate, setHolidayDate] = useState('');
  const [holidayName, setHolidayName] = useState('');
  const addHoliday = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holidayDate)) return;
    const h: THoliday = {
      date: holidayDate,
      ...(holidayName.trim() ? { name: holidayName.trim() } : {}),
    };
    const rest = holidays.filter((x) => x.date !== h.date);
    onChange([...rest, h].sort((a, b) => a.date.localeCompare(b.date)));
    setHolidayDate('');
    setHolidayName('');
  };
  return (
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
        {holidays.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('complaintsSettings.calendar.noHolidays')}
          </Text>
        ) : (
          <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {holidays.map((h) => (
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
                  onClick={() => onChange(holidays.filter((x) => x !== h))}
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
  );
}
