import type { QOf } from '@fidelia/contracts/survey-logic';
import { Group, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OptionsEditor, Randomize, type TEditorProps } from '../editor-kit';

export function SingleEditor({ q, set }: TEditorProps<QOf<'single'>>) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap="md">
        <Randomize q={q} set={set} />
        <Switch
          label={t('surveys.builder.allowOther')}
          checked={q.allowOther}
          onChange={(e) => set({ allowOther: e.currentTarget.checked })}
        />
      </Group>
      <OptionsEditor options={q.options} onChange={(options) => set({ options })} />
    </>
  );
}
