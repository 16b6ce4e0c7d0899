// Form pieces of the builder: es/en text pairs, item and option lists, display logic.
import type { TCondition, TDisplayIf, TLocalText } from '@fidelia/contracts';
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pick } from '../../ui/pick';
import { conditionValueText, move, OPS, parseConditionValue, toKey } from './builder';

/** Two inputs (es, en) for one piece of survey text. */
export function LocalText({
  label,
  value,
  onChange,
  required,
}: {
  label: string;
  value: TLocalText | undefined;
  onChange: (v: TLocalText | undefined) => void;
  required?: boolean;
}) {
  const set = (lang: 'es' | 'en', text: string) => {
    const next = { ...(value ?? {}), [lang]: text };
    if (!next.es?.trim()) delete next.es;
    if (!next.en?.trim()) delete next.en;
    onChange(next.es || next.en ? next : undefined);
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <TextInput
        label={`${label} (es)`}
        value={value?.es ?? ''}
        required={required}
        onChange={(e) => set('es', e.currentTarget.value)}
      />
      <TextInput
        label={`${label} (en)`}
        value={value?.en ?? ''}
        onChange={(e) => set('en', e.currentTarget.value)}
      />
    </SimpleGrid>
  );
}

/** Up / down / remove buttons of one list element, with accessible names. */
export function MoveButtons({
  index,
  count,
  onMove,
  onRemove,
  name,
}: {
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove?: () => void;
  name: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="default"
        aria-label={t('surveys.builder.moveUp', { name })}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        ↑
      </ActionIcon>
      <ActionIcon
        variant="default"
        aria-label={t('surveys.builder.moveDown', { name })}
        disabled={index >= count - 1}
        onClick={() => onMove(1)}
      >
        ↓
      </ActionIcon>
      {onRemove ? (
        <ActionIcon
          variant="default"
          color="red"
          aria-label={t('surveys.builder.remove', { name })}
          onClick={onRemove}
        >
          ×
        </ActionIcon>
      ) : null}
    </Group>
  );
}

export interface TEditItem {
  key: string;
  tag?: string;
  text: TLocalText;
  [extra: string]: unknown;
}

/** Items of a battery / constant sum / matrix rows / value benefits: key, tag, es/en text. */
export function ItemsEditor<T extends TEditItem>({
  legend,
  items,
  onChange,
  make,
  min = 0,
  extra,
  noKey,
  noTag,
}: {
  legend: string;
  items: T[];
  onChange: (items: T[]) => void;
  make: (i: number) => T;
  min?: number;
  extra?: (item: T, set: (patch: Partial<T>) => void) => React.ReactNode;
  noKey?: boolean;
  noTag?: boolean;
}) {
  const { t } = useTranslation();
  const setAt = (i: number, patch: Partial<T>) =>
    onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Fieldset legend={legend} variant="filled">
      <Stack gap="sm">
        {items.map((it, i) => (
          <Stack
            // biome-ignore lint/suspicious/noArrayIndexKey: items are edited in place by position
            key={i}
            gap={4}
            pb="xs"
            style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Group gap="xs" align="flex-end" wrap="wrap">
              {noKey ? null : (
                <TextInput
                  label={t('surveys.builder.itemKey')}
                  value={it.key}
                  w={120}
                  onChange={(e) => setAt(i, { key: toKey(e.currentTarget.value) } as Partial<T>)}
                />
              )}
              {noTag ? null : (
                <TextInput
                  label={t('surveys.builder.tag')}
                  value={it.tag ?? ''}
                  w={170}
                  onChange={(e) => {
                    const v = e.currentTarget.value.trim();
                    setAt(i, { tag: v || undefined } as Partial<T>);
                  }}
                />
              )}
              {extra?.(it, (p) => setAt(i, p))}
              <MoveButtons
                index={i}
                count={items.length}
                name={it.key}
                onMove={(d) => onChange(move(items, i, d))}
                onRemove={
                  items.length > min ? () => onChange(items.filter((_, j) => j !== i)) : undefined
                }
              />
            </Group>
            <LocalText
              label={t('surveys.builder.itemText')}
              value={it.text}
              onChange={(v) => setAt(i, { text: v ?? { es: '' } } as Partial<T>)}
            />
          </Stack>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => onChange([...items, make(items.length)])}
          >
            {t('surveys.builder.addItem')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Display logic: show this page/question only when all/any condition holds. */
export function LogicEditor({
  value,
  onChange,
  keys,
}: {
  value: TDisplayIf | undefined;
  onChange: (v: TDisplayIf | undefined) => void;
  keys: string[];
}) {
  const { t } = useTranslation();
  if (!value)
    return (
      <Group>
        <Button
          variant="subtle"
          size="xs"
          disabled={keys.length === 0}
          onClick={() =>
            onChange({
              mode: 'all',
              conditions: [{ q: keys[keys.length - 1] ?? '', op: 'lte', value: 6 }],
            })
          }
        >
          {t('surveys.builder.addLogic')}
        </Button>
        {keys.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('surveys.builder.noEarlier')}
          </Text>
        ) : null}
      </Group>
    );
  const setAt = (i: number, c: TCondition) =>
    onChange({ ...value, conditions: value.conditions.map((x, j) => (j === i ? c : x)) });
  return (
    <Fieldset legend={t('surveys.builder.logic')} variant="filled">
      <Stack gap="xs">
        <Select
          label={t('surveys.builder.logicMode')}
          data={[
            { value: 'all', label: t('surveys.builder.modeAll') },
            { value: 'any', label: t('surveys.builder.modeAny') },
          ]}
          value={value.mode}
          allowDeselect={false}
          onChange={(v) => onChange({ ...value, mode: v === 'any' ? 'any' : 'all' })}
          w={260}
        />
        {value.conditions.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions are edited by position
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <Select
              label={t('surveys.builder.condQuestion')}
              data={keys}
              value={keys.includes(c.q) ? c.q : null}
              searchable
              w={150}
              onChange={(v) => v && setAt(i, { ...c, q: v })}
            />
            <TextInput
              label={t('surveys.builder.condItem')}
              value={c.item ?? ''}
              w={110}
              onChange={(e) => {
                const item = toKey(e.currentTarget.value);
                setAt(i, { ...c, item: item || undefined });
              }}
            />
            <Select
              label={t('surveys.builder.condOp')}
              data={OPS.map((o) => ({ value: o, label: t(`surveys.ops.${o}`) }))}
              value={c.op}
              allowDeselect={false}
              w={170}
              onChange={(v) => {
                const op = pick(OPS, v) ?? 'eq';
                setAt(i, { ...c, op, value: parseConditionValue(op, conditionValueText(c.value)) });
              }}
            />
            {c.op !== 'answered' && c.op !== 'not_answered' ? (
              <TextInput
                label={t('surveys.builder.condValue')}
                value={conditionValueText(c.value)}
                w={120}
                onChange={(e) =>
                  setAt(i, { ...c, value: parseConditionValue(c.op, e.currentTarget.value) })
                }
              />
            ) : null}
            <ActionIcon
              variant="default"
              aria-label={t('surveys.builder.removeCondition')}
              onClick={() => {
                const rest = value.conditions.filter((_, j) => j !== i);
                onChange(rest.length ? { ...value, conditions: rest } : undefined);
              }}
              mb={4}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() =>
              onChange({
                ...value,
                conditions: [...value.conditions, { q: keys[0] ?? '', op: 'answered' }],
              })
            }
          >
            {t('surveys.builder.addCondition')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
