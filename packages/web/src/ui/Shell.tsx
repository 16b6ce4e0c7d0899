import {
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterLink, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { isAdmin, useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { notifyError } from './notify';
import { PageLoader } from './PageLoader';
import { unitOptions, useOrgUnits, useSelectedUnit } from './units';

export const MODULES = [
  'customers',
  'surveys',
  'analytics',
  'complaints',
  'retention',
  'standards',
  'strategy',
  'admin',
] as const;

function UnitPicker() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const [unit, setUnit] = useSelectedUnit();
  const options = [{ value: '', label: t('units.all') }, ...unitOptions(units.data ?? [])];
  return (
    <Select
      aria-label={t('units.picker')}
      placeholder={t('units.picker')}
      data={options.map((o) => ({ value: o.value, label: o.label }))}
      value={unit}
      onChange={(v) => setUnit(v ?? '')}
      allowDeselect={false}
      searchable
      size="xs"
      w={{ base: 140, sm: 220 }}
      comboboxProps={{ width: 260, position: 'bottom-end' }}
    />
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const logout = async () => {
    try {
      await api.post('/api/auth/logout');
    } catch (e) {
      notifyError(e);
    }
    qc.clear();
    await refresh();
    navigate('/login');
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('user.menu')} className="fid-focus" px="xs" py={4}>
          <Text size="sm" fw={600} truncate maw={{ base: 80, sm: 200 }}>
            {user?.name || user?.email}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user?.email} · {user ? t(`roles.${user.role}`) : ''}
        </Menu.Label>
        <Menu.Label>{user?.orgName}</Menu.Label>
        <Menu.Divider />
        <Menu.Item onClick={() => void logout()}>{t('user.logout')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(opened ? 'nav.close' : 'nav.open')}
            />
            <Text fw={700} size="lg" c="teal.9" component="span">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <UnitPicker />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <ScrollArea>
          {MODULES.filter((m) => m !== 'admin' || isAdmin(user)).map((m) => (
            <NavLink
              key={m}
              component={RouterLink}
              to={`/${m}`}
              label={t(`nav.${m}`)}
              active={location.pathname.startsWith(`/${m}`)}
              onClick={close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
