import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { unitOptions, useOrgUnits } from './units';

type Props = Omit<SelectProps, 'data' | 'renderOption'> & { includeAll?: boolean };

/** Select over the org-unit tree: options indented by depth, the chosen value shows the plain name. */
export function UnitSelect({ includeAll, ...props }: Props) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const opts = unitOptions(units.data ?? []);
  const depth = new Map(opts.map((o) => [o.value, o.depth]));
  const data = [
    ...(includeAll ? [{ value: '', label: t('units.all') }] : []),
    ...opts.map((o) => ({ value: o.value, label: o.label })),
  ];
  return (
    <Select
      searchable
      {...props}
      data={data}
      renderOption={({ option }) => (
        <span style={{ paddingLeft: (depth.get(option.value) ?? 0) * 14 }}>{option.label}</span>
      )}
    />
  );
}
