import type { QOf } from '@fidelia/contracts/survey-logic';
import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TEditorProps } from '../editor-kit';

export function ContactEditor({ q, set }: TEditorProps<QOf<'contact'>>) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t('surveys.builder.contactFields')}
      data={(['name', 'email', 'phone'] as const).map((f) => ({
        value: f,
        label: t(`surveys.contact.${f}`),
      }))}
      value={q.fields}
      onChange={(v) => {
        const fields = v.filter((x) => x === 'name' || x === 'email' || x === 'phone');
        if (fields.length) set({ fields });
      }}
      maw={420}
    />
  );
}
