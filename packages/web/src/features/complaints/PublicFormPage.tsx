// Public complaint form (no login): /complaint/:slug. Localised, labelled, phone-friendly; a
// hidden honeypot field ("website") that people leave empty. Shows the reference on success.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Container,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { fieldErrorsOf, notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';

export default function PublicFormPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const form = useQuery({
    queryKey: ['public-complaint', slug],
    queryFn: () =>
      api.get<{ name: string; units: { id: string; name: string }[] }>(
        `/api/public/complaints/${encodeURIComponent(slug)}`,
      ),
  });
  const [v, setV] = useState({ name: '', email: '', subject: '', description: '', unitId: '' });
  const [website, setWebsite] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = useMutation({
    mutationFn: () =>
      api.post<{ reference?: string }>(`/api/public/complaints/${encodeURIComponent(slug)}`, {
        name: v.name.trim(),
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        language: i18n.language === 'en' ? 'en' : 'es',
        subject: v.subject.trim(),
        description: v.description.trim(),
        ...(v.unitId ? { unitId: v.unitId } : {}),
        consent: true,
        ...(website ? { website } : {}),
      }),
    onError: (e) => {
      setErrors(fieldErrorsOf(e));
      notifyError(e);
    },
  });
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  if (form.isLoading) return <PageLoader />;
  if (form.error || !form.data)
    return (
      <Container size="sm" py="xl">
        <Alert color="red">{t('complaints.public.unknown')}</Alert>
      </Container>
    );
  return (
    <Container size="sm" py="md">
      <Stack>
        <Stack gap={4} align="flex-end">
          <LanguageSwitch />
        </Stack>
        <Title order={1} size="h2">
          {t('complaints.public.title', { org: form.data.name })}
        </Title>
        <Text c="dimmed">{t('complaints.public.intro')}</Text>
        {submit.data ? (
          <Alert color="teal" title={t('complaints.public.thanks')}>
            {submit.data.reference
              ? t('complaints.public.reference', { reference: submit.data.reference })
              : t('complaints.public.received')}
          </Alert>
        ) : (
          <Card withBorder>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                submit.mutate();
              }}
            >
              <Stack>
                <TextInput
                  label={t('complaints.public.name')}
                  required
                  value={v.name}
                  onChange={(e) => set('name')(e.currentTarget.value)}
                  error={errors.name}
                />
                <TextInput
                  label={t('complaints.public.email')}
                  type="email"
                  value={v.email}
                  onChange={(e) => set('email')(e.currentTarget.value)}
                  error={errors.email}
                />
                {form.data.units.length > 0 && (
                  <Select
                    label={t('complaints.public.unit')}
                    value={v.unitId || null}
                    onChange={(x) => set('unitId')(x ?? '')}
                    data={form.data.units.map((u) => ({ value: u.id, label: u.name }))}
                    clearable
                  />
                )}
                <TextInput
                  label={t('complaints.field.subject')}
                  required
                  value={v.subject}
                  onChange={(e) => set('subject')(e.currentTarget.value)}
                  error={errors.subject}
                />
                <Textarea
                  label={t('complaints.public.description')}
                  required
                  autosize
                  minRows={5}
                  value={v.description}
                  onChange={(e) => set('description')(e.currentTarget.value)}
                  error={errors.description}
                />
                <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px' }}>
                  <input
                    tabIndex={-1}
                    autoComplete="off"
                    name="website"
                    value={website}
                    onChange={(e) => setWebsite(e.currentTarget.value)}
                  />
                </div>
                <Checkbox
                  label={t('complaints.public.consent')}
                  checked={consent}
                  onChange={(e) => setConsent(e.currentTarget.checked)}
                  required
                />
                <Button type="submit" disabled={!consent} loading={submit.isPending}>
                  {t('complaints.public.submit')}
                </Button>
              </Stack>
            </form>
          </Card>
        )}
      </Stack>
    </Container>
  );
}
