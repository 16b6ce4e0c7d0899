// Distribute one survey: anonymous link + QR (per branch), kiosk and embed links, collection
// rules (kiosk mode, duplicates, quota, closing date), e-mail invitations to a customer segment
// with reminders (and "send reminders now" per wave), personal links for chosen customers, and
// what the server did with them (consent, fatigue, unsubscribed...).
import type { TSurveySettings } from '@fidelia/contracts';
import {
  Alert,
  Anchor,
  Button,
  CopyButton,
  Group,
  Image,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWrite, isAdmin, useSession } from '../../auth/session';
import { DateTimeInput } from '../../ui/DateField';
import { notifyError, notifyOk } from '../../ui/notify';
import { UnitSelect } from '../../ui/UnitSelect';
import {
  useInvitationStats,
  useOrgSurveySettings,
  useSaveOrgSurveySettings,
  useSegmentsForInvite,
  useSurveyMutations,
} from './api';
import { channelUrl } from './builder';
import { PersonalLinks } from './PersonalLinks';
import { useSurveyOutlet } from './SurveyLayout';
import { Waves } from './Waves';

function LinkRow({ label, url }: { label: string; url: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput label={label} value={url} readOnly style={{ flex: 1, minWidth: 0 }} />
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button
            variant="default"
            onClick={copy}
            aria-label={`${t('surveys.dist.copy')}: ${label}`}
          >
            {copied ? t('surveys.dist.copied') : t('surveys.dist.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function Links() {
  const { t } = useTranslation();
  const { survey } = useSurveyOutlet();
  const [unit, setUnit] = useState('');
  const origin = window.location.origin;
  const url = (c: 'qr' | 'kiosk' | 'embed' | 'web') => channelUrl(origin, survey.slug, c, unit);
  const qr = `/api/surveys/${survey.id}/qr.svg?channel=qr${unit ? `&unitId=${unit}` : ''}`;
  const embed = `<iframe src="${url('embed')}" title="${survey.name.replace(/"/g, '&quot;')}" style="width:100%;min-height:640px;border:0"></iframe>`;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('surveys.dist.links')}
      </Title>
      {!survey.publishedVersion ? (
        <Alert color="yellow" mb="sm">
          {t('surveys.dist.publishFirst')}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <UnitSelect
            label={t('surveys.dist.unit')}
            description={t('surveys.dist.unitHelp')}
            includeAll
            value={unit}
            onChange={(v) => setUnit(v ?? '')}
          />
          <LinkRow label={t('surveys.dist.webLink')} url={url('web')} />
          <LinkRow label={t('surveys.dist.qrLink')} url={url('qr')} />
          <LinkRow label={t('surveys.dist.kioskLink')} url={url('kiosk')} />
          <LinkRow label={t('surveys.dist.embed')} url={embed} />
          <Group gap="md">
            <Anchor href={url('web')} target="_blank">
              {t('surveys.dist.open')}
            </Anchor>
            <Anchor href={url('kiosk')} target="_blank">
              {t('surveys.dist.openKiosk')}
            </Anchor>
          </Group>
        </Stack>
        <Stack gap="xs" align="center">
          <Image src={qr} alt={t('surveys.dist.qrAlt', { name: survey.name })} w={220} h={220} />
          <Anchor href={qr} download={`qr-${survey.slug}.svg`}>
            {t('surveys.dist.downloadQr')}
          </Anchor>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

function Rules() {
  const { t } = useTranslation();
  const { survey } = useSurveyOutlet();
  const { user } = useSession();
  const m = useSurveyMutations(survey.id);
  const [s, setS] = useState<TSurveySettings>(survey.settings);
  const [slug, setSlug] = useState(survey.slug);
  const dirty = JSON.stringify(s) !== JSON.stringify(survey.settings) || slug !== survey.slug;
  const save = () =>
    m.patch.mutate(
      { settings: s, ...(slug !== survey.slug ? { slug } : {}) },
      { onSuccess: () => notifyOk(t('surveys.dist.rulesSaved')), onError: notifyError },
    );
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('surveys.dist.rules')}
      </Title>
      <Stack gap="sm">
        <TextInput
          label={t('surveys.dist.slug')}
          description={t('surveys.dist.slugHelp')}
          value={slug}
          maw={360}
          onChange={(e) => setSlug(e.currentTarget.value.toLowerCase())}
        />
        <Switch
          label={t('surveys.dist.anonymous')}
          checked={s.anonymousLink}
          onChange={(e) => setS({ ...s, anonymousLink: e.currentTarget.checked })}
        />
        <Switch
          label={t('surveys.dist.kiosk')}
          description={t('surveys.dist.kioskHelp')}
          checked={s.kiosk}
          onChange={(e) => setS({ ...s, kiosk: e.currentTarget.checked })}
        />
        <Radio.Group
          label={t('surveys.dist.duplicates')}
          value={s.duplicates}
          onChange={(v) => setS({ ...s, duplicates: v === 'off' || v === 'strict' ? v : 'soft' })}
        >
          <Stack gap={6} mt={6}>
            {(['off', 'soft', 'strict'] as const).map((d) => (
              <Radio key={d} value={d} label={t(`surveys.dist.dup.${d}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NumberInput
            label={t('surveys.dist.quota')}
            description={t('surveys.dist.quotaHelp')}
            value={s.quota ?? ''}
            min={1}
            w={200}
            onChange={(v) => setS({ ...s, quota: typeof v === 'number' && v > 0 ? v : null })}
          />
          <DateTimeInput
            label={t('surveys.dist.closesAt')}
            description={t('surveys.dist.closesAtHelp')}
            value={s.closesAt ? toLocalInput(s.closesAt) : ''}
            w={240}
            onChange={(v) => setS({ ...s, closesAt: v ? new Date(v).toISOString() : null })}
          />
        </Group>
        {canWrite(user) ? (
          <Group>
            <Button onClick={save} disabled={!dirty} loading={m.patch.isPending}>
              {t('surveys.dist.saveRules')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function Invitations() {
  const { t } = useTranslation();
  const { survey } = useSurveyOutlet();
  const { user } = useSession();
  const segments = useSegmentsForInvite();
  const stats = useInvitationStats(survey.id);
  const m = useSurveyMutations(survey.id);
  const org = useOrgSurveySettings();
  const saveOrg = useSaveOrgSurveySettings();
  const [target, setTarget] = useState<string | null>('all');
  const [reminder, setReminder] = useState<number>(7);
  const [validDays, setValidDays] = useState<number>(60);
  const [fatigue, setFatigue] = useState<number | null>(null);
  const fatigueDays = fatigue ?? org.data?.fatigueDays ?? 0;

  const send = () =>
    m.invite.mutate(
      {
        ...(target === 'all' || !target ? { all: true } : { segmentId: target }),
        reminderAfterDays: reminder,
        validDays,
      },
      { onSuccess: () => notifyOk(t('surveys.dist.inviteQueued')), onError: notifyError },
    );
  const st = stats.data;
  const running = st?.jobs.some((j) => j.status === 'pending' || j.status === 'running');
  const reasons = Object.entries(st?.skipped ?? {}).filter(([, n]) => n > 0);
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('surveys.dist.invitations')}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('surveys.dist.invitationsHelp')}
        </Text>
        {canWrite(user) ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('surveys.dist.recipients')}
              data={[
                { value: 'all', label: t('surveys.dist.allCustomers') },
                ...(segments.data ?? []).map((s) => ({ value: s.id, label: s.name })),
              ]}
              value={target}
              allowDeselect={false}
              w={260}
              onChange={setTarget}
            />
            <NumberInput
              label={t('surveys.dist.reminder')}
              description={t('surveys.dist.reminderHelp')}
              value={reminder}
              min={0}
              max={60}
              w={180}
              onChange={(v) => setReminder(typeof v === 'number' ? v : 0)}
            />
            <NumberInput
              label={t('surveys.dist.validDays')}
              value={validDays}
              min={1}
              max={365}
              w={150}
              onChange={(v) => setValidDays(typeof v === 'number' ? v : 60)}
            />
            <Button
              onClick={send}
              loading={m.invite.isPending}
              disabled={!survey.publishedVersion || survey.status !== 'open'}
            >
              {t('surveys.dist.send')}
            </Button>
          </Group>
        ) : null}
        <Table.ScrollContainer minWidth={320}>
          <Table withTableBorder verticalSpacing={6} maw={520}>
            <Table.Tbody>
              {(['invited', 'sent', 'opened', 'completed', 'reminded'] as const).map((k) => (
                <Table.Tr key={k}>
                  <Table.Th>{t(`surveys.dist.stat.${k}`)}</Table.Th>
                  <Table.Td ta="right">{st?.[k] ?? 0}</Table.Td>
                </Table.Tr>
              ))}
              {reasons.map(([k, n]) => (
                <Table.Tr key={k}>
                  <Table.Th>
                    {t('surveys.dist.skippedBecause', {
                      reason: t(`surveys.dist.skip.${k}`, { defaultValue: k }),
                    })}
                  </Table.Th>
                  <Table.Td ta="right">{n}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {running ? (
          <Text size="sm" role="status">
            {t('surveys.dist.sending')}
          </Text>
        ) : null}
        <Waves sending={Boolean(running)} />
        {isAdmin(user) ? (
          <Group gap="sm" align="flex-end">
            <NumberInput
              label={t('surveys.dist.fatigue')}
              description={t('surveys.dist.fatigueHelp')}
              value={fatigueDays}
              min={0}
              max={365}
              w={260}
              onChange={(v) => setFatigue(typeof v === 'number' ? v : 0)}
            />
            <Button
              variant="default"
              loading={saveOrg.isPending}
              disabled={fatigue === null || fatigue === org.data?.fatigueDays}
              onClick={() =>
                saveOrg.mutate(
                  { fatigueDays },
                  {
                    onSuccess: () => notifyOk(t('surveys.dist.fatigueSaved')),
                    onError: notifyError,
                  },
                )
              }
            >
              {t('surveys.dist.saveFatigue')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('surveys.dist.fatigueIs', { days: fatigueDays })}</Text>
        )}
      </Stack>
    </Paper>
  );
}

export default function DistributePage() {
  const { user } = useSession();
  return (
    <Stack gap="md">
      <Links />
      {canWrite(user) ? <PersonalLinks /> : null}
      <Invitations />
      <Rules />
    </Stack>
  );
}
