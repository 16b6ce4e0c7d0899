import type { TItem } from '@fidelia/contracts';
import type { QOf } from '@fidelia/contracts/survey-logic';
import { Group, NumberInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ItemsEditor, LocalText } from '../../features/surveys/fields';
import { newItem, num, PointsSelect, type TEditorProps } from '../editor-kit';

/** Points, the price and willingness-to-pay wordings, currency and cap, the benefits. */
export function ValueEditor({ q, set }: TEditorProps<QOf<'value'>>) {
  const { t } = useTranslation();
  return (
    <>
      <PointsSelect q={q} set={set} />
      <LocalText
        label={t('surveys.builder.priceText')}
        value={q.priceText}
        onChange={(v) => set({ priceText: v ?? { es: '' } })}
      />
      <LocalText
        label={t('surveys.builder.wtpText')}
        value={q.wtpText}
        onChange={(v) => set({ wtpText: v })}
      />
      <Group gap="xs">
        <TextInput
          label={t('surveys.builder.currency')}
          value={q.currency}
          w={100}
          maxLength={3}
          onChange={(e) => set({ currency: e.currentTarget.value.toUpperCase() })}
        />
        <NumberInput
          label={t('surveys.builder.wtpMax')}
          value={q.wtpMax}
          min={1}
          w={160}
          onChange={(v) => set({ wtpMax: num(v, 1e6) })}
        />
      </Group>
      <ItemsEditor<TItem>
        legend={t('surveys.builder.benefits')}
        items={q.benefits}
        onChange={(benefits) => set({ benefits })}
        make={newItem('b')}
      />
    </>
  );
}
