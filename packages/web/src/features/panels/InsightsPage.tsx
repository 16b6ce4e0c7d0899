// Insights by customer need (stated / real) and by service attribute, with quotes, and the
// theme summary across every panel's sessions.
import {
  Anchor,
  Badge,
  Blockquote,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { type TQuoteRef, useInsightLinks } from './api';
import { ThemeSummary } from './ThemeSummary';

function Quotes({ quotes }: { quotes: TQuoteRef[] }) {
  const f = useFormat();
  return (
    <>
      {quotes.map((q) => (
        <Blockquote
          key={`${q.quote}:${q.sessionAt}`}
          p="xs"
          cite={`${q.topic} · ${f.date(q.sessionAt)}${q.segment ? ` · ${q.segment}` : ''}`}
        >
          {q.quote}
        </Blockquote>
      ))}
    </>
  );
}

export default function InsightsPage() {
  const { t, i18n } = useTranslation();
  const links = useInsightLinks();
  if (links.isLoading) return <PageLoader />;
  const needs = links.data?.needs ?? [];
  const attrs = links.data?.attributes ?? [];
  const en = i18n.resolvedLanguage === 'en';
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/panels" size="sm">
        ← {t('panels.back')}
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {t('panels.insights.linksTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t('panels.insights.linksIntro')}
        </Text>
      </div>
      {needs.length + attrs.length === 0 && <Text c="dimmed">{t('panels.insights.noLinks')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack>
          <Title order={2} size="h4">
            {t('panels.insights.byNeed')}
          </Title>
          {needs.length === 0 && <Text c="dimmed">{t('panels.insights.noNeedLinks')}</Text>}
          {needs.map((n) => (
            <Card key={n.id} withBorder data-testid="need-insights">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{n.text ?? t('panels.insights.unnamedNeed')}</Text>
                <Group gap={4}>
                  {n.kind && (
                    <Badge variant="light" color="grape">
                      {t(`panels.insights.needKinds.${n.kind}`)}
                    </Badge>
                  )}
                  <Badge variant="outline">{t('panels.insights.count', { count: n.count })}</Badge>
                </Group>
              </Group>
              {n.segment && (
                <Text size="xs" c="dimmed">
                  {n.segment}
                </Text>
              )}
              <Quotes quotes={n.quotes} />
            </Card>
          ))}
        </Stack>
        <Stack>
          <Title order={2} size="h4">
            {t('panels.insights.byAttribute')}
          </Title>
          {attrs.length === 0 && <Text c="dimmed">{t('panels.insights.noAttributes')}</Text>}
          {attrs.map((a) => (
            <Card key={a.id} withBorder>
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>
                  {(en ? a.nameEn : a.nameEs) ?? a.nameEs ?? t('panels.insights.unnamedAttribute')}
                </Text>
                <Badge variant="outline">{t('panels.insights.count', { count: a.count })}</Badge>
              </Group>
              <Quotes quotes={a.quotes} />
            </Card>
          ))}
        </Stack>
      </SimpleGrid>
      <Title order={2} size="h3">
        {t('panels.themes.allTitle')}
      </Title>
      <ThemeSummary />
    </Stack>
  );
}
