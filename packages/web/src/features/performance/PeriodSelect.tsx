// The scorecard period: the last 3, 6 or 12 months up to today.
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const PERIODS = ['3', '6', '12'] as const;

export function PeriodSelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('performance.period')}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      data={PERIODS.map((p) => ({ value: p, label: t('performance.lastMonths', { n: p }) }))}
      w={{ base: '100%', xs: 200 }}
    />
  );
}
