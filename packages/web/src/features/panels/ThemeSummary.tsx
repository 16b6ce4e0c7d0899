// Theme summary across sessions: insights by theme and segment, with quotes.
import { Badge, Blockquote, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { useThemes } from './api';

export function ThemeSummary({ panelId }: { panelId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const themes = useThemes(panelId);
  if (themes.isLoading) return <PageLoader />;
  const items = themes.data?.items ?? [];
  if (items.length === 0) return <Text c="dimmed">{t('panels.themes.none')}</Text>;
  return (
    <Stack>
      {items.map((x) => (
        <Card key={x.theme} withBorder>
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600} tt="capitalize">
                {x.theme}
              </Text>
              <Text size="sm" c="dimmed">
                {t('panels.themes.count', { count: x.count, sessions: f.int(x.sessions) })}
              </Text>
            </Group>
            <Group gap={4}>
              {x.segments.map((s) => (
                <Badge key={s.segment ?? ''} variant="light">
                  {s.segment ?? t('panels.themes.noSegment')}: {f.int(s.count)}
                </Badge>
              ))}
            </Group>
            {x.quotes.map((q) => (
              <Blockquote
                key={q.id}
                p="xs"
                cite={`${q.topic ?? ''} · ${f.date(q.sessionAt ?? q.createdAt)}${q.segment ? ` · ${q.segment}` : ''}`}
              >
                {q.quote}
              </Blockquote>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
