// Unit scorecard: the unit chosen here (default: the header's unit picker) and its subtree.
import { Alert, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { useSelectedUnit } from '../../ui/units';
import { lastMonths, useScorecard } from './api';
import { errorText } from './errors';
import { PeriodSelect } from './PeriodSelect';
import { ScorecardView } from './ScorecardView';

export default function UnitScorecardPage() {
  const { t } = useTranslation();
  const [selected] = useSelectedUnit();
  const [unit, setUnit] = useState(selected);
  const [months, setMonths] = useState('12');
  const q = { ...(unit ? { unitId: unit } : {}), ...lastMonths(Number(months)) };
  const card = useScorecard(q);
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <UnitSelect
          includeAll
          label={t('performance.unit')}
          value={unit}
          onChange={(v) => setUnit(v ?? '')}
          allowDeselect={false}
          w={{ base: '100%', xs: 300 }}
        />
        <PeriodSelect value={months} onChange={setMonths} />
      </Group>
      {card.isPending ? (
        <PageLoader />
      ) : card.error ? (
        <Alert color="red" role="alert">
          {errorText(card.error, t)}
        </Alert>
      ) : (
        <ScorecardView card={card.data} />
      )}
    </Stack>
  );
}
