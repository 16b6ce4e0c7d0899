import type { QOf } from '@fidelia/contracts/survey-logic';
import { Group } from '@mantine/core';
import { OptionsEditor, Randomize, type TEditorProps } from '../editor-kit';

export function MultipleEditor({ q, set }: TEditorProps<QOf<'multiple'>>) {
  return (
    <>
      <Group gap="md">
        <Randomize q={q} set={set} />
      </Group>
      <OptionsEditor options={q.options} onChange={(options) => set({ options })} />
    </>
  );
}
