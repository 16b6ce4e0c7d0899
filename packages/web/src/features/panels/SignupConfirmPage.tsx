// Double opt-in: the link in the sign-up mail (/panel-signup/confirm/:token). Confirming is a
// button press (a POST), so mail scanners that open links do not confirm anyone.
import { Alert, Button, Card, Container, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { LanguageSwitch } from '../../ui/LanguageSwitch';

export default function SignupConfirmPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const [state, setState] = useState<{ panel: string } | 'error' | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      setState(
        await api.post<{ panel: string }>(
          `/api/public/panel-signups/${encodeURIComponent(token)}/confirm`,
        ),
      );
    } catch {
      setState('error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Container size="xs" py="lg" component="main">
      <Stack>
        <LanguageSwitch />
        <Card withBorder>
          <Stack>
            <Title order={1} size="h3">
              {t('panels.public.confirmTitle')}
            </Title>
            {state === 'error' && <Alert color="red">{t('panels.public.invalid')}</Alert>}
            {state && state !== 'error' && (
              <Alert color="teal">{t('panels.public.confirmed', { panel: state.panel })}</Alert>
            )}
            {!state && (
              <Button onClick={confirm} loading={busy}>
                {t('panels.public.confirmButton')}
              </Button>
            )}
          </Stack>
        </Card>
      </Stack>
    </Container>
  );
}
