// Survey list: status, published version, response counts; create from a template; import JSON.

import type { TSurveySummary } from '@fidelia/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  FileButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canWrite, isAdmin, useSession } from '../../auth/session';
import { date as formatDate } from '../../lib/format';
import { fieldErrorsOf, notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { pick } from '../../ui/pick';
import { TEMPLATE_KEYS, useCreateSurvey, useImportSurvey, useSurveys, useTemplates } from './api';
import { parseAttributes } from './builder';
import { STATUS_COLOR } from './status';

function CreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const templates = useTemplates();
  const create = useCreateSurvey();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<string | null>('servqual');
  const [attrs, setAttrs] = useState('');
  const [company, setCompany] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const parsed = parseAttributes(attrs);
  const info = templates.data?.find((x) => x.key === template);

  const submit = () => {
    const tpl = pick(TEMPLATE_KEYS, template);
    create.mutate(
      {
        name: name.trim(),
        template: tpl,
        templateParams: {
          ...(tpl === 'kano' && parsed.length ? { attributes: parsed } : {}),
          ...(company.trim() ? { company: company.trim() } : {}),
        },
      },
      {
        onSuccess: (s) => {
          onClose();
          navigate(`/surveys/${s.id}/build`);
        },
        onError: (e) => {
          setErrors(fieldErrorsOf(e));
          notifyError(e);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('surveys.create.title')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('surveys.create.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <Select
            label={t('surveys.create.template')}
            data={TEMPLATE_KEYS.map((k) => ({
              value: k,
              label:
                templates.data?.find((x) => x.key === k)?.name[lang] ?? t(`surveys.templates.${k}`),
            }))}
            value={template}
            onChange={setTemplate}
            allowDeselect={false}
            clearable
            placeholder={t('surveys.create.blank')}
          />
          {info ? (
            <Text size="sm" c="dimmed">
              {info.description[lang]}
            </Text>
          ) : null}
          {template === 'kano' ? (
            <Textarea
              label={t('surveys.create.attributes')}
              description={t('surveys.create.attributesHelp')}
              autosize
              minRows={4}
              value={attrs}
              onChange={(e) => setAttrs(e.currentTarget.value)}
              placeholder={'wifi: Wi-Fi gratis / Free Wi-Fi\napp: App móvil / Mobile app'}
            />
          ) : null}
          <TextInput
            label={t('surveys.create.company')}
            description={t('surveys.create.companyHelp')}
            value={company}
            onChange={(e) => setCompany(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('surveys.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SurveyName({ s }: { s: TSurveySummary }) {
  const { t } = useTranslation();
  return (
    <div>
      <Anchor component={Link} to={`/surveys/${s.id}/build`} fw={600}>
        {s.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        /s/{s.slug}
        {s.template ? ` · ${t(`surveys.templates.${s.template}`, s.template)}` : ''}
      </Text>
    </div>
  );
}

function StatusBadges({ s }: { s: TSurveySummary }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={STATUS_COLOR[s.status]} variant="light">
        {t(`surveys.status.${s.status}`)}
      </Badge>
      {s.settings.kiosk ? (
        <Badge variant="outline" color="gray">
          {t('surveys.list.kiosk')}
        </Badge>
      ) : null}
    </Group>
  );
}

function ChannelLinks({ s }: { s: TSurveySummary }) {
  const { t } = useTranslation();
  if (!s.publishedVersion)
    return (
      <Text size="xs" c="dimmed">
        {t('surveys.list.notPublished')}
      </Text>
    );
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <Group gap={10} wrap="wrap">
      <Anchor href={`/s/${s.slug}`} target="_blank" size="sm" style={nowrap}>
        {t('surveys.list.webLink')}
      </Anchor>
      <Anchor href={`/s/${s.slug}?c=kiosk`} target="_blank" size="sm" style={nowrap}>
        {t('surveys.list.kioskLink')}
      </Anchor>
      <Anchor component={Link} to={`/surveys/${s.id}/distribute`} size="sm" style={nowrap}>
        {t('surveys.list.distributeLink')}
      </Anchor>
      <Anchor component={Link} to={`/surveys/${s.id}/entry`} size="sm" style={nowrap}>
        {t('surveys.list.entryLink')}
      </Anchor>
    </Group>
  );
}

export default function SurveysPage() {
  const phone = useMediaQuery('(max-width: 48em)');
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const list = useSurveys();
  const [creating, setCreating] = useState(false);
  const imp = useImportSurvey();
  const navigate = useNavigate();
  const [importError, setImportError] = useState('');

  const importFile = async (file: File | null) => {
    if (!file) return;
    setImportError('');
    try {
      const body = JSON.parse(await file.text()) as unknown;
      imp.mutate(body, {
        onSuccess: (s) => navigate(`/surveys/${s.id}/build`),
        onError: notifyError,
      });
    } catch {
      setImportError(t('surveys.list.importInvalid'));
    }
  };

  if (list.isLoading) return <PageLoader />;
  const rows = list.data ?? [];
  const date = (s: string) => formatDate(s, i18n.language);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('surveys.list.title')}
        </Title>
        {canWrite(user) ? (
          <Group gap="xs">
            <Button onClick={() => setCreating(true)}>{t('surveys.list.new')}</Button>
            <FileButton onChange={(f) => void importFile(f)} accept="application/json,.json">
              {(props) => (
                <Button variant="default" {...props} loading={imp.isPending}>
                  {t('surveys.list.import')}
                </Button>
              )}
            </FileButton>
            {isAdmin(user) ? (
              <Button variant="subtle" component={Link} to="/surveys/webhooks">
                {t('surveys.hooks.link')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      {importError ? <Alert color="red">{importError}</Alert> : null}
      {rows.length === 0 ? (
        <Text c="dimmed">{t('surveys.list.empty')}</Text>
      ) : phone ? (
        <Stack gap="sm">
          {rows.map((s) => (
            <Card key={s.id} withBorder padding="sm" radius="md">
              <SurveyName s={s} />
              <Group gap={6} mt={6}>
                <StatusBadges s={s} />
                <Text size="sm">
                  {t('surveys.list.counts', {
                    complete: s.responses.complete,
                    partial: s.responses.partial,
                  })}
                </Text>
              </Group>
              <Box mt={6}>
                <ChannelLinks s={s} />
              </Box>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.list.name')}</Table.Th>
                <Table.Th>{t('surveys.list.status')}</Table.Th>
                <Table.Th>{t('surveys.list.version')}</Table.Th>
                <Table.Th ta="right">{t('surveys.list.complete')}</Table.Th>
                <Table.Th ta="right">{t('surveys.list.partial')}</Table.Th>
                <Table.Th>{t('surveys.list.links')}</Table.Th>
                <Table.Th>{t('surveys.list.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <SurveyName s={s} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadges s={s} />
                  </Table.Td>
                  <Table.Td>
                    {s.publishedVersion ? `v${s.publishedVersion}` : '—'}
                    {s.hasDraftChanges ? (
                      <Text size="xs" c="orange.8">
                        {t('surveys.list.draftChanges')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{s.responses.complete}</Table.Td>
                  <Table.Td ta="right">{s.responses.partial}</Table.Td>
                  <Table.Td>
                    <ChannelLinks s={s} />
                  </Table.Td>
                  <Table.Td>{date(s.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
