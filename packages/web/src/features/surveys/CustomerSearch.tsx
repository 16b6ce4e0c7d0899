// Search registry customers (name, e-mail, external id) with their survey contact status:
// consent, unsubscribed, last survey contact against the contact-fatigue rule. Customers who
// may not be contacted cannot be chosen. Enter in the search box chooses the first one allowed.
import { Badge, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TSurveyCustomer, useSurveyCustomers } from './api';
import { blockReason, daysSince } from './outreach';

export function ContactBadges({ c, fatigueDays }: { c: TSurveyCustomer; fatigueDays: number }) {
  const { t } = useTranslation();
  const block = blockReason(c);
  const days = daysSince(c.lastContactAt);
  return (
    <Group gap={4} wrap="wrap">
      {block ? (
        <Badge color="red" variant="light" size="sm">
          {t(`surveys.pick.block.${block}`)}
        </Badge>
      ) : null}
      {c.withinFatigue && days !== null ? (
        <Badge color="yellow" variant="light" size="sm">
          {t('surveys.pick.recent', { days, limit: fatigueDays })}
        </Badge>
      ) : null}
    </Group>
  );
}

export function CustomerSearch({
  surveyId,
  label,
  actionLabel,
  chosen,
  onPick,
  autoFocus,
}: {
  surveyId: string;
  label: string;
  /** text of each result's button ("Add", "Attach") */
  actionLabel: string;
  /** ids already chosen: their button is disabled */
  chosen?: ReadonlySet<string>;
  onPick: (c: TSurveyCustomer, fatigueDays: number) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q.trim(), 250);
  const list = useSurveyCustomers(surveyId, { q: dq, limit: 8 }, dq.length >= 2);
  const listId = useId();
  const items = dq.length >= 2 ? (list.data?.items ?? []) : [];
  const fatigueDays = list.data?.fatigueDays ?? 0;
  const canPick = (c: TSurveyCustomer) => c.contactable && !chosen?.has(c.id);
  // Enter typed before the results of the current text arrived: choose once they are in.
  const [pendingEnter, setPendingEnter] = useState(false);
  const fresh = dq === q.trim() && dq.length >= 2 && list.isSuccess && !list.isFetching;
  const pickFirst = () => {
    const first = items.find(canPick);
    if (first) {
      onPick(first, fatigueDays);
      setQ('');
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when fresh results arrive
  useEffect(() => {
    if (pendingEnter && fresh) {
      setPendingEnter(false);
      pickFirst();
    }
  }, [pendingEnter, fresh]);
  return (
    <Stack gap={6}>
      <TextInput
        label={label}
        description={t('surveys.pick.searchHelp')}
        placeholder={t('surveys.pick.placeholder')}
        value={q}
        type="search"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-controls={listId}
        rightSection={list.isFetching ? <Loader size="xs" /> : null}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPendingEnter(false);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (fresh) pickFirst();
          else if (q.trim().length >= 2) setPendingEnter(true);
        }}
      />
      <Stack gap={4} id={listId} role="list" aria-label={t('surveys.pick.results')}>
        {dq.length >= 2 && list.isSuccess && items.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            {t('surveys.pick.none')}
          </Text>
        ) : null}
        {items.map((c) => (
          <Group
            key={c.id}
            role="listitem"
            justify="space-between"
            wrap="nowrap"
            gap="xs"
            py={4}
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          >
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {c.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {[c.externalId, c.email, c.phone].filter(Boolean).join(' · ')}
              </Text>
              <ContactBadges c={c} fatigueDays={fatigueDays} />
            </Stack>
            <Button
              size="xs"
              variant="light"
              disabled={!canPick(c)}
              aria-label={`${actionLabel}: ${c.name}`}
              onClick={() => {
                onPick(c, fatigueDays);
                setQ('');
              }}
            >
              {chosen?.has(c.id) ? t('surveys.pick.added') : actionLabel}
            </Button>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
