// Public complaint form (no login): /complaint/:slug. Localised, labelled, phone-friendly; a
// hidden honeypot field ("website") that people leave empty; up to the server's number and size
// of attachments (too-large files refused here, before sending). Shows the reference on success.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Container,
  FileInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { uuid } from '../../api/uuid';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { fieldErrorsOf, notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { ComplaintFields, emptyComplaintFields } from './ComplaintFields';

/** A file as the API takes it: its name and its bytes in base64. */
async function toUpload(f: File) {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: f.name.slice(0, 200) || 'file', contentBase64: btoa(bin) };
}

export default function PublicFormPage() {
  const { slug = '' } = useParams();
  const { t, i18n } = useTranslation();
  const form = useQuery({
    queryKey: ['public-complaint', slug],
    queryFn: () =>
      api.get<{
        name: string;
        units: { id: string; name: string }[];
        attachments: { maxFiles: number; maxBytes: number };
      }>(`/api/public/complaints/${encodeURIComponent(slug)}`),
  });
  const [v, setV] = useState(emptyComplaintFields);
  const [submissionId] = useState(uuid);
  const [website, setWebsite] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const limits = form.data?.attachments ?? { maxFiles: 3, maxBytes: 5 * 1024 * 1024 };
  const mb = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(
    limits.maxBytes / 1024 / 1024,
  );
  const pickFiles = (picked: File[]) => {
    const big = picked.find((f) => f.size > limits.maxBytes);
    if (big) {
      setFileError(t('complaints.public.tooLarge', { name: big.name, size: mb }));
      return;
    }
    if (picked.length > limits.maxFiles) {
      setFileError(t('complaints.public.tooMany', { count: limits.maxFiles }));
      return;
    }
    setFileError(null);
    setFiles(picked);
  };
  const submit = useMutation({
    mutationFn: async () =>
      api.post<{ reference?: string }>(`/api/public/complaints/${encodeURIComponent(slug)}`, {
        ...(files.length ? { attachments: await Promise.all(files.map(toUpload)) } : {}),
        name: v.contactName.trim(),
        ...(v.contactEmail.trim() ? { email: v.contactEmail.trim() } : {}),
        language: i18n.language === 'en' ? 'en' : 'es',
        subject: v.subject.trim(),
        description: v.description.trim(),
        ...(v.unitId ? { unitId: v.unitId } : {}),
        submissionId,
        consent: true,
        ...(website ? { website } : {}),
      }),
    onError: (e) => {
      setErrors(fieldErrorsOf(e));
      notifyError(e);
    },
  });
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
                <ComplaintFields
                  variant="public"
                  value={v}
                  onChange={(k, x) => setV((o) => ({ ...o, [k]: x }))}
                  errors={{
                    ...errors,
                    contactName: errors.name,
                    contactEmail: errors.email,
                  }}
                  units={form.data.units}
                />
                <FileInput
                  label={t('complaints.public.attachments')}
                  description={t('complaints.public.attachmentsHint', {
                    count: limits.maxFiles,
                    size: mb,
                  })}
                  placeholder={t('complaints.public.attachmentsPick')}
                  multiple
                  clearable
                  accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain"
                  value={files}
                  onChange={pickFiles}
                  error={fileError}
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
