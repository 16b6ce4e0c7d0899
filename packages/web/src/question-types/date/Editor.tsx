import type { QOf } from '@fidelia/contracts/survey-logic';
import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../ui/DateField';
import type { TEditorProps } from '../editor-kit';

export function DateEditor({ q, set }: TEditorProps<QOf<'date'>>) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} maw={420}>
      <DayInput
        label={t('surveys.builder.minDate')}
        value={q.min ?? ''}
        onChange={(v) => set({ min: v || undefined })}
      />
      <DayInput
        label={t('surveys.builder.maxDate')}
        value={q.max ?? ''}
        onChange={(v) => set({ max: v || undefined })}
      />
    </SimpleGrid>
  );
}
