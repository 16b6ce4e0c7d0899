// Response detail: "this answer's e-mail matches customer X". The link is never made by itself
// (anyone can type any address into a public survey): staff confirm it — the response then
// belongs to the customer and shows on their timeline — or dismiss it for good.
import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { notifyError, notifyOk } from '../../ui/notify';

interface TSuggestion {
  id: string;
  name: string;
  email: string | null;
}

const STAFF = new Set(['owner', 'admin', 'analyst', 'agent']);

export function ResponseCustomerMatch({
  surveyId,
  responseId,
}: {
  surveyId: string;
  responseId: string;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  // The drawer shows the response as listed; after linking, say so here until it reloads.
  const [linked, setLinked] = useState<TSuggestion | null>(null);
  const base = `/api/surveys/${surveyId}/responses/${responseId}`;
  const q = useQuery({
    queryKey: ['survey', surveyId, 'response', responseId, 'customer-suggestion'],
    queryFn: () => api.get<{ suggestion: TSuggestion | null }>(`${base}/customer-suggestion`),
  });
  const answer = useMutation({
    mutationFn: (v: { customerId: string; link: boolean }) =>
      api.post<{ customerId: string | null }>(`${base}/customer-match`, v),
    onSuccess: async (_r, v) => {
      if (v.link && q.data?.suggestion) setLinked(q.data.suggestion);
      notifyOk(t(v.link ? 'surveys.match.linked' : 'surveys.match.dismissed'));
      await qc.invalidateQueries({ queryKey: ['survey', surveyId] });
    },
    onError: notifyError,
  });
  if (linked)
    return (
      <Text size="sm">
        {t('surveys.match.linkedTo')}{' '}
        <Anchor component={Link} to={`/customers/${linked.id}`}>
          {linked.name}
        </Anchor>
      </Text>
    );
  const s = q.data?.suggestion;
  if (!s) return null;
  return (
    <Alert color="yellow" variant="light" title={t('surveys.match.title')}>
      <Text size="sm">
        {t('surveys.match.text', { email: s.email ?? '', name: s.name })}{' '}
        <Anchor component={Link} to={`/customers/${s.id}`}>
          {t('surveys.match.see')}
        </Anchor>
      </Text>
      {STAFF.has(user?.role ?? '') && (
        <Group gap="xs" mt="xs">
          <Button
            size="xs"
            onClick={() => answer.mutate({ customerId: s.id, link: true })}
            loading={answer.isPending}
          >
            {t('surveys.match.link')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => answer.mutate({ customerId: s.id, link: false })}
            disabled={answer.isPending}
          >
            {t('surveys.match.dismiss')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
