// Staff scorecard: one person's results (responses naming them, their visits, complaints they
// handled or were named in, compliments). Agents see their own; managers anyone's.
import { Alert, Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWrite, useSession } from '../../auth/session';
import { PageLoader } from '../../ui/PageLoader';
import { lastMonths, useScorecard, useStaff } from './api';
import { errorText } from './errors';
import { PeriodSelect } from './PeriodSelect';
import { ScorecardView } from './ScorecardView';

export default function StaffScorecardPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = useStaff();
  const [person, setPerson] = useState(user?.id ?? '');
  const [months, setMonths] = useState('12');
  const mayPick = canWrite(user) || user?.role === 'viewer';
  const card = useScorecard({ userId: person, ...lastMonths(Number(months)) });
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        {mayPick && (
          <Select
            label={t('performance.person')}
            searchable
            value={person}
            onChange={(v) => v && setPerson(v)}
            allowDeselect={false}
            data={(staff.data ?? []).map((s) => ({
              value: s.id,
              label: s.unitName ? `${s.name} · ${s.unitName}` : s.name,
            }))}
            w={{ base: '100%', xs: 340 }}
          />
        )}
        <PeriodSelect value={months} onChange={setMonths} />
      </Group>
      <Alert color="blue" variant="light">
        {t('performance.staffHint')}
      </Alert>
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
