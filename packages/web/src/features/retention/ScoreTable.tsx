import { Anchor, Badge, Checkbox, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { money, num, pct } from '../../lib/format';
import { type TCustomerScore, TIER_COLORS } from './api';

/** Badges in table cells keep their full text (Mantine's label would otherwise ellipsize when
 *  the table squeezes the column). */
export const NO_TRUNCATE = { label: { overflow: 'visible', textOverflow: 'clip' } } as const;

export function TierBadge({ tier }: { tier: string | null | undefined }) {
  const { t } = useTranslation();
  if (!tier) return <Text c="dimmed">—</Text>;
  return (
    <Badge color={TIER_COLORS[tier] ?? 'gray'} variant="light" styles={NO_TRUNCATE}>
      {t(`retention.tier.${tier}`)}
    </Badge>
  );
}

/** P(alive) with the change since the previous run (arrow + text, not colour only). */
export function PAlive({ s }: { s: Pick<TCustomerScore, 'pAlive' | 'pAlivePrev'> }) {
  const { t, i18n } = useTranslation();
  const d = s.pAlivePrev === null ? null : s.pAlive - s.pAlivePrev;
  return (
    <span>
      {pct(s.pAlive, i18n.language)}
      {d !== null && Math.abs(d) >= 0.005 && (
        <Text
          span
          size="xs"
          c={d < 0 ? 'red.8' : 'teal.8'}
          ml={4}
          aria-label={t(d < 0 ? 'retention.fell' : 'retention.rose', {
            v: pct(Math.abs(d), i18n.language),
          })}
        >
          {d < 0 ? '▼' : '▲'} {pct(Math.abs(d), i18n.language)}
        </Text>
      )}
    </span>
  );
}

export function ScoreTable({
  items,
  currency,
  selected,
  onToggle,
}: {
  items: TCustomerScore[];
  currency: string;
  selected?: Set<string>;
  onToggle?: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {onToggle && (
              <Table.Th>
                <VisuallyHidden>{t('retention.select')}</VisuallyHidden>
              </Table.Th>
            )}
            <Table.Th>{t('retention.col.customer')}</Table.Th>
            <Table.Th>{t('retention.col.tier')}</Table.Th>
            <Table.Th>{t('retention.col.segment')}</Table.Th>
            <Table.Th ta="right">{t('retention.col.pAlive')}</Table.Th>
            <Table.Th ta="right">{t('retention.col.expected365')}</Table.Th>
            <Table.Th ta="right">{t('retention.col.clv')}</Table.Th>
            <Table.Th ta="right">{t('retention.col.rfm')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.customerId}>
              {onToggle && (
                <Table.Td>
                  <Checkbox
                    aria-label={t('retention.selectCustomer', { name: s.name })}
                    checked={selected?.has(s.customerId) ?? false}
                    onChange={() => onToggle(s.customerId)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Anchor component={Link} to={`/customers/${s.customerId}`}>
                  {s.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {s.externalId}
                </Text>
              </Table.Td>
              <Table.Td>
                <TierBadge tier={s.tier} />
              </Table.Td>
              <Table.Td>{t(`retention.segment.${s.rfm.segment}`)}</Table.Td>
              <Table.Td ta="right">
                <PAlive s={s} />
              </Table.Td>
              <Table.Td ta="right">{num(s.expected365d, lang)}</Table.Td>
              <Table.Td ta="right">{money(s.clv, lang, currency)}</Table.Td>
              <Table.Td ta="right">
                <Text span ff="monospace" aria-label={`R ${s.rfm.r}, F ${s.rfm.f}, M ${s.rfm.m}`}>
                  {s.rfm.r}
                  {s.rfm.f}
                  {s.rfm.m}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
