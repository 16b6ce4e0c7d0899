// The invitation link in a panel mail (/panel-invite/:token): session details, RSVP with
// consent to recording, and leaving the panel (consent withdrawn at once).
import { Alert, Button, Card, Checkbox, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useFormat } from '../../lib/format';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';

interface TInvite {
  panel: string;
  name: string;
  topic: string;
  kind: string;
  startsAt: string;
  place: string;
  videoUrl: string;
  recording: boolean;
  rsvp: 'pending' | 'yes' | 'no';
  recordingConsent: boolean;
  withdrawn: boolean;
  past: boolean;
}

export default function InvitePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const path = `/api/public/panel-invites/${encodeURIComponent(token)}`;
  const inv = useQuery({
    queryKey: ['panel-invite', token],
    queryFn: () => api.get<TInvite>(path),
    retry: false,
  });
  const [rec, setRec] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (body: unknown, suffix = '') => {
    setBusy(true);
    try {
      const r = await api.post<TInvite>(`${path}${suffix}`, body);
      qc.setQueryData(['panel-invite', token], r);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  if (inv.isLoading) return <PageLoader />;
  const v = inv.data;
  return (
    <Container size="xs" py="lg" component="main">
      <Stack>
        <LanguageSwitch />
        {!v ? (
          <Alert color="red">{t('panels.public.invalid')}</Alert>
        ) : (
          <Card withBorder>
            <Stack>
              <Title order={1} size="h3">
                {t('panels.public.inviteTitle', { topic: v.topic })}
              </Title>
              <Text>{t('panels.public.hello', { name: v.name })}</Text>
              <Text size="sm">
                {t(`panels.session.kind.${v.kind}`)} · {v.panel}
              </Text>
              <Text size="sm">
                <b>{t('panels.session.when')}:</b> {f.dateTime(v.startsAt)}
              </Text>
              {(v.place || v.videoUrl) && (
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  <b>{t('panels.session.where')}:</b>{' '}
                  {[v.place, v.videoUrl].filter(Boolean).join(' · ')}
                </Text>
              )}
              {v.withdrawn ? (
                <Alert color="gray">{t('panels.public.withdrawn')}</Alert>
              ) : v.past ? (
                <Alert color="gray">{t('panels.public.pastSession')}</Alert>
              ) : (
                <>
                  {v.rsvp !== 'pending' && (
                    <Alert color={v.rsvp === 'yes' ? 'teal' : 'gray'}>
                      {t('panels.public.answered', { rsvp: t(`panels.session.rsvps.${v.rsvp}`) })}
                    </Alert>
                  )}
                  {v.recording && (
                    <Checkbox
                      label={t('panels.public.recordingConsent')}
                      checked={rec}
                      onChange={(e) => setRec(e.currentTarget.checked)}
                    />
                  )}
                  <Group>
                    <Button
                      onClick={() => act({ rsvp: 'yes', recordingConsent: rec })}
                      loading={busy}
                    >
                      {t('panels.public.yes')}
                    </Button>
                    <Button variant="default" onClick={() => act({ rsvp: 'no' })} loading={busy}>
                      {t('panels.public.no')}
                    </Button>
                  </Group>
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    onClick={() => {
                      if (window.confirm(t('panels.public.withdrawConfirm')))
                        void act({}, '/withdraw');
                    }}
                  >
                    {t('panels.public.withdraw')}
                  </Button>
                </>
              )}
            </Stack>
          </Card>
        )}
      </Stack>
    </Container>
  );
}
