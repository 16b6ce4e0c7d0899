// Editor of one question: the common fields (type, key, tag, es/en wording, required, logic) and
// the fields of its type (question-types/<type>/Editor.tsx).
import type { TQuestion } from '@fidelia/contracts';
import { Checkbox, Group, Select, Stack, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEditorProps } from '../../question-types/editor-kit';
import { EDITORS } from '../../question-types/editors';
import { pick } from '../../ui/pick';
import { newQuestion, QUESTION_TYPES, toKey } from './builder';
import { LocalText, LogicEditor } from './fields';

export function QuestionEditor({
  q,
  onChange,
  earlier,
}: {
  q: TQuestion;
  onChange: (q: TQuestion) => void;
  earlier: string[];
}) {
  const { t } = useTranslation();
  const set = (patch: Record<string, unknown>) => onChange({ ...q, ...patch } as TQuestion);
  // the fields of its type: question-types/<type>/Editor.tsx, listed in question-types/editors.ts
  const Editor = EDITORS[q.type] as ((p: TEditorProps) => ReactNode) | undefined;

  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label={t('surveys.builder.type')}
          data={QUESTION_TYPES.map((x) => ({ value: x, label: t(`surveys.qtypes.${x}`) }))}
          value={q.type}
          allowDeselect={false}
          w={230}
          onChange={(v) => {
            const type = pick(QUESTION_TYPES, v);
            if (type && type !== q.type) onChange(newQuestion(type, q.key, q));
          }}
        />
        <TextInput
          label={t('surveys.builder.key')}
          value={q.key}
          w={150}
          onChange={(e) => set({ key: toKey(e.currentTarget.value) })}
        />
        <TextInput
          label={t('surveys.builder.tag')}
          description={t('surveys.builder.tagHelp')}
          value={q.tag ?? ''}
          w={200}
          onChange={(e) => set({ tag: e.currentTarget.value.trim() || undefined })}
        />
        <Checkbox
          label={t('surveys.builder.required')}
          checked={q.required}
          onChange={(e) => set({ required: e.currentTarget.checked })}
          mb={8}
        />
      </Group>
      <LocalText
        label={t('surveys.builder.title')}
        value={q.title}
        required
        onChange={(v) => set({ title: v ?? { es: '' } })}
      />
      <LocalText
        label={t('surveys.builder.help')}
        value={q.help}
        onChange={(v) => set({ help: v })}
      />

      {Editor ? <Editor q={q} set={set} /> : null}

      <LogicEditor
        value={q.displayIf}
        keys={earlier}
        onChange={(displayIf) => set({ displayIf })}
      />
    </Stack>
  );
}
