import {
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TRole, TUser } from '../../api/types';
import { useSession } from '../../auth/session';
import { fieldErrorsOf, notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { pick } from '../../ui/pick';
import { UnitSelect } from '../../ui/UnitSelect';
import { unitName, useOrgUnits } from '../../ui/units';

const ROLES: TRole[] = ['owner', 'admin', 'analyst', 'agent', 'viewer', 'shopper'];

function CreateUser({ roles, onDone }: { roles: TRole[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<TRole>('analyst');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await api.post('/api/users', {
        email,
        name,
        role,
        unitId,
        ...(password ? { password } : {}),
      });
      notifyOk(t('admin.users.created'));
      onDone();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('admin.users.email')}
          type="email"
          required
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label={t('admin.users.name')}
          required
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label={t('admin.users.role')}
          data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          allowDeselect={false}
          error={errors.role}
          onChange={(v) => setRole(pick(roles, v) ?? 'analyst')}
        />
        <UnitSelect
          label={t('admin.users.unit')}
          description={t('admin.users.unitHelp')}
          placeholder={t('units.all')}
          value={unitId}
          clearable
          error={errors.unitId}
          onChange={setUnitId}
        />
        <PasswordInput
          label={t('admin.users.password')}
          description={t('admin.users.passwordHelp')}
          autoComplete="new-password"
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" loading={busy}>
          {t('common.create')}
        </Button>
      </Stack>
    </form>
  );
}

export function UsersTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = useOrgUnits();
  const [opened, { open, close }] = useDisclosure(false);
  // The server's rules, mirrored so nobody is offered a control that can only fail: owners are
  // changed only by owners, and the last active owner stays active. The server still decides.
  const isOwner = useSession().user?.role === 'owner';
  const roles = isOwner ? ROLES : ROLES.filter((r) => r !== 'owner');
  const activeOwners = (all: TUser[]) => all.filter((u) => u.role === 'owner' && u.active).length;
  const lockedBecause = (u: TUser, all: TUser[]): string | undefined => {
    if (u.role !== 'owner') return undefined;
    if (!isOwner) return t('admin.users.ownerOnly');
    if (u.active && activeOwners(all) <= 1) return t('admin.users.lastOwner');
    return undefined;
  };
  const q = useQuery({
    queryKey: ['users'],
    queryFn: () => api.get<{ items: TUser[] }>('/api/users').then((r) => r.items),
  });
  const toggle = async (u: TUser) => {
    try {
      await api.patch(`/api/users/${u.id}`, { active: !u.active });
      await qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Stack>
      <Group>
        <Button onClick={open}>{t('admin.users.create')}</Button>
      </Group>
      {q.isPending ? (
        <PageLoader />
      ) : q.isError ? (
        <Text c="red.8">{q.error.message}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.users.name')}</Table.Th>
                <Table.Th>{t('admin.users.email')}</Table.Th>
                <Table.Th>{t('admin.users.role')}</Table.Th>
                <Table.Th>{t('admin.users.unit')}</Table.Th>
                <Table.Th>{t('admin.users.active')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((u) => {
                const locked = lockedBecause(u, q.data);
                return (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.name}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                    <Table.Td>{unitName(units.data, u.unitId) || t('units.all')}</Table.Td>
                    <Table.Td>
                      <Switch
                        checked={u.active}
                        disabled={locked !== undefined}
                        description={locked}
                        aria-label={t('admin.users.activeFor', { name: u.name })}
                        onChange={() => void toggle(u)}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={opened} onClose={close} title={t('admin.users.create')}>
        <CreateUser
          roles={roles}
          onDone={() => {
            close();
            void qc.invalidateQueries({ queryKey: ['users'] });
          }}
        />
      </Modal>
    </Stack>
  );
}
