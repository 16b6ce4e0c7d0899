import type { QOf } from '@fidelia/contracts/survey-logic';
import { Group, NumberInput, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { num, type TEditorProps } from '../editor-kit';

export function TextEditor({ q, set }: TEditorProps<QOf<'text'>>) {
  const { t } = useTranslation();
  return (
    <Group gap="md" align="flex-end">
      <Switch
        label={t('surveys.builder.multiline')}
        checked={q.multiline}
        onChange={(e) => set({ multiline: e.currentTarget.checked })}
        mb={8}
      />
      <NumberInput
        label={t('surveys.builder.maxLength')}
        value={q.maxLength}
        min={1}
        max={10000}
        w={140}
        onChange={(v) => set({ maxLength: num(v, 2000) })}
      />
    </Group>
  );
}
