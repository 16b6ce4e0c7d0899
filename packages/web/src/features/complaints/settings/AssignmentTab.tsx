// Assignment and escalation: strategy (round robin / least loaded among eligible agents), whether
// managers of the staff involved are excluded, the promised response days, the further-recourse
// text told to customers on rejection, and each unit's manager (receives breach escalations).
import {
  Button,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, notifyError, notifyOk } from '../../../ui/notify';
import { PageLoader } from '../../../ui/PageLoader';
import { pick } from '../../../ui/pick';
import { unitOptions, useOrgUnits } from '../../../ui/units';
import {
  KEYS,
  put,
  STRATEGIES,
  type TComplaintSettings,
  useComplaintSettings,
  useManagers,
  useStaff,
} from './api';

function SettingsForm({ initial }: { initial: TComplaintSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => setF(initial), [initial]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await put<TComplaintSettings>('/api/complaints/settings', {
        strategy: f.strategy,
        excludeManagers: f.excludeManagers,
        responseDays: f.responseDays,
        ...(f.recourse !== null ? { recourse: f.recourse } : {}),
      });
      qc.setQueryData(KEYS.settings, saved);
      setErrors({});
      notifyOk(t('complaintsSettings.assignment.saved'));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack>
        <Radio.Group
          label={t('complaintsSettings.assignment.strategy')}
          value={f.strategy}
          onChange={(v) => setF({ ...f, strategy: pick(STRATEGIES, v) ?? f.strategy })}
          error={errors.strategy}
        >
          <Stack gap="xs" mt="xs">
            {STRATEGIES.map((s) => (
              <Radio
                key={s}
                value={s}
                label={t(`complaintsSettings.assignment.${s}`)}
                description={t(`complaintsSettings.assignment.${s}Help`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Switch
          label={t('complaintsSettings.assignment.excludeManagers')}
          description={t('complaintsSettings.assignment.excludeManagersHelp')}
          checked={f.excludeManagers}
          onChange={(e) => setF({ ...f, excludeManagers: e.currentTarget.checked })}
        />
        <NumberInput
          label={t('complaintsSettings.assignment.responseDays')}
          description={t('complaintsSettings.assignment.responseDaysHelp')}
          min={1}
          max={90}
          value={f.responseDays}
          onChange={(v) => setF({ ...f, responseDays: typeof v === 'number' ? v : f.responseDays })}
          error={errors.responseDays}
          maw={260}
        />
        <Textarea
          label={t('complaintsSettings.assignment.recourse')}
          description={t('complaintsSettings.assignment.recourseHelp')}
          autosize
          minRows={2}
          maxLength={2000}
          value={f.recourse ?? ''}
          onChange={(e) => setF({ ...f, recourse: e.currentTarget.value })}
          error={errors.recourse}
        />
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          {t('common.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Managers() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = useOrgUnits();
  const managers = useManagers();
  const staff = useStaff();
  const phone = useMediaQuery('(max-width: 40em)');
  if (units.isPending || managers.isPending || staff.isPending) return <PageLoader />;
  const byUnit = new Map((managers.data ?? []).map((m) => [m.unitId, m.userId]));
  const people = [
    { value: '', label: t('complaintsSettings.managers.none') },
    ...(staff.data ?? [])
      .filter((u) => u.active)
      .map((u) => ({ value: u.id, label: `${u.name} (${t(`roles.${u.role}`)})` })),
  ];
  const save = async (unitId: string, userId: string | null) => {
    try {
      const list = await put<{ unitId: string; userId: string }[]>(
        `/api/complaints/managers/${unitId}`,
        { userId },
      );
      qc.setQueryData(KEYS.managers, list);
      notifyOk(t('complaintsSettings.managers.saved'));
    } catch (e) {
      notifyError(e);
    }
  };
  const rows = unitOptions(units.data ?? []);
  const select = (u: (typeof rows)[number], withLabel: boolean) => (
    <Select
      {...(withLabel
        ? { label: u.label }
        : { 'aria-label': t('complaintsSettings.managers.of', { unit: u.label }) })}
      data={people}
      value={byUnit.get(u.value) ?? ''}
      onChange={(v) => save(u.value, v || null)}
      searchable
      allowDeselect={false}
      maw={phone ? undefined : 360}
    />
  );
  return phone ? (
    <Stack gap="xs">
      {rows.map((u) => (
        <div key={u.value}>{select(u, true)}</div>
      ))}
    </Stack>
  ) : (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('complaintsSettings.units.unit')}</Table.Th>
          <Table.Th>{t('complaintsSettings.managers.manager')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((u) => (
          <Table.Tr key={u.value}>
            <Table.Td style={{ paddingLeft: 12 + u.depth * 18 }}>{u.label}</Table.Td>
            <Table.Td>{select(u, false)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AssignmentTab() {
  const { t } = useTranslation();
  const settings = useComplaintSettings();
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <Text c="red.8">{settings.error.message}</Text>;
  return (
    <Stack>
      <SettingsForm initial={settings.data} />
      <Title order={2} size="h4" mt="md">
        {t('complaintsSettings.managers.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('complaintsSettings.managers.help')}
      </Text>
      <Managers />
    </Stack>
  );
}
