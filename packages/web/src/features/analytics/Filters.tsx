// The report filters: survey, period (presets or two days), org unit (the user's subtree: the
// unit list the server returns is already limited to it), channel and, on the survey reports,
// the respondent's customer class and language. Every change goes to the URL.

import type { TSurveySummary } from '@fidelia/contracts';
import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../ui/DateField';
import { UnitSelect } from '../../ui/UnitSelect';
import { CHANNELS, LANGUAGES, lastDays, SEGMENTS, type TFilters, todayIso } from './filters';

const PRESETS = [30, 90, 180, 365] as const;

interface Props {
  filters: TFilters;
  set: (c: Partial<TFilters>) => void;
  /** without it there is no survey picker (the overview spans every survey) */
  surveys?: readonly TSurveySummary[];
  withChannel?: boolean;
  /** "all time" makes no sense where a period is compared with the one before it */
  allowAll?: boolean;
}

export function ReportFilters({
  filters,
  set,
  surveys,
  withChannel = true,
  allowAll = true,
}: Props) {
  const { t } = useTranslation();
  const today = todayIso();
  const preset =
    PRESETS.find((d) => {
      const p = lastDays(d, today);
      return p.from === filters.from && p.to === filters.to;
    }) ?? (filters.from || filters.to ? 'custom' : 'all');
  // Two filters a row on a phone, so the report starts on the first screen.
  const w = { base: 'calc(50% - var(--mantine-spacing-xs) / 2)', xs: 'auto' } as const;
  return (
    <Group wrap="wrap" align="end" gap="xs">
      {surveys && (
        <Select
          label={t('analytics.filter.survey')}
          data={surveys.map((s) => ({ value: s.id, label: s.name }))}
          value={filters.survey || null}
          onChange={(v) => v && set({ survey: v })}
          allowDeselect={false}
          searchable
          w={{ base: '100%', xs: 260 }}
        />
      )}
      <Select
        label={t('analytics.filter.period')}
        data={[
          ...(allowAll ? [{ value: 'all', label: t('analytics.period.all') }] : []),
          ...PRESETS.map((d) => ({
            value: String(d),
            label: t('analytics.period.last', { n: d }),
          })),
          { value: 'custom', label: t('analytics.period.custom') },
        ]}
        value={String(preset)}
        allowDeselect={false}
        onChange={(v) => {
          if (v === 'all') set({ from: '', to: '' });
          else if (v && v !== 'custom') set(lastDays(Number(v), today));
          else if (v === 'custom' && !filters.from) set(lastDays(90, today));
        }}
        w={{ ...w, xs: 170 }}
      />
      {preset === 'custom' && (
        <>
          <DayInput
            label={t('analytics.filter.from')}
            value={filters.from}
            onChange={(v) => set({ from: v })}
            w={w}
          />
          <DayInput
            label={t('analytics.filter.to')}
            value={filters.to}
            onChange={(v) => set({ to: v })}
            w={w}
          />
        </>
      )}
      <UnitSelect
        includeAll
        label={t('analytics.filter.unit')}
        value={filters.unit}
        onChange={(v) => set({ unit: v ?? '' })}
        allowDeselect={false}
        w={{ ...w, xs: 220 }}
      />
      {withChannel && (
        <Select
          label={t('analytics.filter.channel')}
          data={[
            { value: '', label: t('analytics.filter.allChannels') },
            ...CHANNELS.map((c) => ({ value: c, label: t(`surveys.channels.${c}`) })),
          ]}
          value={filters.channel}
          onChange={(v) => set({ channel: v ?? '' })}
          allowDeselect={false}
          w={{ ...w, xs: 170 }}
        />
      )}
      {/* Respondent filters: only the survey reports read answers one by one. */}
      {surveys && (
        <>
          <Select
            label={t('analytics.filter.segment')}
            data={[
              { value: '', label: t('analytics.filter.allSegments') },
              ...SEGMENTS.map((c) => ({ value: c, label: t(`analytics.segment.${c}`) })),
            ]}
            value={filters.segment}
            onChange={(v) => set({ segment: v ?? '' })}
            allowDeselect={false}
            w={{ ...w, xs: 170 }}
          />
          <Select
            label={t('analytics.filter.language')}
            data={[
              { value: '', label: t('analytics.filter.allLanguages') },
              ...LANGUAGES.map((l) => ({ value: l, label: t(`analytics.language.${l}`) })),
            ]}
            value={filters.language}
            onChange={(v) => set({ language: v ?? '' })}
            allowDeselect={false}
            w={{ ...w, xs: 170 }}
          />
        </>
      )}
    </Group>
  );
}
