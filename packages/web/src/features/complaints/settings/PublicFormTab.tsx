// Where customers find the public complaint form: its address, a QR code to print (SVG from the
// server) and the iframe snippet for the org's own web site, each with a copy button.
import {
  Alert,
  Anchor,
  Button,
  Card,
  CopyButton,
  Group,
  Image,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { PageLoader } from '../../../ui/PageLoader';

interface TLink {
  url: string;
  qrSvg: string;
  embed: string;
}

function Copy({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={copied ? 'filled' : 'light'}
          color={copied ? 'teal' : undefined}
          onClick={copy}
        >
          {t(
            copied ? 'complaintsSettings.publicForm.copied' : 'complaintsSettings.publicForm.copy',
          )}
        </Button>
      )}
    </CopyButton>
  );
}

export function PublicFormTab() {
  const { t } = useTranslation();
  const link = useQuery({
    queryKey: ['complaints', 'public-form'],
    queryFn: () => api.get<TLink>('/api/complaints/public-form'),
  });
  if (link.isLoading) return <PageLoader />;
  if (!link.data) return <Alert color="red">{link.error?.message}</Alert>;
  const { url, qrSvg, embed } = link.data;
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`;
  return (
    <Stack>
      <Text c="dimmed">{t('complaintsSettings.publicForm.intro')}</Text>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('complaintsSettings.publicForm.link')}
        </Title>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Anchor href={url} target="_blank" rel="noopener" style={{ overflowWrap: 'anywhere' }}>
            {url}
          </Anchor>
          <Copy value={url} />
        </Group>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('complaintsSettings.publicForm.qr')}
        </Title>
        <Group align="end" wrap="wrap">
          <Image src={qr} alt={t('complaintsSettings.publicForm.qrAlt', { url })} w={180} h={180} />
          <Button
            component="a"
            href={qr}
            download="formulario-reclamaciones-qr.svg"
            variant="light"
            size="xs"
          >
            {t('complaintsSettings.publicForm.download')}
          </Button>
        </Group>
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('complaintsSettings.publicForm.embed')}
          </Title>
          <Copy value={embed} />
        </Group>
        <Textarea
          aria-label={t('complaintsSettings.publicForm.embed')}
          value={embed}
          readOnly
          autosize
          minRows={2}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        />
      </Card>
    </Stack>
  );
}
