import { Checkbox, NumberInput, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TAttrValue, TCustomField } from '../../api/types';

interface Props {
  defs: TCustomField[];
  values: Record<string, TAttrValue>;
  errors: Record<string, string>;
  onChange: (v: Record<string, TAttrValue>) => void;
}

/** Inputs for the organisation's typed custom fields (stored in customer.attributes). */
export function CustomFields({ defs, values, errors, onChange }: Props) {
  const { t } = useTranslation();
  if (defs.length === 0) return null;
  const set = (k: string, v: TAttrValue) => onChange({ ...values, [k]: v });
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('customer.attributes')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {defs.map((d) => {
          const v = values[d.key] ?? null;
          const error = errors[`attributes.${d.key}`];
          if (d.type === 'boolean')
            return (
              <Checkbox
                key={d.key}
                label={d.label}
                checked={v === true}
                onChange={(e) => set(d.key, e.currentTarget.checked)}
              />
            );
          if (d.type === 'number')
            return (
              <NumberInput
                key={d.key}
                label={d.label}
                value={typeof v === 'number' ? v : ''}
                error={error}
                onChange={(n) => set(d.key, typeof n === 'number' ? n : null)}
              />
            );
          if (d.type === 'choice')
            return (
              <Select
                key={d.key}
                label={d.label}
                data={d.options ?? []}
                value={typeof v === 'string' ? v : null}
                clearable
                error={error}
                onChange={(s) => set(d.key, s)}
              />
            );
          return (
            <TextInput
              key={d.key}
              label={d.label}
              type={d.type === 'date' ? 'date' : 'text'}
              value={typeof v === 'string' ? v : ''}
              error={error}
              onChange={(e) => set(d.key, e.currentTarget.value || null)}
            />
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}
