// Business-hours calendars: list, create/edit (CalendarEditor), delete, and which calendar each
// org unit uses (units without one inherit their parent's, then the default calendar).
import { Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifyOk } from '../../../ui/notify';
import { PageLoader } from '../../../ui/PageLoader';
import { unitOptions, useOrgUnits } from '../../../ui/units';
import { calendarApi, KEYS, type TCalendar, useCalendars, WEEKDAYS } from './api';
import { CalendarEditor, weekdayName } from './CalendarEditor';
import { RecomputeNote } from './RecomputeNote';

function weekSummary(week: TCalendar['week'], lang: string): string {
  return WEEKDAYS.filter((d) => (week[d] ?? []).length)
    .map(
      (d) =>
        `${weekdayName(d, lang, 'short')} ${(week[d] ?? []).map((i) => `${i.start}–${i.end}`).join(', ')}`,
    )
    .join(' · ');
}

export function CalendarsTab() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const cals = useCalendars();
  const units = useOrgUnits();
  const phone = useMediaQuery('(max-width: 40em)');
  const [editing, setEditing] = useState<TCalendar | 'new' | null>(null);
  const [jobId, setJobId] = useState<string | null | undefined>(undefined);

  if (cals.isPending || units.isPending) return <PageLoader />;
  if (cals.isError) return <Text c="red.8">{cals.error.message}</Text>;
  const calendars = cals.data.calendars;
  const byUnit = new Map(cals.data.units.map((u) => [u.unitId, u.calendarId]));
  const refresh = () => qc.invalidateQueries({ queryKey: KEYS.calendars });

  const remove = async (c: TCalendar) => {
    if (!window.confirm(t('complaintsSettings.calendar.confirmDelete', { name: c.name }))) return;
    try {
      await calendarApi.remove(c.id);
      notifyOk(t('complaintsSettings.calendar.deleted'));
      setJobId(undefined);
      await refresh();
    } catch (e) {
      notifyError(e);
    }
  };
  const assign = async (unitId: string, calendarId: string | null) => {
    try {
      const r = await calendarApi.assign(unitId, calendarId);
      setJobId(r.recomputeJobId);
      notifyOk(t('complaintsSettings.units.saved'));
      await refresh();
    } catch (e) {
      notifyError(e);
    }
  };

  const calendarOptions = [
    { value: '', label: t('complaintsSettings.units.inherit') },
    ...calendars.map((c) => ({ value: c.id, label: c.name })),
  ];

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('complaintsSettings.calendar.intro')}
      </Text>
      <RecomputeNote jobId={jobId} />
      {editing ? (
        <CalendarEditor
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={async (saved) => {
            notifyOk(t('complaintsSettings.calendar.saved', { name: saved.name }));
            setJobId(saved.recomputeJobId);
            setEditing(null);
            await refresh();
          }}
        />
      ) : (
        <Group>
          <Button onClick={() => setEditing('new')}>{t('complaintsSettings.calendar.new')}</Button>
        </Group>
      )}
      {calendars.length === 0 ? (
        <Text c="dimmed">
          {t('complaintsSettings.calendar.empty')}
          {cals.data.builtin
            ? ` ${t('complaintsSettings.calendar.builtin', {
                zone: cals.data.builtin.timeZone,
                week: weekSummary(cals.data.builtin.week, i18n.language),
              })}`
            : ''}
        </Text>
      ) : (
        <Stack gap="xs">
          {calendars.map((c) => (
            <Card key={c.id} withBorder padding="sm" aria-label={c.name} component="section">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap="xs">
                  <Text fw={600}>{c.name}</Text>
                  {c.isDefault && (
                    <Badge variant="light">{t('complaintsSettings.calendar.default')}</Badge>
                  )}
                  <Text size="sm" c="dimmed">
                    {c.timeZone}
                  </Text>
                </Group>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(c)}
                    aria-label={t('complaintsSettings.calendar.editNamed', { name: c.name })}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => remove(c)}
                    aria-label={t('complaintsSettings.calendar.deleteNamed', { name: c.name })}
                  >
                    {t('complaintsSettings.delete')}
                  </Button>
                </Group>
              </Group>
              <Text size="sm" mt={4}>
                {weekSummary(c.week, i18n.language)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('complaintsSettings.calendar.holidayCount', { n: c.holidays.length })}
                {c.holidays.length
                  ? `: ${c.holidays
                      .slice(0, 6)
                      .map((h) => h.date)
                      .join(', ')}${c.holidays.length > 6 ? '…' : ''}`
                  : ''}
              </Text>
            </Card>
          ))}
        </Stack>
      )}

      <Title order={2} size="h4" mt="md">
        {t('complaintsSettings.units.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('complaintsSettings.units.help')}
      </Text>
      {phone ? (
        <Stack gap="xs">
          {unitOptions(units.data ?? []).map((u) => (
            <Select
              key={u.value}
              label={u.label}
              data={calendarOptions}
              value={byUnit.get(u.value) ?? ''}
              onChange={(v) => assign(u.value, v || null)}
              allowDeselect={false}
            />
          ))}
        </Stack>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('complaintsSettings.units.unit')}</Table.Th>
              <Table.Th>{t('complaintsSettings.units.calendar')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {unitOptions(units.data ?? []).map((u) => (
              <Table.Tr key={u.value}>
                <Table.Td style={{ paddingLeft: 12 + u.depth * 18 }}>{u.label}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('complaintsSettings.units.calendarOf', { unit: u.label })}
                    data={calendarOptions}
                    value={byUnit.get(u.value) ?? ''}
                    onChange={(v) => assign(u.value, v || null)}
                    allowDeselect={false}
                    maw={320}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
