import type { QOf } from '@fidelia/contracts/survey-logic';
import { Group, NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { num, ScaleLabels, type TEditorProps } from '../editor-kit';

export function RatingEditor({ q, set }: TEditorProps<QOf<'rating'>>) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap="xs">
        <NumberInput
          label={t('surveys.builder.min')}
          value={q.min}
          min={0}
          max={1}
          w={100}
          onChange={(v) => set({ min: num(v, 0) })}
        />
        <NumberInput
          label={t('surveys.builder.max')}
          value={q.max}
          min={2}
          max={10}
          w={100}
          onChange={(v) => set({ max: num(v, 10) })}
        />
      </Group>
      <ScaleLabels q={q} set={set} />
    </>
  );
}
