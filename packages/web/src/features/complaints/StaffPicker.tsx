// Picks the staff members a complaint is about (classification "staff involved"): the case is
// never assigned to them. Used by the case page and the staff entry.
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useStaff } from './api';

type Props = Omit<MultiSelectProps, 'data' | 'value' | 'onChange'> & {
  value: string[];
  onChange: (ids: string[]) => void;
  /** names of people already named who may no longer be active (kept selectable) */
  known?: Map<string, string>;
};

export function StaffPicker({ value, onChange, known, ...props }: Props) {
  const { t } = useTranslation();
  const staff = useStaff(true);
  const data = (staff.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }));
  for (const id of value)
    if (!data.some((d) => d.value === id)) data.push({ value: id, label: known?.get(id) ?? id });
  return (
    <MultiSelect
      label={t('complaints.involved.label')}
      placeholder={value.length ? undefined : t('complaints.involved.pick')}
      nothingFoundMessage={t('complaints.involved.noMatch')}
      searchable
      clearable
      maxValues={20}
      {...props}
      data={data}
      value={value}
      onChange={onChange}
    />
  );
}
