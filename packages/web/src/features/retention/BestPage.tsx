import { Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { money } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { TIER_KEYS, useOverview, useScores } from './api';
import { ScoreTable, TierBadge } from './ScoreTable';

export default function BestPage() {
  const { t, i18n } = useTranslation();
  const [tier, setTier] = useState<string | null>(null);
  const overview = useOverview();
  const q = useScores('best', 50, tier ?? undefined);
  const currency = overview.data?.settings.currency ?? 'EUR';
  return (
    <Stack gap="md">
      {overview.data && overview.data.tiers.length > 0 && (
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          {overview.data.tiers
            .filter((x) => x.tier)
            .map((x) => (
              <Paper key={x.tier} withBorder p="sm" radius="md">
                <Group justify="space-between">
                  <TierBadge tier={x.tier} />
                  <Text fw={700}>{t('retention.customersN', { n: x.customers })}</Text>
                </Group>
                <Text size="sm" c="dimmed" mt={4}>
                  {t('retention.tierClv', { v: money(x.clv, i18n.language, currency) })}
                </Text>
              </Paper>
            ))}
        </SimpleGrid>
      )}
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('retention.bestHelp')}
        </Text>
        <Select
          label={t('retention.col.tier')}
          placeholder={t('retention.allTiers')}
          data={TIER_KEYS.map((k) => ({ value: k, label: t(`retention.tier.${k}`) }))}
          value={tier}
          onChange={setTier}
          clearable
          w={180}
        />
      </Group>
      {q.isPending ? (
        <PageLoader />
      ) : q.isError ? (
        <Text c="red.8">{q.error.message}</Text>
      ) : q.data.items.length === 0 ? (
        <Text c="dimmed">{t('retention.empty')}</Text>
      ) : (
        <ScoreTable items={q.data.items} currency={currency} />
      )}
    </Stack>
  );
}
