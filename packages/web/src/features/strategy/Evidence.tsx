// Evidence links (label + product path or web address): a list with remove buttons, an add
// row and quick picks of the product's own reports. Internal paths open in the app.
import { ActionIcon, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TEvidenceLink } from './api';

export function EvidenceLinkView({ link }: { link: TEvidenceLink }) {
  return link.url.startsWith('/') ? (
    <Anchor component={Link} to={link.url} size="sm">
      {link.label}
    </Anchor>
  ) : (
    <Anchor href={link.url} target="_blank" rel="noopener noreferrer" size="sm">
      {link.label}
    </Anchor>
  );
}

export function EvidenceList({ links }: { links: TEvidenceLink[] }) {
  const { t } = useTranslation();
  if (links.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('strategy.evidence.none')}
      </Text>
    );
  return (
    <Group gap="xs" wrap="wrap">
      {links.map((l) => (
        <EvidenceLinkView key={`${l.label}-${l.url}`} link={l} />
      ))}
    </Group>
  );
}

/** The product's reports a team usually cites (label keys under strategy.evidence.pick). */
export const PICKS: Record<string, string> = {
  servqual: '/analytics/servqual',
  nps: '/analytics/nps',
  kano: '/analytics/kano',
  priorities: '/analytics/priorities',
  comments: '/analytics/comments',
  complaints: '/complaints',
  complaintReports: '/complaints/reports',
  atRisk: '/retention/at-risk',
  standards: '/standards',
  value: '/strategy/value',
  needs: '/strategy/needs',
};

export function EvidenceEditor({
  value,
  onChange,
  picks,
  idPrefix,
}: {
  value: TEvidenceLink[];
  onChange: (v: TEvidenceLink[]) => void;
  picks: readonly string[];
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const valid = label.trim() !== '' && /^(\/(?!\/)|https?:\/\/)\S*$/.test(url.trim());
  const add = (l: TEvidenceLink) => {
    if (!value.some((x) => x.url === l.url && x.label === l.label)) onChange([...value, l]);
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('strategy.evidence.title')}
      </Text>
      {value.map((l, i) => (
        <Group key={`${l.label}-${l.url}`} gap="xs" wrap="nowrap">
          <EvidenceLinkView link={l} />
          <ActionIcon
            variant="subtle"
            color="red"
            size="sm"
            aria-label={t('strategy.evidence.remove', { label: l.label })}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group gap={4} wrap="wrap">
        {picks
          .filter((p) => !value.some((x) => x.url === PICKS[p]))
          .map((p) => (
            <Button
              key={p}
              size="compact-xs"
              variant="light"
              onClick={() => add({ label: t(`strategy.evidence.pick.${p}`), url: PICKS[p] ?? '/' })}
            >
              + {t(`strategy.evidence.pick.${p}`)}
            </Button>
          ))}
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          id={`${idPrefix}-label`}
          size="xs"
          label={t('strategy.evidence.label')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
        />
        <TextInput
          id={`${idPrefix}-url`}
          size="xs"
          label={t('strategy.evidence.url')}
          placeholder="/analytics/servqual"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          w={{ base: '100%', sm: 240 }}
        />
        <Button
          size="xs"
          variant="default"
          disabled={!valid}
          onClick={() => {
            add({ label: label.trim(), url: url.trim() });
            setLabel('');
            setUrl('');
          }}
        >
          {t('strategy.evidence.add')}
        </Button>
      </Group>
    </Stack>
  );
}
