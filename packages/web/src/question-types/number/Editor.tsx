import type { QOf } from '@fidelia/contracts/survey-logic';
import { Checkbox, Group, NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { num, type TEditorProps } from '../editor-kit';

export function NumberEditor({ q, set }: TEditorProps<QOf<'number'>>) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-end">
      <NumberInput
        label={t('surveys.builder.min')}
        value={q.min}
        w={130}
        onChange={(v) => set({ min: num(v, 0) })}
      />
      <NumberInput
        label={t('surveys.builder.max')}
        value={q.max}
        w={130}
        onChange={(v) => set({ max: num(v, 1e9) })}
      />
      <Checkbox
        label={t('surveys.builder.integer')}
        checked={q.integer}
        onChange={(e) => set({ integer: e.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}
