// One importance model on the customer page (classification by importance): the
// computed loyalty tier and the team's manual class side by side, which one applies, and why.
// The manual class overrides the computed tier (A ≈ gold, B ≈ silver, C ≈ bronze).
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TCustomer } from '../../api/types';
import { useRetentionCustomer } from '../retention/api';
import { TierBadge } from '../retention/ScoreTable';

const TIER_OF_CLASS: Record<string, string> = { A: 'gold', B: 'silver', C: 'bronze' };

export function Importance({ c }: { c: TCustomer }) {
  const { t } = useTranslation();
  const r = useRetentionCustomer(c.id);
  const computed = r.data?.current?.tier ?? null;
  const manual = c.tier;
  const tierName = computed ? t(`retention.tier.${computed}`) : '';
  const verdict = !manual
    ? computed
      ? t('c360.importance.noManual')
      : null
    : !computed
      ? t('c360.importance.noComputed')
      : TIER_OF_CLASS[manual] === computed
        ? t('c360.importance.agree')
        : t('c360.importance.disagree', { cls: manual, tier: tierName });
  return (
    <Paper withBorder p="md" radius="md" aria-labelledby="importance-title">
      <Title order={2} size="h4" mb="sm" id="importance-title">
        {t('c360.importance.title')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 3 }} component="dl" spacing="sm" m={0}>
          <div>
            <Text size="xs" c="dimmed" component="dt">
              {t('c360.importance.treatedAs')}
            </Text>
            <Text component="dd" m={0} fw={600}>
              {manual
                ? t('c360.importance.fromManual', { cls: manual })
                : computed
                  ? t('c360.importance.fromComputed', { tier: tierName })
                  : t('c360.importance.none')}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" component="dt">
              {t('c360.importance.computed')}
            </Text>
            <Text component="dd" m={0}>
              <TierBadge tier={computed} />
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" component="dt">
              {t('c360.importance.manual')}
            </Text>
            <Group component="dd" m={0} gap={4}>
              {manual ? <Badge variant="outline">{manual}</Badge> : <Text c="dimmed">—</Text>}
            </Group>
          </div>
        </SimpleGrid>
        {verdict && <Text size="sm">{verdict}</Text>}
        <Text size="xs" c="dimmed">
          {t('c360.importance.explain')}
        </Text>
      </Stack>
    </Paper>
  );
}
