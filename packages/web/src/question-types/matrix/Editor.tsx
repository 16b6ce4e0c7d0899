import type { TItem } from '@fidelia/contracts';
import type { QOf } from '@fidelia/contracts/survey-logic';
import { useTranslation } from 'react-i18next';
import { ItemsEditor } from '../../features/surveys/fields';
import { L, newItem, Randomize, type TEditorProps } from '../editor-kit';

/** Rows (items) and worded columns (numbered 1..n in order). */
export function MatrixEditor({ q, set }: TEditorProps<QOf<'matrix'>>) {
  const { t } = useTranslation();
  return (
    <>
      <Randomize q={q} set={set} />
      <ItemsEditor<TItem>
        legend={t('surveys.builder.rows')}
        items={q.rows}
        min={1}
        onChange={(rows) => set({ rows })}
        make={newItem('r')}
      />
      <ItemsEditor
        legend={t('surveys.builder.columns')}
        noKey
        noTag
        items={q.columns.map((c) => ({ key: `c${c.value}`, text: c.label, value: c.value }))}
        min={2}
        onChange={(cols) => set({ columns: cols.map((c, i) => ({ value: i + 1, label: c.text })) })}
        make={(i) => ({ key: `c${i + 1}`, text: L(`${i + 1}`, `${i + 1}`), value: i + 1 })}
      />
    </>
  );
}
