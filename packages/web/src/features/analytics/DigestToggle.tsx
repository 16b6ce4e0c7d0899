// The weekly e-mail of the overview, on or off for the signed-in user (GET/PATCH
// /api/analytics/digest). Sent on Mondays with the week before, in the user's language.
import { Switch } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifyError } from '../../ui/notify';

export function DigestToggle() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['analytics', 'digest'],
    queryFn: () => api.get<{ enabled: boolean }>('/api/analytics/digest'),
  });
  const m = useMutation({
    mutationFn: (enabled: boolean) =>
      api.patch<{ enabled: boolean }>('/api/analytics/digest', { enabled }),
    onSuccess: (d) => qc.setQueryData(['analytics', 'digest'], d),
    onError: (e) => notifyError(e),
  });
  return (
    <Switch
      label={t('analytics.digest.label')}
      description={t('analytics.digest.help')}
      checked={m.isPending ? (m.variables ?? false) : (q.data?.enabled ?? false)}
      disabled={q.isPending || m.isPending}
      onChange={(e) => m.mutate(e.currentTarget.checked)}
    />
  );
}
