// One scorecard figure: the value with its 95 % interval and n, or "not enough data" below the
// metric's minimum sample (the value is then not shown as a figure and never ranked).
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TMetric } from './api';

interface Props {
  title: string;
  metric: TMetric | null;
  show: (v: number | null | undefined) => string;
  hint?: string;
  extra?: React.ReactNode;
  /** test id of the tile (`tile-<id>`) and of its figure (`tile-<id>-value`) */
  id?: string;
}

export function MetricTile({ title, metric, show, hint, extra, id }: Props) {
  const { t } = useTranslation();
  const m = metric;
  const enough = Boolean(m?.enough && m.value !== null);
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      role="group"
      aria-label={title}
      data-testid={id ? `tile-${id}` : undefined}
    >
      <Stack gap={4}>
        <Text size="sm" fw={600} c="dimmed">
          {title}
        </Text>
        {!m || m.n === 0 ? (
          <Text size="lg" c="dimmed">
            {t('performance.noData')}
          </Text>
        ) : enough ? (
          <>
            <Text size="xl" fw={700} data-testid={id ? `tile-${id}-value` : undefined}>
              {show(m.value)}
            </Text>
            {m.ci95 && (
              <Text size="xs" c="dimmed">
                {t('performance.interval', { lo: show(m.ci95[0]), hi: show(m.ci95[1]) })}
              </Text>
            )}
          </>
        ) : (
          <Group gap={6}>
            <Badge color="gray" variant="light">
              {t('performance.notEnough')}
            </Badge>
          </Group>
        )}
        {m && m.n > 0 && (
          <Text size="xs" c="dimmed">
            {enough
              ? t('performance.sample', { n: m.n })
              : t('performance.sampleBelow', { n: m.n, min: m.min })}
          </Text>
        )}
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
        {extra}
      </Stack>
    </Card>
  );
}

export function CountTile({ title, lines }: { title: string; lines: string[] }) {
  return (
    <Card withBorder padding="sm" radius="md" role="group" aria-label={title}>
      <Stack gap={4}>
        <Text size="sm" fw={600} c="dimmed">
          {title}
        </Text>
        <Text size="xl" fw={700}>
          {lines[0]}
        </Text>
        {lines.slice(1).map((l) => (
          <Text key={l} size="xs" c="dimmed">
            {l}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
