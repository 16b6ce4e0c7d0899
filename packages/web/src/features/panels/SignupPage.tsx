// Public panel sign-up (no login): /panel-signup/:slug. A confirmation mail follows (double
// opt-in); the answer is the same whether the address was known or not.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Container,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';

export default function SignupPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const form = useQuery({
    queryKey: ['panel-signup', slug],
    queryFn: () =>
      api.get<{ name: string; description: string; consentText: string }>(
        `/api/public/panels/${encodeURIComponent(slug)}`,
      ),
    retry: false,
  });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.post(`/api/public/panels/${encodeURIComponent(slug)}`, {
        name,
        email,
        consent: true,
        language: i18n.resolvedLanguage === 'en' ? 'en' : 'es',
      });
      setSent(true);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  if (form.isLoading) return <PageLoader />;
  return (
    <Container size="xs" py="lg" component="main">
      <Stack>
        <LanguageSwitch />
        {!form.data ? (
          <Alert color="red">{t('panels.public.invalid')}</Alert>
        ) : (
          <Card withBorder>
            <Stack>
              <Title order={1} size="h3">
                {form.data.name}
              </Title>
              <Text size="sm">{form.data.description || t('panels.public.signupTitle')}</Text>
              {sent ? (
                <Alert color="teal">{t('panels.public.sent')}</Alert>
              ) : (
                <>
                  <TextInput
                    label={t('panels.public.name')}
                    required
                    value={name}
                    onChange={(e) => setName(e.currentTarget.value)}
                    autoComplete="name"
                  />
                  <TextInput
                    label={t('panels.public.email')}
                    required
                    type="email"
                    value={email}
                    onChange={(e) => setEmail(e.currentTarget.value)}
                    autoComplete="email"
                  />
                  {form.data.consentText && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {form.data.consentText}
                    </Text>
                  )}
                  <Checkbox
                    label={t('panels.public.consent')}
                    checked={consent}
                    onChange={(e) => setConsent(e.currentTarget.checked)}
                  />
                  <Button
                    onClick={submit}
                    loading={busy}
                    disabled={!consent || !name.trim() || !email.trim()}
                  >
                    {t('panels.public.submit')}
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
