// The scorecard body shared by the unit and the staff pages: survey results, mystery shopping
// and audits beside them, compliance, complaints, compliments; trend; latest visits; and the
// fair comparison (ranks only where the sample is big enough).
import { Badge, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { TMetric, TScorecard } from './api';
import { CountTile, MetricTile } from './MetricTile';
import { TrendPanel } from './TrendPanel';

export function ScorecardView({ card }: { card: TScorecard }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const nps = (v: number | null | undefined) => fmt.num(v, 1);
  const share = (v: number | null | undefined) => fmt.pct(v, 1);
  const sq = (v: number | null | undefined) => fmt.score(v, 7, 2);
  const fw = card.fieldwork;
  const c = card.complaints;
  const cell = (m: TMetric, show: (v: number | null) => string) =>
    m.n === 0 ? (
      <Text size="sm" c="dimmed">
        {t('performance.noData')}
      </Text>
    ) : m.enough ? (
      <Text size="sm">
        {show(m.value)}{' '}
        <Text span size="xs" c="dimmed">
          ({t('performance.sample', { n: m.n })})
        </Text>
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        {t('performance.notEnoughShort', { n: m.n, min: m.min })}
      </Text>
    );
  return (
    <Stack gap="lg">
      <section aria-labelledby="perf-surveys">
        <Title order={2} size="h4" id="perf-surveys" mb="xs">
          {t('performance.section.customers')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm">
          <MetricTile
            id="nps"
            title={t('performance.metric.nps')}
            metric={card.surveys.nps}
            show={nps}
          />
          <MetricTile
            id="csat"
            title={t('performance.metric.csat')}
            metric={card.surveys.csat}
            show={share}
          />
          <MetricTile
            title={t('performance.metric.servqual')}
            metric={card.surveys.servqual}
            show={sq}
          />
          {fw.available && (
            <MetricTile
              id="mystery"
              title={t('performance.metric.mystery')}
              metric={fw.mystery.score}
              show={share}
              extra={
                fw.mystery.critical.n > 0 && (
                  <Text size="xs" c={fw.mystery.critical.value ? 'red.8' : 'dimmed'}>
                    {t('performance.criticalRate', { value: share(fw.mystery.critical.value) })}
                  </Text>
                )
              }
            />
          )}
          {fw.available && (
            <MetricTile
              title={t('performance.metric.audit')}
              metric={fw.audit.score}
              show={share}
              extra={
                fw.audit.critical.n > 0 && (
                  <Text size="xs" c={fw.audit.critical.value ? 'red.8' : 'dimmed'}>
                    {t('performance.criticalRate', { value: share(fw.audit.critical.value) })}
                  </Text>
                )
              }
            />
          )}
          {fw.available && (
            <MetricTile
              title={t('performance.metric.compliance')}
              metric={fw.compliance}
              show={share}
              hint={t('performance.complianceHint')}
            />
          )}
          <CountTile
            title={t(
              card.subject.kind === 'staff'
                ? 'performance.metric.complaintsStaff'
                : 'performance.metric.complaints',
            )}
            lines={[
              fmt.int(c.received),
              t('performance.complaintsLine', { closed: fmt.int(c.closed), open: fmt.int(c.open) }),
              ...(c.named !== null ? [t('performance.namedLine', { n: fmt.int(c.named) })] : []),
            ]}
          />
          {c.withinSla && (
            <MetricTile title={t('performance.metric.sla')} metric={c.withinSla} show={share} />
          )}
          <CountTile
            title={t('performance.metric.compliments')}
            lines={[fmt.int(card.compliments)]}
          />
        </SimpleGrid>
        {!fw.available && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('performance.noFieldwork')}
          </Text>
        )}
      </section>

      <Card withBorder padding="sm">
        <Title order={2} size="h4" mb="xs">
          {t('performance.section.trend')}
        </Title>
        <TrendPanel card={card} />
      </Card>

      {fw.available && (
        <section aria-labelledby="perf-visits">
          <Title order={2} size="h4" id="perf-visits" mb="xs">
            {t('performance.section.visits')}
          </Title>
          {fw.latest.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('performance.noVisits')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table striped data-testid="latest-visits">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('performance.visit.date')}</Table.Th>
                    <Table.Th>{t('performance.visit.kind')}</Table.Th>
                    <Table.Th>{t('performance.visit.unit')}</Table.Th>
                    <Table.Th>{t('performance.visit.score')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {fw.latest.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>{fmt.date(v.visitedAt)}</Table.Td>
                      <Table.Td>{t(`performance.visit.kinds.${v.kind}`)}</Table.Td>
                      <Table.Td>{v.unitName ?? '—'}</Table.Td>
                      <Table.Td>
                        {share(v.score)}{' '}
                        {v.criticalFailed && (
                          <Badge color="red" size="sm">
                            {t('performance.visit.critical')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {fw.actions.length > 0 && (
            <Stack gap={4} mt="sm" data-testid="visit-actions">
              <Text size="sm" fw={600}>
                {t('performance.section.actions')}
              </Text>
              {fw.actions.map((a) => (
                <Text key={a.id} size="sm">
                  {a.critical && (
                    <Badge mr={6} color="red" size="xs">
                      {t('performance.visit.critical')}
                    </Badge>
                  )}
                  {a.title} · {a.unitName} · {t(`performance.actionStatus.${a.status}`)} ·{' '}
                  {t('performance.dueOn', { date: fmt.date(a.dueOn) })}
                  {a.ownerName ? ` · ${a.ownerName}` : ''}
                  {a.overdue && (
                    <Badge ml={6} color="red" size="xs">
                      {t('performance.overdue')}
                    </Badge>
                  )}
                </Text>
              ))}
            </Stack>
          )}
        </section>
      )}

      {card.compare && card.compare.rows.length > 0 && (
        <section aria-labelledby="perf-compare">
          <Title order={2} size="h4" id="perf-compare" mb={4}>
            {t(`performance.section.compare.${card.compare.kind}`)}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('performance.compareHint', {
              nps: card.minimums.nps,
              visits: card.minimums.visits,
            })}
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`performance.compareCol.${card.compare.kind}`)}</Table.Th>
                  <Table.Th>{t('performance.metric.nps')}</Table.Th>
                  <Table.Th>{t('performance.rankCol')}</Table.Th>
                  <Table.Th>{t('performance.metric.csat')}</Table.Th>
                  {fw.available && <Table.Th>{t('performance.metric.mystery')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {card.compare.rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{cell(r.nps, nps)}</Table.Td>
                    <Table.Td>{r.rank.nps ?? '—'}</Table.Td>
                    <Table.Td>{cell(r.csat, share)}</Table.Td>
                    {fw.available && <Table.Td>{cell(r.mystery, share)}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      )}
    </Stack>
  );
}
