// Checklist builder: items picked from the service-standards catalogue (or written by hand),
// each with its type and targets, section, weight, critical and photo flags; reorder; saving an
// edited checklist makes a new version (visits already scheduled keep theirs).
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, request } from '../../api/client';
import { useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { nameOf, useStandards } from '../standards/api';
import type { TChecklist } from './api';
import { BUILDERS } from './ChecklistsPage';

type TType = 'yesno' | 'number' | 'scale';
export interface TDraftItem {
  uid: string;
  key: string;
  section: string;
  label: string;
  type: TType;
  weight: number;
  critical: boolean;
  min: number | null;
  max: number | null;
  pass: number | null;
  unit: string;
  photo: boolean;
  standardId: string | null;
}

const uid = () => crypto.randomUUID();
const numOrNull = (v: string | number) => (typeof v === 'number' ? v : null);

/** A free key for an item: the standard's code (lower case) or "item-n". */
export function freeKey(base: string, taken: string[]): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+/, '') || 'item';
  let k = clean.slice(0, 56);
  let n = 2;
  while (taken.includes(k)) k = `${clean.slice(0, 52)}-${n++}`;
  return k;
}

export default function ChecklistEditorPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useSession();
  const canEdit = BUILDERS.includes(user?.role ?? '');
  const q = useQuery({
    queryKey: ['fieldwork', 'checklist', id],
    queryFn: () => api.get<TChecklist>(`/api/fieldwork/checklists/${id}`),
    enabled: !isNew,
  });
  const standards = useStandards({ activeOnly: true });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [items, setItems] = useState<TDraftItem[]>([]);
  const [pick, setPick] = useState<string | null>(null);
  const [active, setActive] = useState(true);

  useEffect(() => {
    if (!q.data) return;
    setName(q.data.name);
    setDescription(q.data.description);
    setActive(q.data.active);
    setItems(
      q.data.items.map(({ standardCode: _c, standardName: _n, ...x }) => ({
        ...x,
        uid: uid(),
        unit: x.unit ?? '',
      })),
    );
  }, [q.data]);

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        name,
        description,
        items: items.map(({ uid: _u, unit, ...x }) => ({
          ...x,
          unit: unit.trim() || null,
          min: x.type === 'yesno' ? null : x.min,
          max: x.type === 'yesno' ? null : x.max,
          pass: x.type === 'scale' ? x.pass : null,
        })),
      };
      if (isNew) return api.post<TChecklist>('/api/fieldwork/checklists', body);
      const res = await request('PUT', `/api/fieldwork/checklists/${id}`, { ...body, active });
      return (await res.json()) as TChecklist;
    },
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: ['fieldwork'] });
      notifyOk(t('fieldwork.builder.saved', { n: f.int(c.version) }));
      if (isNew) navigate(`/fieldwork/checklists/${c.id}`, { replace: true });
    },
    onError: notifyError,
  });

  if (!isNew && q.isLoading) return <PageLoader />;

  const set = (i: number, patch: Partial<TDraftItem>) =>
    setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: -1 | 1) =>
    setItems((xs) => {
      const ys = [...xs];
      const [a] = ys.splice(i, 1);
      ys.splice(i + d, 0, a as TDraftItem);
      return ys;
    });
  const addStandard = (sid: string | null) => {
    const s = (standards.data ?? []).find((x) => x.id === sid);
    setPick(null);
    if (!s) return;
    const type: TType =
      s.measureKind === 'number' ? 'number' : s.measureKind === 'scale' ? 'scale' : 'yesno';
    setItems((xs) => [
      ...xs,
      {
        uid: uid(),
        key: freeKey(
          s.code,
          xs.map((x) => x.key),
        ),
        section: i18n.language.startsWith('en') ? s.momentNameEn : s.momentNameEs,
        label: nameOf(s, i18n.language),
        type,
        weight: 1,
        critical: false,
        min: type === 'yesno' ? null : (s.targetMin ?? (type === 'scale' ? 1 : null)),
        max: type === 'yesno' ? null : (s.targetMax ?? (type === 'scale' ? 5 : null)),
        pass: type === 'scale' ? (s.targetMin ?? 4) : null,
        unit: (i18n.language.startsWith('en') ? s.uomEn : s.uomEs) ?? '',
        photo: false,
        standardId: s.id,
      },
    ]);
  };
  const addBlank = () =>
    setItems((xs) => [
      ...xs,
      {
        uid: uid(),
        key: freeKey(
          `item-${xs.length + 1}`,
          xs.map((x) => x.key),
        ),
        section: xs.at(-1)?.section ?? t('fieldwork.builder.defaultSection'),
        label: '',
        type: 'yesno',
        weight: 1,
        critical: false,
        min: null,
        max: null,
        pass: null,
        unit: '',
        photo: false,
        standardId: null,
      },
    ]);
  const used = new Set(items.map((x) => x.standardId));
  const stdOptions = (standards.data ?? [])
    .filter((s) => !used.has(s.id))
    .map((s) => ({ value: s.id, label: `${s.code} · ${nameOf(s, i18n.language)}` }));
  const dupKeys = items.filter((x, i) => items.findIndex((y) => y.key === x.key) !== i).length > 0;
  const ready =
    name.trim() !== '' && items.length > 0 && items.every((x) => x.label.trim()) && !dupKeys;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {isNew ? t('fieldwork.builder.newTitle') : name}
        </Title>
        <Link to="/fieldwork/checklists">{t('fieldwork.builder.back')}</Link>
      </Group>
      {!isNew && q.data && (
        <Alert color="blue" variant="light">
          {t('fieldwork.builder.versionNote', {
            n: f.int(q.data.version),
            next: f.int(q.data.version + 1),
            visits: f.int(q.data.visits),
          })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('fieldwork.builder.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          disabled={!canEdit}
        />
        <Textarea
          label={t('fieldwork.builder.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={1}
          disabled={!canEdit}
        />
      </SimpleGrid>
      {!isNew && canEdit && (
        <Checkbox
          label={t('fieldwork.builder.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
      )}
      {canEdit && (
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('fieldwork.builder.fromStandard')}
            placeholder={t('fieldwork.builder.pickStandard')}
            searchable
            data={stdOptions}
            value={pick}
            onChange={addStandard}
            nothingFoundMessage={t('fieldwork.builder.noStandards')}
            style={{ flex: '1 1 260px' }}
          />
          <Button variant="light" onClick={addBlank}>
            {t('fieldwork.builder.addItem')}
          </Button>
        </Group>
      )}
      {items.length === 0 && <Text c="dimmed">{t('fieldwork.builder.empty')}</Text>}
      {items.map((x, i) => (
        <ItemCard
          key={x.uid}
          item={x}
          n={i + 1}
          first={i === 0}
          last={i === items.length - 1}
          disabled={!canEdit}
          standard={(standards.data ?? []).find((s) => s.id === x.standardId)?.code ?? null}
          onChange={(p) => set(i, p)}
          onMove={(d) => move(i, d)}
          onRemove={() => setItems((xs) => xs.filter((_, j) => j !== i))}
        />
      ))}
      {dupKeys && <Text c="red">{t('fieldwork.builder.dupKeys')}</Text>}
      {canEdit && (
        <Group>
          <Button onClick={() => save.mutate()} disabled={!ready} loading={save.isPending}>
            {isNew ? t('fieldwork.builder.create') : t('fieldwork.builder.saveVersion')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function ItemCard({
  item: x,
  n,
  first,
  last,
  disabled,
  standard,
  onChange,
  onMove,
  onRemove,
}: {
  item: TDraftItem;
  n: number;
  first: boolean;
  last: boolean;
  disabled: boolean;
  standard: string | null;
  onChange: (p: Partial<TDraftItem>) => void;
  onMove: (d: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const tx = (k: string) => t(`fieldwork.builder.${k}`);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="checklist-item">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {t('fieldwork.builder.itemN', { n })}
            {standard ? ` · ${t('fieldwork.builder.linked', { code: standard })}` : ''}
          </Text>
          {!disabled && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                disabled={first}
                onClick={() => onMove(-1)}
                aria-label={tx('up')}
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                disabled={last}
                onClick={() => onMove(1)}
                aria-label={tx('down')}
              >
                ↓
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={tx('remove')}>
                ×
              </ActionIcon>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput
            label={tx('label')}
            value={x.label}
            onChange={(e) => onChange({ label: e.currentTarget.value })}
            required
            disabled={disabled}
          />
          <TextInput
            label={tx('section')}
            value={x.section}
            onChange={(e) => onChange({ section: e.currentTarget.value })}
            disabled={disabled}
          />
          <TextInput
            label={tx('key')}
            description={tx('keyHelp')}
            value={x.key}
            onChange={(e) => onChange({ key: e.currentTarget.value })}
            disabled={disabled}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 6 }} spacing="xs">
          <Select
            label={tx('type')}
            value={x.type}
            allowDeselect={false}
            onChange={(v) => {
              const type = (v ?? 'yesno') as TType;
              onChange({
                type,
                ...(type === 'scale' && x.min === null ? { min: 1, max: 5, pass: 4 } : {}),
              });
            }}
            data={(['yesno', 'number', 'scale'] as const).map((k) => ({
              value: k,
              label: t(`fieldwork.builder.types.${k}`),
            }))}
            disabled={disabled}
          />
          <NumberInput
            label={tx('weight')}
            value={x.weight}
            min={0.1}
            onChange={(v) => onChange({ weight: typeof v === 'number' && v > 0 ? v : 1 })}
            disabled={disabled}
          />
          {x.type !== 'yesno' && (
            <NumberInput
              label={x.type === 'scale' ? tx('scaleMin') : tx('targetMin')}
              value={x.min ?? ''}
              onChange={(v) => onChange({ min: numOrNull(v) })}
              disabled={disabled}
            />
          )}
          {x.type !== 'yesno' && (
            <NumberInput
              label={x.type === 'scale' ? tx('scaleMax') : tx('targetMax')}
              value={x.max ?? ''}
              onChange={(v) => onChange({ max: numOrNull(v) })}
              disabled={disabled}
            />
          )}
          {x.type === 'scale' && (
            <NumberInput
              label={tx('pass')}
              value={x.pass ?? ''}
              onChange={(v) => onChange({ pass: numOrNull(v) })}
              disabled={disabled}
            />
          )}
          {x.type === 'number' && (
            <TextInput
              label={tx('unit')}
              value={x.unit}
              onChange={(e) => onChange({ unit: e.currentTarget.value })}
              disabled={disabled}
            />
          )}
        </SimpleGrid>
        <Group gap="lg">
          <Checkbox
            label={tx('critical')}
            checked={x.critical}
            onChange={(e) => onChange({ critical: e.currentTarget.checked })}
            disabled={disabled}
          />
          <Checkbox
            label={tx('photo')}
            checked={x.photo}
            onChange={(e) => onChange({ photo: e.currentTarget.checked })}
            disabled={disabled}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
