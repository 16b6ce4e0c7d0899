// A gap without evidence: which evidence is missing for which unit, and a link to collect it.
import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TEvidence } from './api';

export function Missing({ e, unit }: { e: TEvidence<unknown>; unit: string }) {
  const { t } = useTranslation();
  if (e.status !== 'missing') return null;
  return (
    <Alert color="yellow" variant="light" data-missing={e.missing}>
      {t(`diagnostic.missing.${e.missing}`, { unit })}{' '}
      <Anchor component={Link} to={e.link} size="sm">
        {t('diagnostic.howTo')}
      </Anchor>
    </Alert>
  );
}
