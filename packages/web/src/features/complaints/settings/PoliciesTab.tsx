// SLA policies per category (tree) × severity: targets in business hours, warning threshold.
// The most specific policy wins (category, then its parents, then "any"); saving recomputes the
// targets of every open case on the server, and the page follows that job.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { fieldErrorsOf, notifyError, notifyOk } from '../../../ui/notify';
import { PageLoader } from '../../../ui/PageLoader';
import { pick } from '../../../ui/pick';
import {
  KEYS,
  policyApi,
  SEVERITIES,
  type TPolicy,
  type TPolicyDraft,
  useCategories,
  usePolicies,
} from './api';
import { RecomputeNote } from './RecomputeNote';
import { hoursToMinutes, minutesToHours } from './time';
import { flatten } from './tree';

type Hours = number | string;
interface TForm {
  name: string;
  categoryId: string;
  severity: string;
  first: Hours;
  update: Hours;
  resolution: Hours;
  warn: Hours;
}

const toForm = (p: TPolicy | null): TForm => ({
  name: p?.name ?? '',
  categoryId: p?.categoryId ?? '',
  severity: p?.severity ?? '',
  first: p ? minutesToHours(p.firstResponseMin) : 4,
  update: p?.updateMin ? minutesToHours(p.updateMin) : '',
  resolution: p ? minutesToHours(p.resolutionMin) : 40,
  warn: p?.warnPercent ?? 80,
});

const num = (h: Hours) => (typeof h === 'number' ? h : h === '' ? null : Number(h));

function PolicyForm({
  initial,
  onSaved,
  onCancel,
}: {
  initial: TPolicy | null;
  onSaved: (p: TPolicy & { recomputeJobId: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const cats = useCategories();
  const [f, setF] = useState<TForm>(() => toForm(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (p: Partial<TForm>) => {
    setF((x) => ({ ...x, ...p }));
    setErrors({});
  };
  const categoryOptions = [
    { value: '', label: t('complaintsSettings.policy.anyCategory') },
    ...flatten(cats.data ?? [], 'category').map((n) => ({
      value: n.cat.id,
      label: n.cat.active ? n.path : `${n.path} (${t('complaintsSettings.category.inactive')})`,
    })),
  ];
  const severityOptions = [
    { value: '', label: t('complaintsSettings.policy.anySeverity') },
    ...SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) })),
  ];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const first = num(f.first);
    const resolution = num(f.resolution);
    const update = num(f.update);
    const local: Record<string, string> = {};
    if (!first || first <= 0) local.firstResponseMin = t('complaintsSettings.policy.positive');
    if (!resolution || resolution <= 0)
      local.resolutionMin = t('complaintsSettings.policy.positive');
    if (update !== null && update <= 0) local.updateMin = t('complaintsSettings.policy.positive');
    if (Object.keys(local).length) return setErrors(local);
    const body: TPolicyDraft = {
      name: f.name,
      categoryId: f.categoryId || null,
      severity: pick(SEVERITIES, f.severity) ?? null,
      firstResponseMin: hoursToMinutes(first as number),
      updateMin: update === null ? null : hoursToMinutes(update),
      resolutionMin: hoursToMinutes(resolution as number),
      warnPercent: Number(f.warn) || 80,
    };
    setBusy(true);
    try {
      onSaved(initial ? await policyApi.update(initial.id, body) : await policyApi.create(body));
    } catch (error) {
      const fe = fieldErrorsOf(error);
      if (error instanceof ApiError && error.code === 'SLA_POLICY_TARGETS')
        fe.resolutionMin = error.message;
      else if (error instanceof ApiError && error.code === 'SLA_CATEGORY_INVALID')
        fe.categoryId = error.message;
      else if (error instanceof ApiError && error.status === 409)
        fe.severity = t('complaintsSettings.policy.duplicate');
      setErrors(fe);
      if (!Object.keys(fe).length) notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="policy-form-title">
      <Stack>
        <Title order={2} size="h4" id="policy-form-title">
          {initial
            ? t('complaintsSettings.policy.edit', { name: initial.name })
            : t('complaintsSettings.policy.new')}
        </Title>
        <TextInput
          label={t('complaintsSettings.policy.name')}
          required
          value={f.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errors.name}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('complaintsSettings.policy.category')}
            data={categoryOptions}
            value={f.categoryId}
            onChange={(v) => set({ categoryId: v ?? '' })}
            searchable
            allowDeselect={false}
            error={errors.categoryId}
          />
          <Select
            label={t('complaintsSettings.policy.severity')}
            data={severityOptions}
            value={f.severity}
            onChange={(v) => set({ severity: v ?? '' })}
            allowDeselect={false}
            error={errors.severity}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <NumberInput
            label={t('complaintsSettings.policy.first')}
            required
            min={0.25}
            decimalScale={2}
            value={f.first}
            onChange={(v) => set({ first: v })}
            error={errors.firstResponseMin}
          />
          <NumberInput
            label={t('complaintsSettings.policy.update')}
            description={t('complaintsSettings.policy.updateHelp')}
            min={0.25}
            decimalScale={2}
            value={f.update}
            onChange={(v) => set({ update: v })}
            error={errors.updateMin}
          />
          <NumberInput
            label={t('complaintsSettings.policy.resolution')}
            required
            min={0.25}
            decimalScale={2}
            value={f.resolution}
            onChange={(v) => set({ resolution: v })}
            error={errors.resolutionMin}
          />
          <NumberInput
            label={t('complaintsSettings.policy.warn')}
            description={t('complaintsSettings.policy.warnHelp')}
            min={1}
            max={99}
            suffix=" %"
            value={f.warn}
            onChange={(v) => set({ warn: v })}
            error={errors.warnPercent}
          />
        </SimpleGrid>
        <Alert color="blue" variant="light">
          {t('complaintsSettings.policy.recomputeHelp')}
        </Alert>
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function PoliciesTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const policies = usePolicies();
  const cats = useCategories();
  const phone = useMediaQuery('(max-width: 40em)');
  const [editing, setEditing] = useState<TPolicy | 'new' | null>(null);
  const [jobId, setJobId] = useState<string | null | undefined>(undefined);
  if (policies.isPending || cats.isPending) return <PageLoader />;
  if (policies.isError) return <Text c="red.8">{policies.error.message}</Text>;
  const paths = new Map(flatten(cats.data ?? [], 'category').map((n) => [n.cat.id, n.path]));
  const category = (p: TPolicy) =>
    p.categoryId ? (paths.get(p.categoryId) ?? '?') : t('complaintsSettings.policy.anyCategory');
  const severity = (p: TPolicy) =>
    p.severity
      ? t(`complaints.severity.${p.severity}`)
      : t('complaintsSettings.policy.anySeverity');
  // The column headers and labels carry the unit (h).
  const h = (m: number | null) => (m === null ? '—' : String(minutesToHours(m)));
  const sorted = [...policies.data.policies].sort((a, b) =>
    `${category(a)}|${a.severity ?? ''}`.localeCompare(`${category(b)}|${b.severity ?? ''}`),
  );
  const refresh = () => qc.invalidateQueries({ queryKey: KEYS.policies });

  const remove = async (p: TPolicy) => {
    if (!window.confirm(t('complaintsSettings.policy.confirmDelete', { name: p.name }))) return;
    try {
      await policyApi.remove(p.id);
      notifyOk(t('complaintsSettings.policy.deleted'));
      setJobId(undefined);
      await refresh();
    } catch (e) {
      notifyError(e);
    }
  };
  const actions = (p: TPolicy) => (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="default"
        onClick={() => setEditing(p)}
        aria-label={t('complaintsSettings.policy.editNamed', { name: p.name })}
      >
        {t('common.edit')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={() => remove(p)}
        aria-label={t('complaintsSettings.policy.deleteNamed', { name: p.name })}
      >
        {t('complaintsSettings.delete')}
      </Button>
    </Group>
  );

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('complaintsSettings.policy.intro')}
      </Text>
      <RecomputeNote jobId={jobId} />
      {editing ? (
        <PolicyForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={async (p) => {
            notifyOk(t('complaintsSettings.policy.saved', { name: p.name }));
            setJobId(p.recomputeJobId);
            setEditing(null);
            await refresh();
          }}
        />
      ) : (
        <Group>
          <Button onClick={() => setEditing('new')}>{t('complaintsSettings.policy.new')}</Button>
        </Group>
      )}
      {sorted.length === 0 ? (
        <Text c="dimmed">{t('complaintsSettings.policy.empty')}</Text>
      ) : phone ? (
        <Stack gap="xs">
          {sorted.map((p) => (
            <Card key={p.id} withBorder padding="sm" component="section" aria-label={p.name}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{p.name}</Text>
                {actions(p)}
              </Group>
              <Group gap={4} mt={4}>
                <Badge variant="light">{category(p)}</Badge>
                <Badge variant="light" color="gray">
                  {severity(p)}
                </Badge>
              </Group>
              <Text size="sm" mt={4}>
                {t('complaintsSettings.policy.first')}: {h(p.firstResponseMin)} ·{' '}
                {t('complaintsSettings.policy.update')}: {h(p.updateMin)} ·{' '}
                {t('complaintsSettings.policy.resolution')}: {h(p.resolutionMin)} ·{' '}
                {t('complaintsSettings.policy.warn')}: {p.warnPercent} %
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped aria-label={t('complaintsSettings.tabs.policies')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('complaintsSettings.policy.name')}</Table.Th>
              <Table.Th>{t('complaintsSettings.policy.category')}</Table.Th>
              <Table.Th>{t('complaintsSettings.policy.severity')}</Table.Th>
              <Table.Th>{t('complaintsSettings.policy.first')}</Table.Th>
              <Table.Th>{t('complaintsSettings.policy.update')}</Table.Th>
              <Table.Th>{t('complaintsSettings.policy.resolution')}</Table.Th>
              <Table.Th>{t('complaintsSettings.policy.warn')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('complaintsSettings.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{category(p)}</Table.Td>
                <Table.Td>{severity(p)}</Table.Td>
                <Table.Td>{h(p.firstResponseMin)}</Table.Td>
                <Table.Td>{h(p.updateMin)}</Table.Td>
                <Table.Td>{h(p.resolutionMin)}</Table.Td>
                <Table.Td>{p.warnPercent} %</Table.Td>
                <Table.Td>{actions(p)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {policies.data.builtin.length > 0 && (
        <Stack gap={4} mt="md">
          <Title order={2} size="h5">
            {t('complaintsSettings.policy.builtin')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('complaintsSettings.policy.builtinHelp')}
          </Text>
          <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {SEVERITIES.map((sev) => {
              const b = policies.data.builtin.find((x) => x.severity === sev);
              if (!b) return null;
              return (
                <Text key={sev} size="sm" component="li">
                  <b>{t(`complaints.severity.${sev}`)}</b>: {t('complaintsSettings.policy.first')}{' '}
                  {h(b.firstResponseMin)} · {t('complaintsSettings.policy.update')} {h(b.updateMin)}{' '}
                  · {t('complaintsSettings.policy.resolution')} {h(b.resolutionMin)}
                </Text>
              );
            })}
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
