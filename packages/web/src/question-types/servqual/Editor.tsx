import { type QOf, SERVQUAL_DIMENSIONS } from '@fidelia/contracts/survey-logic';
import { Group, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ItemsEditor } from '../../features/surveys/fields';
import { pick } from '../../ui/pick';
import { L, num, Randomize, ScaleLabels, type TEditorProps } from '../editor-kit';

/** Part (E/P/M), labels and the items with their standard number and dimension. */
export function ServqualEditor({ q, set }: TEditorProps<QOf<'servqual'>>) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap="xs" align="flex-end">
        <Select
          label={t('surveys.builder.part')}
          data={(['E', 'P', 'M'] as const).map((p) => ({
            value: p,
            label: t(`surveys.builder.part${p}`),
          }))}
          value={q.part}
          allowDeselect={false}
          w={260}
          onChange={(v) => set({ part: v === 'E' || v === 'M' ? v : 'P' })}
        />
        <Randomize q={q} set={set} />
      </Group>
      <ScaleLabels q={q} set={set} />
      <ItemsEditor
        legend={t('surveys.builder.items')}
        items={q.items}
        min={1}
        onChange={(items) => set({ items })}
        make={(i) => ({
          key: `${q.part.toLowerCase()}${i + 1}`,
          n: Math.min(22, i + 1),
          dimension: 'tangibles' as const,
          tag: `servqual:${q.part}:${Math.min(22, i + 1)}`,
          text: L('Nuevo ítem', 'New item'),
        })}
        extra={(it, setIt) => (
          <>
            <NumberInput
              label={t('surveys.builder.itemNumber')}
              value={it.n}
              min={1}
              max={22}
              w={80}
              onChange={(v) => setIt({ n: num(v, it.n) })}
            />
            <Select
              label={t('surveys.builder.dimension')}
              data={SERVQUAL_DIMENSIONS.map((d) => ({
                value: d,
                label: t(`surveys.dimensions.${d}`),
              }))}
              value={it.dimension}
              allowDeselect={false}
              w={190}
              onChange={(v) => setIt({ dimension: pick(SERVQUAL_DIMENSIONS, v) ?? it.dimension })}
            />
          </>
        )}
      />
    </>
  );
}
