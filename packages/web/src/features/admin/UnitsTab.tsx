import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TOrgUnit, TUnitKind } from '../../api/types';
import { fieldErrorsOf, notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { pick } from '../../ui/pick';
import { UnitSelect } from '../../ui/UnitSelect';
import { unitOptions, useOrgUnits } from '../../ui/units';

const KINDS: TUnitKind[] = ['company', 'region', 'branch', 'team'];

function UnitRow({ unit, depth }: { unit: TOrgUnit; depth: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(unit.name);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.patch(`/api/org-units/${unit.id}`, { name });
      setEditing(false);
      await qc.invalidateQueries({ queryKey: ['org-units'] });
    } catch (err) {
      notifyError(err);
    }
  };
  return (
    <Group gap="xs" pl={depth * 20} py={4} wrap="nowrap">
      {editing ? (
        <form onSubmit={save} style={{ display: 'flex', gap: 8 }}>
          <TextInput
            size="xs"
            aria-label={t('admin.units.rename')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Button size="xs" type="submit">
            {t('common.save')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
        </form>
      ) : (
        <>
          <Text size="sm">{unit.name}</Text>
          <Text size="xs" c="dimmed">
            {t(`unitKind.${unit.kind}`)}
          </Text>
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={() => setEditing(true)}
            aria-label={t('admin.units.renameNamed', { name: unit.name })}
          >
            <span aria-hidden="true">✎</span>
          </ActionIcon>
        </>
      )}
    </Group>
  );
}

export function UnitsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = useOrgUnits();
  const [parentId, setParentId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TUnitKind>('branch');
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (units.isPending) return <PageLoader />;
  if (units.isError) return <Text c="red.8">{units.error.message}</Text>;
  const byId = new Map(units.data.map((u) => [u.id, u]));
  const options = unitOptions(units.data);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      await api.post('/api/org-units', { parentId, name, kind });
      setName('');
      await qc.invalidateQueries({ queryKey: ['org-units'] });
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) notifyError(err);
    }
  };

  return (
    <Stack>
      <Paper withBorder p="sm" radius="md">
        {options.map((o) => {
          const u = byId.get(o.value);
          return u ? <UnitRow key={u.id} unit={u} depth={o.depth} /> : null;
        })}
      </Paper>
      <form onSubmit={add} noValidate>
        <Group align="flex-end" wrap="wrap">
          <UnitSelect
            label={t('admin.units.parent')}
            placeholder={t('admin.units.topLevel')}
            value={parentId}
            onChange={setParentId}
            clearable
            error={errors.parentId}
            w={{ base: '100%', sm: 220 }}
          />
          <TextInput
            label={t('admin.units.name')}
            required
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={{ base: '100%', sm: 220 }}
          />
          <Select
            label={t('admin.units.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => setKind(pick(KINDS, v) ?? 'branch')}
            w={{ base: '100%', sm: 160 }}
          />
          <Button type="submit" disabled={!name.trim()}>
            {t('admin.units.add')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
