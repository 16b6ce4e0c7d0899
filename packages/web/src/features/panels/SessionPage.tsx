// One focus group / interview: details and guide, e-mail invitations of a saved sample, RSVP
// and attendance, notes typed live or transcripts uploaded, and the insights recorded from it.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, request } from '../../api/client';
import { canWrite, useSession as useAuthSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { type TSessionDetail, useSamples, useSession } from './api';
import { useAttributes, useNeeds } from './needs';

const RSVP_COLOR = { pending: 'gray', yes: 'teal', no: 'red' } as const;

function Invite({ s }: { s: TSessionDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const samples = useSamples(s.panelId);
  const [sampleId, setSampleId] = useState<string | null>(null);
  const [hours, setHours] = useState(24);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ invited: number; skipped: number }>(
        `/api/panel-sessions/${s.id}/invitations`,
        { sampleId, remindHoursBefore: hours },
      );
      notifyOk(t('panels.session.invited', r));
      await qc.invalidateQueries({ queryKey: ['panel-session', s.id] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('panels.session.invite')}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('panels.session.inviteSample')}
            value={sampleId}
            onChange={setSampleId}
            data={(samples.data?.items ?? []).map((x) => ({
              value: x.id,
              label: t('panels.sample.savedItem', {
                count: x.memberIds.length,
                seed: x.seed,
                date: f.dateTime(x.createdAt),
              }),
            }))}
            w={{ base: '100%', sm: 320 }}
          />
          <NumberInput
            label={t('panels.session.remind')}
            min={0}
            max={336}
            value={hours}
            onChange={(n) => setHours(Number(n) || 0)}
            w={200}
          />
          <Button onClick={send} loading={busy} disabled={!sampleId}>
            {t('panels.session.inviteSend')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Notes({ s, write }: { s: TSessionDetail; write: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [themes, setThemes] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['panel-session', s.id] });
  const themeList = () =>
    themes
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const add = async () => {
    setBusy(true);
    try {
      await api.post(`/api/panel-sessions/${s.id}/notes`, { body, themes: themeList() });
      setBody('');
      notifyOk(t('panels.notes.saved'));
      await refresh();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const fd = new FormData();
      fd.append('file', file);
      await request(
        'POST',
        `/api/panel-sessions/${s.id}/transcripts?themes=${encodeURIComponent(themeList().join(','))}`,
        fd,
      );
      setFile(null);
      notifyOk(t('panels.notes.saved'));
      await refresh();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('panels.notes.title')}
        </Title>
        {write && (
          <>
            <Textarea
              label={t('panels.notes.body')}
              autosize
              minRows={3}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            <TextInput
              label={t('panels.notes.themes')}
              value={themes}
              onChange={(e) => setThemes(e.currentTarget.value)}
            />
            <Group wrap="wrap" align="flex-end">
              <Button onClick={add} loading={busy} disabled={!body.trim()}>
                {t('panels.notes.add')}
              </Button>
              <FileInput
                label={t('panels.notes.upload')}
                accept=".txt,.vtt,.srt,text/plain"
                value={file}
                onChange={setFile}
                clearable
                w={{ base: '100%', sm: 320 }}
              />
              <Button variant="light" onClick={upload} loading={busy} disabled={!file}>
                {t('panels.notes.uploadButton')}
              </Button>
            </Group>
          </>
        )}
        {s.notes.length === 0 && <Text c="dimmed">{t('panels.notes.none')}</Text>}
        {s.notes.map((n) => (
          <Card key={n.id} withBorder padding="sm" bg="var(--mantine-color-gray-0)">
            <Group gap={6} mb={4}>
              <Badge variant="light">{t(`panels.notes.${n.kind}`)}</Badge>
              {n.fileName && <Text size="xs">{n.fileName}</Text>}
              <Text size="xs" c="dimmed">
                {f.dateTime(n.createdAt)}
              </Text>
              {n.themes.map((th) => (
                <Badge key={th} variant="outline" size="sm">
                  {th}
                </Badge>
              ))}
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>
              {n.body}
            </Text>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function Insights({ s, write }: { s: TSessionDetail; write: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const needs = useNeeds();
  const attributes = useAttributes();
  const { i18n } = useTranslation();
  const attrName = (id: string | null) => {
    const a = attributes.data?.find((x) => x.id === id);
    return a ? (i18n.resolvedLanguage === 'en' ? a.nameEn : a.nameEs) : undefined;
  };
  const empty = {
    theme: '',
    quote: '',
    memberId: null as string | null,
    segment: '',
    needId: null as string | null,
    needKind: null as string | null,
    attributeId: '',
    gap: null as string | null,
  };
  const [v, setV] = useState(empty);
  const [busy, setBusy] = useState(false);
  const needName = (id: string | null) => needs.data?.find((n) => n.id === id)?.text;
  const add = async () => {
    setBusy(true);
    try {
      await api.post(`/api/panel-sessions/${s.id}/insights`, {
        theme: v.theme,
        quote: v.quote,
        ...(v.memberId ? { memberId: v.memberId } : {}),
        ...(v.segment.trim() ? { segment: v.segment.trim() } : {}),
        ...(v.needId
          ? {
              needId: v.needId,
              needKind: v.needKind ?? needs.data?.find((n) => n.id === v.needId)?.kind ?? null,
            }
          : {}),
        ...(v.attributeId.trim() ? { attributeId: v.attributeId.trim() } : {}),
        ...(v.gap ? { gap: Number(v.gap) } : {}),
      });
      setV({ ...empty, theme: v.theme });
      notifyOk(t('panels.insights.saved'));
      await qc.invalidateQueries({ queryKey: ['panel-session', s.id] });
      await qc.invalidateQueries({ queryKey: ['panels'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('panels.insights.title')}
        </Title>
        {write && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('panels.insights.theme')}
              required
              value={v.theme}
              onChange={(e) => setV({ ...v, theme: e.currentTarget.value })}
            />
            <Select
              label={t('panels.insights.member')}
              placeholder={t('panels.insights.nobody')}
              clearable
              value={v.memberId}
              onChange={(m) => setV({ ...v, memberId: m })}
              data={s.invites
                .filter((i) => i.memberStatus !== 'erased')
                .map((i) => ({ value: i.memberId, label: i.name }))}
            />
            <Textarea
              label={t('panels.insights.quote')}
              value={v.quote}
              onChange={(e) => setV({ ...v, quote: e.currentTarget.value })}
              style={{ gridColumn: '1 / -1' }}
            />
            <TextInput
              label={t('panels.insights.segment')}
              value={v.segment}
              onChange={(e) => setV({ ...v, segment: e.currentTarget.value })}
            />
            <Select
              label={t('panels.insights.need')}
              placeholder={needs.data?.length ? undefined : t('panels.insights.noNeeds')}
              clearable
              searchable
              value={v.needId}
              onChange={(n) => setV({ ...v, needId: n })}
              data={(needs.data ?? []).map((n) => ({
                value: n.id,
                label: `${n.text} (${t(`panels.insights.needKinds.${n.kind}`)})`,
              }))}
            />
            <Select
              label={t('panels.insights.needKind')}
              clearable
              value={v.needKind}
              onChange={(k) => setV({ ...v, needKind: k })}
              data={['stated', 'real'].map((k) => ({
                value: k,
                label: t(`panels.insights.needKinds.${k}`),
              }))}
            />
            <Select
              label={t('panels.insights.attribute')}
              clearable
              searchable
              value={v.attributeId || null}
              onChange={(a) => setV({ ...v, attributeId: a ?? '' })}
              data={(attributes.data ?? []).map((a) => ({
                value: a.id,
                label: attrName(a.id) ?? a.key,
              }))}
            />
            <Select
              label={t('panels.insights.gap')}
              clearable
              value={v.gap}
              onChange={(g) => setV({ ...v, gap: g })}
              data={['1', '2', '3', '4', '5'].map((g) => ({
                value: g,
                label: t('panels.insights.gapValue', { n: g }),
              }))}
            />
            <Group align="flex-end">
              <Button onClick={add} loading={busy} disabled={!v.theme.trim()}>
                {t('panels.insights.add')}
              </Button>
            </Group>
          </SimpleGrid>
        )}
        {s.insights.length === 0 && <Text c="dimmed">{t('panels.insights.none')}</Text>}
        <List spacing="xs">
          {s.insights.map((i) => (
            <List.Item key={i.id}>
              <Group gap={6} wrap="wrap">
                <Badge variant="light">{i.theme}</Badge>
                {i.needId && (
                  <Badge variant="outline" color="grape">
                    {needName(i.needId) ?? t('panels.insights.need')}
                    {i.needKind ? ` · ${t(`panels.insights.needKinds.${i.needKind}`)}` : ''}
                  </Badge>
                )}
                {i.gap && (
                  <Badge variant="outline" color="orange">
                    {t('panels.insights.gapValue', { n: i.gap })}
                  </Badge>
                )}
                {i.segment && (
                  <Text size="xs" c="dimmed">
                    {i.segment}
                  </Text>
                )}
              </Group>
              {i.quote && (
                <Text size="sm" fs="italic">
                  «{i.quote}»{i.memberName ? ` — ${i.memberName}` : ''}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

export default function SessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const { user } = useAuthSession();
  const qc = useQueryClient();
  const session = useSession(id);
  const write = canWrite(user);
  if (session.isLoading) return <PageLoader />;
  if (!session.data) return <Alert color="red">{t('panels.session.none')}</Alert>;
  const s = session.data;
  const past = Date.parse(s.startsAt) < Date.now();
  const attend = async (memberId: string, attended: boolean) => {
    try {
      await request('PUT', `/api/panel-sessions/${s.id}/attendance`, { memberId, attended });
      await qc.invalidateQueries({ queryKey: ['panel-session', s.id] });
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/panels/${s.panelId}/sessions`} size="sm">
        ← {t('panels.session.back')} ({s.panelName})
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {s.topic}
        </Title>
        <Text c="dimmed">
          {t(`panels.session.kind.${s.kind}`)} · {f.dateTime(s.startsAt)}
          {s.place ? ` · ${s.place}` : ''}
        </Text>
        {s.videoUrl && (
          <Anchor href={s.videoUrl} target="_blank" size="sm" style={{ wordBreak: 'break-all' }}>
            {s.videoUrl}
          </Anchor>
        )}
        <Text size="sm">{t('panels.session.counts', s.counts)}</Text>
      </div>
      {s.guide.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('panels.session.guide')}
          </Title>
          <List type="ordered">
            {s.guide.map((g, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the guide is ordered
              <List.Item key={i}>
                {g.text}
                {g.servqualItem ? (
                  <Text span size="xs" c="dimmed">{` · SERVQUAL ${g.servqualItem}`}</Text>
                ) : null}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {write && !past && <Invite s={s} />}
      {past && (
        <Text size="sm" c="dimmed">
          {t('panels.session.past')}
        </Text>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('panels.session.invites')}
        </Title>
        {s.invites.length === 0 ? (
          <Text c="dimmed">{t('panels.session.noInvites')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={340}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('panels.member.name')}</Table.Th>
                  <Table.Th>{t('panels.session.rsvp')}</Table.Th>
                  <Table.Th>{t('panels.session.attended')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.invites.map((i) => (
                  <Table.Tr key={i.memberId}>
                    <Table.Td>
                      {i.name}
                      {i.memberStatus !== 'active' && (
                        <Text size="xs" c="dimmed">
                          {t(`panels.member.statuses.${i.memberStatus}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={RSVP_COLOR[i.rsvp]}>
                        {t(`panels.session.rsvps.${i.rsvp}`)}
                      </Badge>
                      {i.recordingConsent && (
                        <Text size="xs" c="dimmed">
                          {t('panels.session.recordingOk')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('panels.session.attendedLabel', { name: i.name })}
                        checked={i.attended}
                        disabled={!write}
                        onChange={(e) => attend(i.memberId, e.currentTarget.checked)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Notes s={s} write={write} />
      <Insights s={s} write={write} />
    </Stack>
  );
}
