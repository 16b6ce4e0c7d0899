// Panels list and "new panel" form.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { type TPanel, usePanels } from './api';

function NewPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({
    name: '',
    description: '',
    kind: 'external',
    consentText: '',
    signupOpen: false,
  });
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const p = await api.post<TPanel>('/api/panels', v);
      await qc.invalidateQueries({ queryKey: ['panels'] });
      onClose();
      navigate(`/panels/${p.id}`);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <TextInput
        label={t('panels.name')}
        required
        value={v.name}
        onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
      />
      <Textarea
        label={t('panels.description')}
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.currentTarget.value })}
      />
      <Select
        label={t('panels.kindLabel')}
        value={v.kind}
        allowDeselect={false}
        data={['external', 'internal', 'mixed'].map((k) => ({
          value: k,
          label: t(`panels.kind.${k}`),
        }))}
        onChange={(k) => setV({ ...v, kind: k ?? 'external' })}
      />
      <Textarea
        label={t('panels.consentText')}
        description={t('panels.consentHelp')}
        value={v.consentText}
        onChange={(e) => setV({ ...v, consentText: e.currentTarget.value })}
      />
      <Text size="sm" c="dimmed">
        {t('panels.fatigueHelp')}
      </Text>
      <Switch
        label={t('panels.signupOpen')}
        checked={v.signupOpen}
        onChange={(e) => setV({ ...v, signupOpen: e.currentTarget.checked })}
      />
      <Group justify="flex-end">
        <Button onClick={save} loading={busy} disabled={!v.name.trim()}>
          {t('panels.create')}
        </Button>
      </Group>
    </Stack>
  );
}

export default function PanelsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const f = useFormat();
  const panels = usePanels();
  const [open, { open: show, close }] = useDisclosure(false);
  if (panels.isLoading) return <PageLoader />;
  const items = panels.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {t('panels.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('panels.intro')}
          </Text>
        </div>
        {canWrite(user) && <Button onClick={show}>{t('panels.new')}</Button>}
      </Group>
      <Group gap="md" wrap="wrap">
        <Anchor component={Link} to="/panels/insights">
          {t('panels.links.insights')}
        </Anchor>
      </Group>
      {items.length === 0 && <Text c="dimmed">{t('panels.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {items.map((p) => (
          <Card key={p.id} withBorder padding="md">
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} to={`/panels/${p.id}`} fw={600}>
                  {p.name}
                </Anchor>
                <Badge variant="light" style={{ flexShrink: 0 }}>
                  {t(`panels.kind.${p.kind}`)}
                </Badge>
              </Group>
              {p.description && (
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {p.description}
                </Text>
              )}
              <Text size="sm">
                {t('panels.membersCount', {
                  active: f.int(p.activeMembers),
                  total: f.int(p.members),
                })}
                {' · '}
                {t('panels.sessionsCount', { count: p.sessions, formatted: f.int(p.sessions) })}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Modal opened={open} onClose={close} title={t('panels.new')} size="lg">
        <NewPanel onClose={close} />
      </Modal>
    </Stack>
  );
}
