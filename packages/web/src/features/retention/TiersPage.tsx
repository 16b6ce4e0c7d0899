// Value tiers and their benefits (status recognition), tier rules (admins), loyalty club
// members and tier-change notifications.
import {
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isAdmin, useSession } from '../../auth/session';
import { money, num, pct } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import {
  saveSettings,
  type TRetentionSettings,
  useMembers,
  useNotifications,
  useOverview,
  useSettings,
} from './api';
import { NO_TRUNCATE, TierBadge } from './ScoreTable';

function benefitsText(b: Array<{ es: string; en: string }>, lang: 'es' | 'en') {
  return b.map((x) => x[lang]).join('\n');
}

function SettingsForm({ initial }: { initial: TRetentionSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState(initial);
  const [busy, setBusy] = useState(false);
  useEffect(() => setV(initial), [initial]);
  const setTier = (key: string, patch: Partial<TRetentionSettings['tiers'][number]>) =>
    setV((s) => ({ ...s, tiers: s.tiers.map((x) => (x.key === key ? { ...x, ...patch } : x)) }));
  const setBenefits = (key: string, lang: 'es' | 'en', text: string) => {
    const tier = v.tiers.find((x) => x.key === key);
    if (!tier) return;
    const lines = text.split('\n');
    const n = Math.max(lines.length, tier.benefits.length);
    const other = lang === 'es' ? 'en' : 'es';
    const benefits = Array.from({ length: n }, (_, i) => ({
      [lang]: lines[i] ?? '',
      [other]: tier.benefits[i]?.[other] ?? '',
    })) as Array<{ es: string; en: string }>;
    setTier(key, { benefits });
  };
  const save = async () => {
    setBusy(true);
    try {
      const clean = {
        ...v,
        tiers: v.tiers.map((x) => ({
          ...x,
          benefits: x.benefits
            .filter((b) => b.es.trim() || b.en.trim())
            .map((b) => ({ es: b.es.trim() || b.en.trim(), en: b.en.trim() || b.es.trim() })),
        })),
      };
      await saveSettings(clean);
      notifyOk(t('retention.settingsSaved'));
      await qc.invalidateQueries({ queryKey: ['retention'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('retention.rules')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('retention.discountRate')}
            description={t('retention.discountRateHelp')}
            value={v.discountRate * 100}
            onChange={(x) => setV({ ...v, discountRate: Number(x) / 100 })}
            min={0}
            max={99}
            suffix=" %"
            decimalScale={2}
          />
          <NumberInput
            label={t('retention.horizon')}
            value={v.clvHorizonWeeks}
            onChange={(x) => setV({ ...v, clvHorizonWeeks: Number(x) })}
            min={1}
            max={520}
          />
          <NumberInput
            label={t('retention.atRiskThreshold')}
            value={v.atRiskPAlive * 100}
            onChange={(x) => setV({ ...v, atRiskPAlive: Number(x) / 100 })}
            min={1}
            max={99}
            suffix=" %"
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500} id="tier-mode-label">
            {t('retention.tierMode')}
          </Text>
          <SegmentedControl
            aria-labelledby="tier-mode-label"
            value={v.tierMode}
            onChange={(x) => setV({ ...v, tierMode: x as 'percentile' | 'rules' })}
            data={[
              { value: 'percentile', label: t('retention.modePercentile') },
              { value: 'rules', label: t('retention.modeRules') },
            ]}
          />
        </div>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {v.tiers.map((x) => (
            <Paper key={x.key} withBorder p="sm" radius="sm">
              <TierBadge tier={x.key} />
              {v.tierMode === 'percentile' ? (
                <NumberInput
                  mt="xs"
                  label={t('retention.minPercentile')}
                  value={x.minPercentile}
                  onChange={(n) => setTier(x.key, { minPercentile: Number(n) })}
                  min={0}
                  max={99.99}
                />
              ) : (
                <NumberInput
                  mt="xs"
                  label={t('retention.minClv')}
                  value={x.minClv}
                  onChange={(n) => setTier(x.key, { minClv: Number(n) })}
                  min={0}
                />
              )}
              <Textarea
                mt="xs"
                label={t('retention.benefitsEs')}
                autosize
                minRows={2}
                value={benefitsText(x.benefits, 'es')}
                onChange={(e) => setBenefits(x.key, 'es', e.currentTarget.value)}
              />
              <Textarea
                mt="xs"
                label={t('retention.benefitsEn')}
                autosize
                minRows={2}
                value={benefitsText(x.benefits, 'en')}
                onChange={(e) => setBenefits(x.key, 'en', e.currentTarget.value)}
              />
            </Paper>
          ))}
        </SimpleGrid>
        <Switch
          label={t('retention.emailTierChanges')}
          checked={v.emailTierChanges}
          onChange={(e) => setV({ ...v, emailTierChanges: e.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function TiersPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const settings = useSettings();
  const overview = useOverview();
  const members = useMembers();
  const notes = useNotifications();
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <Text c="red.8">{settings.error.message}</Text>;
  const s = settings.data;
  const counts = new Map((overview.data?.tiers ?? []).map((x) => [x.tier, x.customers]));
  const tiers = [...s.tiers].reverse();
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        {t('retention.tiersHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {tiers.map((x) => (
          <Paper key={x.key} withBorder p="md" radius="md">
            <Group justify="space-between">
              <TierBadge tier={x.key} />
              <Text size="sm">{t('retention.customersN', { n: counts.get(x.key) ?? 0 })}</Text>
            </Group>
            <Text size="sm" c="dimmed" mt={6}>
              {s.tierMode === 'percentile'
                ? t('retention.rulePercentile', { v: num(x.minPercentile, i18n.language) })
                : t('retention.ruleClv', { v: money(x.minClv, i18n.language, s.currency) })}
            </Text>
            <Title order={3} size="h6" mt="sm">
              {t('retention.benefits')}
            </Title>
            {x.benefits.length ? (
              <List size="sm" spacing={2}>
                {x.benefits.map((b) => (
                  <List.Item key={b.es}>{b[lang]}</List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                —
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      {isAdmin(user) && <SettingsForm initial={s} />}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {t('retention.members', { n: members.data?.items.length ?? 0 })}
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('retention.memberNo')}</Table.Th>
                  <Table.Th>{t('retention.col.customer')}</Table.Th>
                  <Table.Th>{t('retention.col.tier')}</Table.Th>
                  <Table.Th ta="right">{t('retention.points')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(members.data?.items ?? []).slice(0, 15).map((m) => (
                  <Table.Tr key={m.customerId}>
                    <Table.Td ff="monospace">{m.memberNo}</Table.Td>
                    <Table.Td>
                      <Link to={`/customers/${m.customerId}`}>{m.name}</Link>
                    </Table.Td>
                    <Table.Td>
                      <TierBadge tier={m.tier} />
                    </Table.Td>
                    <Table.Td ta="right">{num(m.balance, i18n.language, 0)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {t('retention.notifications')}
          </Title>
          {(notes.data?.items ?? []).length === 0 ? (
            <Text c="dimmed">{t('retention.noNotifications')}</Text>
          ) : (
            <Stack gap={6}>
              {(notes.data?.items ?? []).slice(0, 12).map((n) => (
                <Group key={n.id} gap={4} wrap="wrap" justify="space-between">
                  <Text size="sm">{n.name}</Text>
                  <Group gap={4} wrap="nowrap">
                    <TierBadge tier={n.payload.from} />
                    <Text size="sm" aria-hidden>
                      →
                    </Text>
                    <TierBadge tier={n.payload.to} />
                    <Badge
                      variant="outline"
                      color={n.kind === 'tier_upgrade' ? 'teal' : 'red'}
                      size="sm"
                      styles={NO_TRUNCATE}
                    >
                      {t(`retention.notice.${n.kind}`)}
                    </Badge>
                  </Group>
                </Group>
              ))}
            </Stack>
          )}
          <Text size="xs" c="dimmed" mt="sm">
            {t('retention.discountInfo', { v: pct(s.discountRate, i18n.language, 1) })}
          </Text>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
