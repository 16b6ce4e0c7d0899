import { Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isAdmin, useSession } from '../../auth/session';
import { ComingSoon } from '../../ui/ComingSoon';
import { AuditTab } from './AuditTab';
import { TokensTab } from './TokensTab';
import { UnitsTab } from './UnitsTab';
import { UsersTab } from './UsersTab';

const TABS = ['users', 'units', 'tokens', 'audit'] as const;

export default function AdminPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const params = useParams();
  const navigate = useNavigate();
  if (!isAdmin(user)) return <ComingSoon module="notFound" />;
  const tab = TABS.find((x) => x === params['*']) ?? 'users';
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('nav.admin')}
      </Title>
      <Tabs value={tab} onChange={(v) => navigate(`/admin/${v ?? 'users'}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`admin.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="units">
          <UnitsTab />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokensTab />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
