import type { TItem } from '@fidelia/contracts';
import type { QOf } from '@fidelia/contracts/survey-logic';
import { Group, NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ItemsEditor } from '../../features/surveys/fields';
import { newItem, num, Randomize, type TEditorProps } from '../editor-kit';

export function ConstantSumEditor({ q, set }: TEditorProps<QOf<'constant_sum'>>) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap="xs" align="flex-end">
        <NumberInput
          label={t('surveys.builder.total')}
          value={q.total}
          min={1}
          max={1000}
          w={120}
          onChange={(v) => set({ total: num(v, 100) })}
        />
        <Randomize q={q} set={set} />
      </Group>
      <ItemsEditor<TItem>
        legend={t('surveys.builder.items')}
        items={q.items}
        min={2}
        onChange={(items) => set({ items })}
        make={newItem('i')}
      />
    </>
  );
}
