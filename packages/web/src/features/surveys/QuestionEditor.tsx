// Editor of one question: common fields (type, key, tag, es/en wording, required, logic) and the
// fields of its type (scales, SERVQUAL items, options, Kano pair, value, matrix, ...).
import type { TItem, TOption, TQuestion } from '@fidelia/contracts';
import {
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../ui/DateField';
import { pick } from '../../ui/pick';
import { KANO_ANSWERS, newQuestion, QUESTION_TYPES, SERVQUAL_DIMENSIONS, toKey } from './builder';
import { ItemsEditor, LocalText, LogicEditor } from './fields';

const L = (es: string, en: string) => ({ es, en });
const num = (v: string | number, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

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
  const labels = (
    <>
      <LocalText
        label={t('surveys.builder.lowLabel')}
        value={'lowLabel' in q ? q.lowLabel : undefined}
        onChange={(v) => set({ lowLabel: v })}
      />
      <LocalText
        label={t('surveys.builder.highLabel')}
        value={'highLabel' in q ? q.highLabel : undefined}
        onChange={(v) => set({ highLabel: v })}
      />
    </>
  );
  const randomize =
    'randomize' in q ? (
      <Switch
        label={t('surveys.builder.randomize')}
        checked={q.randomize}
        onChange={(e) => set({ randomize: e.currentTarget.checked })}
      />
    ) : null;
  const newItem = (prefix: string) => (i: number) => ({
    key: `${prefix}${i + 1}`,
    text: L(`Elemento ${i + 1}`, `Item ${i + 1}`),
  });

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

      {q.type === 'rating' ? (
        <>
          <Group gap="xs">
            <NumberInput
              label={t('surveys.builder.min')}
              value={q.min}
              min={0}
              max={1}
              w={100}
              onChange={(v) => set({ min: num(v, 0) })}
            />
            <NumberInput
              label={t('surveys.builder.max')}
              value={q.max}
              min={2}
              max={10}
              w={100}
              onChange={(v) => set({ max: num(v, 10) })}
            />
          </Group>
          {labels}
        </>
      ) : null}
      {q.type === 'csat' ? labels : null}
      {q.type === 'scale' || q.type === 'value' ? (
        <Select
          label={t('surveys.builder.points')}
          data={['5', '7']}
          value={String(q.points)}
          allowDeselect={false}
          w={100}
          onChange={(v) => set({ points: v === '5' ? 5 : 7 })}
        />
      ) : null}
      {q.type === 'scale' ? labels : null}

      {q.type === 'servqual' ? (
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
            {randomize}
          </Group>
          {labels}
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
                  onChange={(v) =>
                    setIt({ dimension: pick(SERVQUAL_DIMENSIONS, v) ?? it.dimension })
                  }
                />
              </>
            )}
          />
        </>
      ) : null}

      {q.type === 'constant_sum' ? (
        <>
          <Group gap="xs" align="flex-end">
            <NumberInput
              label={t('surveys.builder.total')}
              value={q.total}
              min={1}
              max={1000}
              w={120}
              onChange={(v) => set({ total: num(v, 100) })}
            />
            {randomize}
          </Group>
          <ItemsEditor<TItem>
            legend={t('surveys.builder.items')}
            items={q.items}
            min={2}
            onChange={(items) => set({ items })}
            make={newItem('i')}
          />
        </>
      ) : null}

      {q.type === 'kano' ? (
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
              <TextInput
                key={a}
                label={String(a)}
                value={t(`surveys.kano.${a}`)}
                readOnly
                w={120}
              />
            ))}
          </Group>
        </>
      ) : null}

      {q.type === 'value' ? (
        <>
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
      ) : null}

      {q.type === 'single' || q.type === 'multiple' ? (
        <>
          <Group gap="md">
            {randomize}
            {q.type === 'single' ? (
              <Switch
                label={t('surveys.builder.allowOther')}
                checked={q.allowOther}
                onChange={(e) => set({ allowOther: e.currentTarget.checked })}
              />
            ) : null}
          </Group>
          <OptionsEditor options={q.options} onChange={(options) => set({ options })} />
        </>
      ) : null}

      {q.type === 'matrix' ? (
        <>
          {randomize}
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
            onChange={(cols) =>
              set({ columns: cols.map((c, i) => ({ value: i + 1, label: c.text })) })
            }
            make={(i) => ({ key: `c${i + 1}`, text: L(`${i + 1}`, `${i + 1}`), value: i + 1 })}
          />
        </>
      ) : null}

      {q.type === 'text' ? (
        <Group gap="md" align="flex-end">
          <Switch
            label={t('surveys.builder.multiline')}
            checked={q.multiline}
            onChange={(e) => set({ multiline: e.currentTarget.checked })}
            mb={8}
          />
          <NumberInput
            label={t('surveys.builder.maxLength')}
            value={q.maxLength}
            min={1}
            max={10000}
            w={140}
            onChange={(v) => set({ maxLength: num(v, 2000) })}
          />
        </Group>
      ) : null}

      {q.type === 'number' ? (
        <Group gap="xs" align="flex-end">
          <NumberInput
            label={t('surveys.builder.min')}
            value={q.min}
            w={130}
            onChange={(v) => set({ min: num(v, 0) })}
          />
          <NumberInput
            label={t('surveys.builder.max')}
            value={q.max}
            w={130}
            onChange={(v) => set({ max: num(v, 1e9) })}
          />
          <Checkbox
            label={t('surveys.builder.integer')}
            checked={q.integer}
            onChange={(e) => set({ integer: e.currentTarget.checked })}
            mb={8}
          />
        </Group>
      ) : null}

      {q.type === 'contact' ? (
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
      ) : null}

      {q.type === 'date' ? (
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
      ) : null}

      <LogicEditor
        value={q.displayIf}
        keys={earlier}
        onChange={(displayIf) => set({ displayIf })}
      />
    </Stack>
  );
}

function OptionsEditor({
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
