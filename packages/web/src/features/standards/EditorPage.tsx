// The standard editor (new or edit). Saving an existing standard writes a new version; the
// previous ones stay readable in the history. A new standard carries a client-made id, so a
// retried save answers the stored standard instead of making a second one.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { uuid } from '../../api/uuid';
import { useFormat } from '../../lib/format';
import { fieldErrorsOf, notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { unitName, useOrgUnits } from '../../ui/units';
import {
  ATTRIBUTE_GROUPS,
  DIMENSIONS,
  MEASURE_KINDS,
  nameOf,
  type TStandard,
  useAttributes,
  useMoments,
  useServqualWording,
  useStandard,
  useSurveys,
} from './api';
import { ItemsTable } from './StandardPage';

interface TForm {
  code: string;
  momentId: string;
  active: boolean;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  attributeId: string;
  dimension: string;
  servqualItems: number[];
  measureKind: (typeof MEASURE_KINDS)[number];
  targetMin: number | string;
  targetMax: number | string;
  uomEs: string;
  uomEn: string;
  ownerRole: string;
  promisedLevel: number | string;
  unitIds: string[];
  researchUrl: string;
  researchNote: string;
  researchSurveyId: string;
  changeNote: string;
}

const EMPTY: TForm = {
  code: '',
  momentId: '',
  active: true,
  nameEs: '',
  nameEn: '',
  descriptionEs: '',
  descriptionEn: '',
  attributeId: '',
  dimension: '',
  servqualItems: [],
  measureKind: 'number',
  targetMin: '',
  targetMax: '',
  uomEs: '',
  uomEn: '',
  ownerRole: '',
  promisedLevel: '',
  unitIds: [],
  researchUrl: '',
  researchNote: '',
  researchSurveyId: '',
  changeNote: '',
};

function fromStandard(s: TStandard): TForm {
  return {
    code: s.code,
    momentId: s.momentId,
    active: s.active,
    nameEs: s.nameEs,
    nameEn: s.nameEn,
    descriptionEs: s.descriptionEs ?? '',
    descriptionEn: s.descriptionEn ?? '',
    attributeId: s.attributeId ?? '',
    dimension: s.dimension ?? '',
    servqualItems: s.servqualItems,
    measureKind: s.measureKind,
    targetMin: s.targetMin ?? '',
    targetMax: s.targetMax ?? '',
    uomEs: s.uomEs ?? '',
    uomEn: s.uomEn ?? '',
    ownerRole: s.ownerRole ?? '',
    promisedLevel: s.promisedLevel ?? '',
    unitIds: s.unitIds,
    researchUrl: s.researchUrl ?? '',
    researchNote: s.researchNote ?? '',
    researchSurveyId: s.researchSurveyId ?? '',
    changeNote: '',
  };
}

const numOrNull = (v: number | string) => (typeof v === 'number' ? v : null);
const textOrNull = (v: string) => (v.trim() ? v.trim() : null);

function body(f: TForm) {
  const yesno = f.measureKind === 'yesno';
  return {
    momentId: f.momentId,
    active: f.active,
    nameEs: f.nameEs.trim(),
    nameEn: f.nameEn.trim() || f.nameEs.trim(),
    descriptionEs: textOrNull(f.descriptionEs),
    descriptionEn: textOrNull(f.descriptionEn),
    attributeId: f.attributeId || null,
    dimension: f.dimension || null,
    servqualItems: f.servqualItems,
    measureKind: f.measureKind,
    targetMin: yesno ? null : numOrNull(f.targetMin),
    targetMax: yesno ? null : numOrNull(f.targetMax),
    uomEs: yesno ? null : textOrNull(f.uomEs),
    uomEn: yesno ? null : textOrNull(f.uomEn),
    ownerRole: textOrNull(f.ownerRole),
    promisedLevel: numOrNull(f.promisedLevel),
    unitIds: f.unitIds,
    researchUrl: textOrNull(f.researchUrl),
    researchNote: textOrNull(f.researchNote),
    researchSurveyId: f.researchSurveyId || null,
  };
}

function ItemsPicker({ f, set }: { f: TForm; set: (p: Partial<TForm>) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const wording = useServqualWording();
  const dims = f.dimension ? [f.dimension] : DIMENSIONS;
  return (
    <Checkbox.Group
      label={t('standards.field.items')}
      description={t('standards.field.itemsHelp')}
      value={f.servqualItems.map(String)}
      onChange={(v) => set({ servqualItems: v.map(Number).sort((a, b) => a - b) })}
    >
      <Stack gap="xs" mt="xs">
        {dims.map((d) => (
          <Stack key={d} gap={4}>
            <Text size="sm" fw={600}>
              {t(`standards.dimension.${d}`)}
            </Text>
            {(wording.data?.items ?? [])
              .filter((i) => i.dimension === d)
              .map((i) => (
                <Checkbox
                  key={i.n}
                  value={String(i.n)}
                  label={`${t('standards.itemShort', { n: i.n })} · ${lang === 'en' ? i.en : i.es}`}
                />
              ))}
          </Stack>
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function Editor({ initial, existing }: { initial: TForm; existing: TStandard | null }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const moments = useMoments();
  const attrs = useAttributes();
  const surveys = useSurveys();
  const units = useOrgUnits();
  const [f, setF] = useState<TForm>(initial);
  const [id] = useState(uuid);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [addUnit, setAddUnit] = useState<string | null>(null);
  const set = (p: Partial<TForm>) => setF((x) => ({ ...x, ...p }));

  const pickAttribute = (v: string | null) => {
    const a = attrs.data?.find((x) => x.id === v);
    // an attribute linked to SERVQUAL items proposes them when none are chosen yet
    if (a && f.servqualItems.length === 0 && a.servqualItems.length > 0)
      set({ attributeId: v ?? '', servqualItems: a.servqualItems, dimension: a.dimension ?? '' });
    else set({ attributeId: v ?? '' });
  };

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      if (existing) {
        await api.post(`/api/standards/${existing.id}/versions`, {
          ...body(f),
          baseVersion: existing.currentVersion,
          changeNote: textOrNull(f.changeNote),
        });
        notifyOk(t('standards.editor.savedVersion'));
        await qc.invalidateQueries({ queryKey: ['standards'] });
        navigate(`/standards/s/${existing.id}`);
      } else {
        await api.post('/api/standards', { ...body(f), id, code: f.code.trim() });
        notifyOk(t('standards.editor.created'));
        await qc.invalidateQueries({ queryKey: ['standards'] });
        navigate(`/standards/s/${id}`);
      }
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const attrData = ATTRIBUTE_GROUPS.map((g) => ({
    group: t(`standards.group.${g}`),
    items: (attrs.data ?? [])
      .filter((a) => a.group === g)
      .map((a) => ({ value: a.id, label: nameOf(a, lang) })),
  })).filter((g) => g.items.length > 0);

  return (
    <Stack gap="md" maw={900}>
      <Anchor
        component={Link}
        to={existing ? `/standards/s/${existing.id}` : '/standards/catalogue'}
        size="sm"
      >
        ← {t('standards.back')}
      </Anchor>
      <Title order={1} size="h2">
        {existing
          ? t('standards.editor.editTitle', { code: existing.code, n: existing.currentVersion + 1 })
          : t('standards.editor.newTitle')}
      </Title>
      {existing && (
        <Alert color="blue">
          {t('standards.editor.versionNote', { n: existing.currentVersion })}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('standards.field.code')}
              description={t('standards.field.codeHelp')}
              value={f.code}
              onChange={(e) => set({ code: e.currentTarget.value })}
              disabled={Boolean(existing)}
              required
              error={errors.code}
            />
            <Select
              label={t('standards.field.moment')}
              data={(moments.data ?? []).map((m) => ({ value: m.id, label: nameOf(m, lang) }))}
              value={f.momentId || null}
              onChange={(v) => set({ momentId: v ?? '' })}
              required
              searchable
              error={errors.momentId}
            />
            <TextInput
              label={t('standards.field.nameEs')}
              value={f.nameEs}
              onChange={(e) => set({ nameEs: e.currentTarget.value })}
              required
              error={errors.nameEs}
            />
            <TextInput
              label={t('standards.field.nameEn')}
              value={f.nameEn}
              onChange={(e) => set({ nameEn: e.currentTarget.value })}
              error={errors.nameEn}
            />
            <Textarea
              label={t('standards.field.descriptionEs')}
              value={f.descriptionEs}
              onChange={(e) => set({ descriptionEs: e.currentTarget.value })}
              autosize
              minRows={2}
            />
            <Textarea
              label={t('standards.field.descriptionEn')}
              value={f.descriptionEn}
              onChange={(e) => set({ descriptionEn: e.currentTarget.value })}
              autosize
              minRows={2}
            />
          </SimpleGrid>
          <Switch
            label={t('standards.field.active')}
            checked={f.active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
          />
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('standards.editor.measure')}
          </Title>
          <Input.Wrapper label={t('standards.field.measure')} id="std-measure">
            <div>
              <SegmentedControl
                aria-labelledby="std-measure-label"
                data={MEASURE_KINDS.map((k) => ({ value: k, label: t(`standards.measure.${k}`) }))}
                value={f.measureKind}
                onChange={(v) => set({ measureKind: v as TForm['measureKind'] })}
              />
            </div>
          </Input.Wrapper>
          {f.measureKind !== 'yesno' && (
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <NumberInput
                label={t('standards.field.targetMin')}
                value={f.targetMin}
                onChange={(v) => set({ targetMin: v })}
                decimalSeparator={lang === 'es' ? ',' : '.'}
                error={errors.targetMin}
              />
              <NumberInput
                label={t('standards.field.targetMax')}
                value={f.targetMax}
                onChange={(v) => set({ targetMax: v })}
                decimalSeparator={lang === 'es' ? ',' : '.'}
                error={errors.targetMax}
              />
              <TextInput
                label={t('standards.field.uomEs')}
                placeholder="min"
                value={f.uomEs}
                onChange={(e) => set({ uomEs: e.currentTarget.value })}
              />
              <TextInput
                label={t('standards.field.uomEn')}
                placeholder="min"
                value={f.uomEn}
                onChange={(e) => set({ uomEn: e.currentTarget.value })}
              />
            </SimpleGrid>
          )}
          {f.measureKind !== 'yesno' && f.targetMin === '' && f.targetMax === '' && (
            <Text size="xs" c="orange.8">
              {t('standards.editor.noTargetWarning')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('standards.field.owner')}
              description={t('standards.field.ownerHelp')}
              value={f.ownerRole}
              onChange={(e) => set({ ownerRole: e.currentTarget.value })}
            />
            <NumberInput
              label={t('standards.field.promised')}
              description={t('standards.field.promisedHelp')}
              value={f.promisedLevel}
              onChange={(v) => set({ promisedLevel: v })}
              min={1}
              max={7}
              step={0.5}
              decimalSeparator={lang === 'es' ? ',' : '.'}
              error={errors.promisedLevel}
            />
          </SimpleGrid>
          <Stack gap={4}>
            <UnitSelect
              label={t('standards.field.units')}
              description={t('standards.field.unitsHelp')}
              placeholder={t('standards.field.unitsAdd')}
              value={addUnit}
              onChange={(v) => {
                if (v && !f.unitIds.includes(v)) set({ unitIds: [...f.unitIds, v] });
                setAddUnit(null);
              }}
              clearable
            />
            <Group gap={6}>
              {f.unitIds.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('standards.allUnits')}
                </Text>
              ) : (
                f.unitIds.map((u) => (
                  <Badge
                    key={u}
                    variant="light"
                    rightSection={
                      <CloseButton
                        size="xs"
                        aria-label={t('standards.field.unitsRemove', {
                          name: unitName(units.data, u),
                        })}
                        onClick={() => set({ unitIds: f.unitIds.filter((x) => x !== u) })}
                      />
                    }
                  >
                    {unitName(units.data, u)}
                  </Badge>
                ))
              )}
            </Group>
          </Stack>
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('standards.editor.research')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('standards.field.attribute')}
              data={attrData}
              value={f.attributeId || null}
              onChange={pickAttribute}
              searchable
              clearable
              error={errors.attributeId}
            />
            <Select
              label={t('standards.field.dimension')}
              data={DIMENSIONS.map((d) => ({ value: d, label: t(`standards.dimension.${d}`) }))}
              value={f.dimension || null}
              onChange={(v) =>
                set({
                  dimension: v ?? '',
                  servqualItems: v
                    ? f.servqualItems.filter((k) => itemDimension(k) === v)
                    : f.servqualItems,
                })
              }
              clearable
              error={errors.dimension}
            />
          </SimpleGrid>
          <ItemsPicker f={f} set={set} />
          {f.servqualItems.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('standards.editor.importance')}
              </Text>
              <ItemsTable items={f.servqualItems} dimension={null} />
            </Stack>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('standards.field.survey')}
              data={(surveys.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={f.researchSurveyId || null}
              onChange={(v) => set({ researchSurveyId: v ?? '' })}
              searchable
              clearable
            />
            <TextInput
              label={t('standards.field.researchUrl')}
              description={t('standards.field.researchUrlHelp')}
              value={f.researchUrl}
              onChange={(e) => set({ researchUrl: e.currentTarget.value })}
              error={errors.researchUrl}
            />
          </SimpleGrid>
          <Textarea
            label={t('standards.field.researchNote')}
            value={f.researchNote}
            onChange={(e) => set({ researchNote: e.currentTarget.value })}
            autosize
            minRows={2}
          />
        </Stack>
      </Paper>
      {existing && (
        <TextInput
          label={t('standards.field.changeNote')}
          value={f.changeNote}
          onChange={(e) => set({ changeNote: e.currentTarget.value })}
        />
      )}
      <Group>
        <Button onClick={() => void save()} loading={busy}>
          {existing ? t('standards.editor.saveVersion') : t('standards.editor.create')}
        </Button>
        <Button
          variant="subtle"
          component={Link}
          to={existing ? `/standards/s/${existing.id}` : '/standards/catalogue'}
        >
          {t('standards.editor.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

const ITEM_DIMENSION: Record<string, number[]> = {
  tangibles: [1, 2, 3, 4],
  reliability: [5, 6, 7, 8, 9],
  responsiveness: [10, 11, 12, 13],
  assurance: [14, 15, 16, 17],
  empathy: [18, 19, 20, 21, 22],
};
const itemDimension = (k: number) =>
  Object.entries(ITEM_DIMENSION).find(([, xs]) => xs.includes(k))?.[0] ?? '';

export default function EditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const s = useStandard(id);
  const item = Number(params.get('item'));
  const prefill = Number.isInteger(item) && item >= 1 && item <= 22;
  if (id && s.isError)
    return (
      <Alert color="red" role="alert">
        {t('standards.notFound')}
      </Alert>
    );
  if (id && !s.data) return <PageLoader />;
  const initial = s.data
    ? fromStandard(s.data)
    : prefill
      ? { ...EMPTY, servqualItems: [item], dimension: itemDimension(item) }
      : EMPTY;
  return (
    <Editor
      key={id ?? `new-${prefill ? item : ''}`}
      initial={initial}
      existing={id ? (s.data ?? null) : null}
    />
  );
}
