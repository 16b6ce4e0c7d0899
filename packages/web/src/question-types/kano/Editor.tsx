import { KANO_ANSWERS, type QOf } from '@fidelia/contracts/survey-logic';
import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toKey } from '../../features/surveys/builder';
import { LocalText } from '../../features/surveys/fields';
import type { TEditorProps } from '../editor-kit';

/** The attribute key, the functional/dysfunctional wordings and the five standard answers. */
export function KanoEditor({ q, set }: TEditorProps<QOf<'kano'>>) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('surveys.builder.attribute')}
        value={q.attribute}
        w={200}
        onChange={(e) => set({ attribute: toKey(e.currentTarget.value) })}
      />
      <LocalText
        label={t('surveys.builder.functional')}
        value={q.functional}
        onChange={(v) => set({ functional: v ?? { es: '' } })}
      />
      <LocalText
        label={t('surveys.builder.dysfunctional')}
        value={q.dysfunctional}
        onChange={(v) => set({ dysfunctional: v ?? { es: '' } })}
      />
      <Group gap={6}>
        {KANO_ANSWERS.map((a) => (
          <TextInput key={a} label={String(a)} value={t(`surveys.kano.${a}`)} readOnly w={120} />
        ))}
      </Group>
    </>
  );
}
