import {
  AppShell,
  Avatar,
  Box,
  Burger,
  Group,
  Menu,
  Modal,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, NavLink as RouterLink, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { isAdmin, useSession } from '../auth/session';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm';
import { LocaleDates } from './DateField';
import { LanguageSwitch } from './LanguageSwitch';
import { notifyError } from './notify';
import { PageLoader } from './PageLoader';
import { UnitSelect } from './UnitSelect';
import { useSelectedUnit } from './units';

// Only modules that exist are listed: standards and strategy come back here when they have pages
// (a menu entry that leads to "coming soon" costs the user's trust).
export const MODULES = [
  'analytics',
  'customers',
  'surveys',
  'complaints',
  'retention',
  'standards',
  'fieldwork',
  'performance',
  'diagnostic',
  'strategy',
  'panels',
  'admin',
] as const;

function UnitPicker() {
  const { t } = useTranslation();
  const [unit, setUnit] = useSelectedUnit();
  return (
    <UnitSelect
      includeAll
      aria-label={t('units.picker')}
      placeholder={t('units.picker')}
      value={unit}
      onChange={(v) => setUnit(v ?? '')}
      allowDeselect={false}
      size="xs"
      w={{ base: '100%', sm: 220 }}
      comboboxProps={{ width: 260, position: 'bottom-end' }}
    />
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [passwordOpen, { open: openPassword, close: closePassword }] = useDisclosure(false);
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
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('user.menu')} className="fid-focus" px={4} py={4}>
            <Group gap={6} wrap="nowrap">
              <Avatar size="sm" color="teal" name={user?.name || user?.email} />
              <Text size="sm" fw={600} truncate maw={200} visibleFrom="md">
                {user?.name || user?.email}
              </Text>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {user?.email} · {user ? t(`roles.${user.role}`) : ''}
          </Menu.Label>
          <Menu.Label>{user?.orgName}</Menu.Label>
          <Menu.Divider />
          <Menu.Item onClick={openPassword}>{t('user.changePassword')}</Menu.Item>
          <Menu.Item onClick={() => void logout()}>{t('user.logout')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={passwordOpen} onClose={closePassword} title={t('user.changePassword')}>
        <ChangePasswordForm onDone={closePassword} />
      </Modal>
    </>
  );
}

export default function Shell() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  // Mystery shoppers see only their own assigned visits (fieldwork), nothing else of the product.
  const shopper = user?.role === 'shopper';
  if (shopper && !location.pathname.startsWith('/fieldwork/')) {
    return <Navigate to="/fieldwork/my" replace />;
  }
  return (
    <>
      <a href="#main" className="fid-skip">
        {t('nav.skip')}
      </a>
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
              {/* On phones the picker lives at the top of the burger menu to keep the header narrow. */}
              <Box visibleFrom="sm">{!shopper && <UnitPicker />}</Box>
              <LanguageSwitch />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
          <Box hiddenFrom="sm" mb="sm">
            {!shopper && <UnitPicker />}
          </Box>
          <ScrollArea>
            {MODULES.filter((m) => m !== 'admin' || isAdmin(user))
              .filter((m) => !shopper || m === 'fieldwork')
              .map((m) => (
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
        <AppShell.Main id="main" tabIndex={-1}>
          {/* Here, not in main.tsx: the date pickers stay out of the login page's bundle. */}
          <LocaleDates>
            <Suspense fallback={<PageLoader />}>
              <Outlet />
            </Suspense>
          </LocaleDates>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
