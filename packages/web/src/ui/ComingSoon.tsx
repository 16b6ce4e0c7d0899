import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder for modules not built yet (and unknown paths), so navigation never breaks. */
export function ComingSoon({ module }: { module: string }) {
  const { t } = useTranslation();
  const notFound = module === 'notFound';
  return (
    <Paper withBorder p="xl" radius="md" maw={640}>
      <Title order={1} size="h2" mb="sm">
        {notFound ? t('notFound.title') : t(`nav.${module}`)}
      </Title>
      <Text>{notFound ? t('notFound.text') : t('comingSoon.text')}</Text>
    </Paper>
  );
}
