// The retention panel of the customer page: tier, RFM, CLV, P(alive), churn risk, their
// history over model runs, tier history, purchases, contracts and loyalty points.
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { date, money, num, pct } from '../../lib/format';
import { useOverview, useRetentionCustomer } from './api';
import { TierBadge } from './ScoreTable';

function Stat({ label, value, help }: { label: string; value: React.ReactNode; help?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} title={help}>
        {value}
      </Text>
    </div>
  );
}

export function RetentionPanel({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useRetentionCustomer(customerId);
  const overview = useOverview();
  const currency = overview.data?.settings.currency ?? 'EUR';
  if (q.isPending || q.isError) return null;
  const v = q.data;
  const c = v.current;
  return (
    <Paper withBorder p="md" radius="md" aria-labelledby="retention-panel-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="retention-panel-title">
          {t('retention.panel.title')}
        </Title>
        {c && <TierBadge tier={c.tier} />}
      </Group>
      {!c ? (
        <Text c="dimmed" size="sm">
          {v.transactions.count
            ? t('retention.panel.notScored')
            : t('retention.panel.noTransactions')}
        </Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} component="dl" spacing="sm" m={0}>
            <Stat label={t('retention.col.clv')} value={money(c.clv, lang, currency)} />
            <Stat label={t('retention.col.pAlive')} value={pct(c.pAlive, lang)} />
            <Stat
              label={t('retention.panel.churnRisk')}
              value={
                <Badge
                  color={
                    (v.churnRisk ?? 0) >= 0.5
                      ? 'red'
                      : (v.churnRisk ?? 0) >= 0.25
                        ? 'orange'
                        : 'teal'
                  }
                  variant="light"
                >
                  {pct(v.churnRisk, lang)}
                </Badge>
              }
              help={
                v.churnSource === 'contract'
                  ? t('retention.panel.churnHelpContract')
                  : t('retention.panel.churnHelp')
              }
            />
            <Stat label={t('retention.col.expected90')} value={num(c.expected90d, lang)} />
            <Stat label={t('retention.col.expected365')} value={num(c.expected365d, lang)} />
            <Stat
              label={t('retention.col.rfm')}
              value={`${c.rfm.r}-${c.rfm.f}-${c.rfm.m} · ${t(`retention.segment.${c.rfm.segment}`)}`}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {v.churnSource === 'contract'
              ? t('retention.panel.churnFromContract')
              : t('retention.panel.churnFromModel')}{' '}
            {t('retention.panel.purchases', {
              n: v.transactions.count,
              total: money(v.transactions.total, lang, currency),
              first: v.transactions.first ?? '—',
              last: v.transactions.last ?? '—',
            })}
            {v.loyalty &&
              ` · ${t('retention.panel.loyalty', { no: v.loyalty.memberNo, points: num(v.loyalty.balance, lang, 0) })}`}
          </Text>
          {v.history.length > 0 && (
            <Table.ScrollContainer minWidth={420}>
              <Table fz="xs" verticalSpacing={2}>
                <Table.Caption>{t('retention.panel.history')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('retention.version')}</Table.Th>
                    <Table.Th>{t('retention.calibrationEnd')}</Table.Th>
                    <Table.Th ta="right">{t('retention.col.pAlive')}</Table.Th>
                    <Table.Th ta="right">{t('retention.col.clv')}</Table.Th>
                    <Table.Th>{t('retention.col.segment')}</Table.Th>
                    <Table.Th>{t('retention.col.tier')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {v.history.map((h) => (
                    <Table.Tr key={h.version}>
                      <Table.Td>v{h.version}</Table.Td>
                      <Table.Td>{h.calibrationEnd}</Table.Td>
                      <Table.Td ta="right">{pct(h.pAlive, lang)}</Table.Td>
                      <Table.Td ta="right">{money(h.clv, lang, currency)}</Table.Td>
                      <Table.Td>{t(`retention.segment.${h.segment}`)}</Table.Td>
                      <Table.Td>
                        <TierBadge tier={h.tier} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {v.tierHistory.length > 1 && (
            <Text size="xs">
              {t('retention.panel.tierHistory')}:{' '}
              {v.tierHistory
                .map((h) => `${t(`retention.tier.${h.to}`)} (${date(h.at, lang)})`)
                .join(' → ')}
            </Text>
          )}
          {v.contracts.length > 0 && (
            <Text size="xs">
              {t('retention.panel.contracts')}:{' '}
              {v.contracts
                .map(
                  (k) =>
                    `${k.plan} (${date(k.startDate, lang)} – ${k.endDate ? date(k.endDate, lang) : t('retention.panel.ongoing')})`,
                )
                .join('; ')}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
