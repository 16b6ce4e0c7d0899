// What a question type's builder editor (`<type>/Editor.tsx`, Mantine) gets and the fields they
// share (end labels, randomize, points, options). The common fields of every question (type,
// key, tag, wording, required, logic) stay in features/surveys/QuestionEditor.tsx.
import type { TLocalText, TOption, TQuestion } from '@fidelia/contracts';
import { NumberInput, Select, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ItemsEditor, LocalText } from '../features/surveys/fields';

export interface TEditorProps<Q extends TQuestion = TQuestion> {
  q: Q;
  /** merges a patch into the question */
  set: (patch: Record<string, unknown>) => void;
}

export const L = (es: string, en: string) => ({ es, en });
export const num = (v: string | number, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
/** A new item of an items editor: `${prefix}${n}`, "Elemento n". */
export const newItem = (prefix: string) => (i: number) => ({
  key: `${prefix}${i + 1}`,
  text: L(`Elemento ${i + 1}`, `Item ${i + 1}`),
});

/** The scale's end labels (lowLabel / highLabel). */
export function ScaleLabels({
  q,
  set,
}: TEditorProps<TQuestion & { lowLabel?: TLocalText; highLabel?: TLocalText }>) {
  const { t } = useTranslation();
  return (
    <>
      <LocalText
        label={t('surveys.builder.lowLabel')}
        value={q.lowLabel}
        onChange={(v) => set({ lowLabel: v })}
      />
      <LocalText
        label={t('surveys.builder.highLabel')}
        value={q.highLabel}
        onChange={(v) => set({ highLabel: v })}
      />
    </>
  );
}

/** The "show items in random order" switch. */
export function Randomize({ q, set }: TEditorProps<TQuestion & { randomize: boolean }>) {
  const { t } = useTranslation();
  return (
    <Switch
      label={t('surveys.builder.randomize')}
      checked={q.randomize}
      onChange={(e) => set({ randomize: e.currentTarget.checked })}
    />
  );
}

/** 5 or 7 points. */
export function PointsSelect({ q, set }: TEditorProps<TQuestion & { points: 5 | 7 }>) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('surveys.builder.points')}
      data={['5', '7']}
      value={String(q.points)}
      allowDeselect={false}
      w={100}
      onChange={(v) => set({ points: v === '5' ? 5 : 7 })}
    />
  );
}

/** The options of a choice question (value, wording, optional numeric code). */
export function OptionsEditor({
  options,
  onChange,
}: {
  options: TOption[];
  onChange: (o: TOption[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <ItemsEditor
      legend={t('surveys.builder.options')}
      noTag
      items={options.map((o) => ({ key: o.value, text: o.label, code: o.code }))}
      min={2}
      onChange={(items) =>
        onChange(
          items.map((i) => ({
            value: i.key,
            label: i.text,
            ...(typeof i.code === 'number' ? { code: i.code } : {}),
          })),
        )
      }
      make={(i) => ({
        key: `o${i + 1}`,
        text: L(`Opción ${i + 1}`, `Option ${i + 1}`),
        code: undefined,
      })}
      extra={(it, setIt) => (
        <NumberInput
          label={t('surveys.builder.code')}
          value={typeof it.code === 'number' ? it.code : ''}
          w={90}
          onChange={(v) => setIt({ code: typeof v === 'number' ? v : undefined })}
        />
      )}
    />
  );
}
