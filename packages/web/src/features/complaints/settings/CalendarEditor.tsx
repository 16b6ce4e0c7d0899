// Business-hours calendar form: name, IANA time zone, several working intervals per weekday,
// holidays, default flag; the server's validation problems under each field, and a live
// preview of a due instant through POST /api/complaints/sla/preview (which validates the draft
// as you type, so problems show before saving).
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, notifyError } from '../../../ui/notify';
import { calendarApi, calendarProblemsOf, type TCalendar, type TCalendarDraft } from './api';
import { CalendarPreview } from './CalendarPreview';
import { emptyCalendar, localProblem, weekdayName } from './calendar-draft';
import { HolidayList } from './HolidayList';
import { problemField, problemsByField, timeZones } from './time';
import { WeekHours } from './WeekHours';

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
  const { t } = useTranslation();
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

        <WeekHours week={draft.week} onChange={(week) => set({ week })} err={err} />
        <HolidayList
          holidays={draft.holidays}
          onChange={(holidays) => set({ holidays })}
          err={err}
        />

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
