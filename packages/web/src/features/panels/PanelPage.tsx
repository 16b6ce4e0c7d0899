// One panel: members (profile, consent, participation), recruitment from the registry, the
// quota sample with its fill preview, sessions, the incentives ledger and the theme summary.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Progress,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, download } from '../../api/client';
import { uuid } from '../../api/uuid';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import {
  type TMember,
  type TQuota,
  type TSamplePreview,
  type TSession,
  useIncentives,
  useMembers,
  usePanel,
  useSamples,
  useSessions,
} from './api';
import { SessionForm } from './SessionForm';
import { ThemeSummary } from './ThemeSummary';

const TABS = ['members', 'sample', 'sessions', 'incentives', 'themes'] as const;
const STATUS_COLOR: Record<string, string> = {
  active: 'teal',
  pending: 'yellow',
  withdrawn: 'gray',
  erased: 'gray',
};

function useInvalidate(panelId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['panels', panelId] });
}

function Recruit({ panelId, onDone }: { panelId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate(panelId);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [tier, setTier] = useState<string | null>(null);
  const [segment, setSegment] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ added: number; skipped: Record<string, number> } | null>(
    null,
  );
  const submit = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ added: number; skipped: Record<string, number> }>(
        `/api/panels/${panelId}/members`,
        {
          filters: { ...(q ? { q } : {}), ...(kind ? { kind } : {}), ...(tier ? { tier } : {}) },
          ...(segment.trim() ? { segment: segment.trim() } : {}),
        },
      );
      setResult(r);
      notifyOk(t('panels.recruit.done', { added: r.added }));
      await invalidate();
      if (r.added > 0) onDone();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('panels.recruit.help')}
      </Text>
      <TextInput
        label={t('panels.recruit.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <Select
        label={t('panels.recruit.kind')}
        placeholder={t('panels.recruit.any')}
        clearable
        value={kind}
        onChange={setKind}
        data={['external', 'internal', 'user'].map((k) => ({
          value: k,
          label: t(`panels.customerKind.${k}`),
        }))}
      />
      <Select
        label={t('panels.recruit.tier')}
        placeholder={t('panels.recruit.any')}
        clearable
        value={tier}
        onChange={setTier}
        data={['A', 'B', 'C']}
      />
      <TextInput
        label={t('panels.recruit.segment')}
        value={segment}
        onChange={(e) => setSegment(e.currentTarget.value)}
      />
      {result && <Alert color="blue">{t('panels.recruit.skipped', result.skipped)}</Alert>}
      <Group justify="flex-end">
        <Button onClick={submit} loading={busy}>
          {t('panels.recruit.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function Members({ panelId, write }: { panelId: string; write: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const members = useMembers(panelId);
  const invalidate = useInvalidate(panelId);
  const [open, { open: show, close }] = useDisclosure(false);
  const act = async (m: TMember, what: 'withdraw' | 'anonymise') => {
    if (!window.confirm(t(`panels.member.${what}Confirm`, { name: m.name }))) return;
    try {
      await api.post(`/api/panel-members/${m.id}/${what}`);
      notifyOk(t(what === 'withdraw' ? 'panels.member.withdrawn' : 'panels.member.anonymised'));
      await invalidate();
    } catch (e) {
      notifyError(e);
    }
  };
  if (members.isLoading) return <PageLoader />;
  const items = members.data?.items ?? [];
  return (
    <Stack>
      {write && (
        <Group>
          <Button onClick={show}>{t('panels.recruit.open')}</Button>
        </Group>
      )}
      {items.length === 0 ? (
        <Text c="dimmed">{t('panels.member.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('panels.member.name')}</Table.Th>
                <Table.Th>{t('panels.member.segment')}</Table.Th>
                <Table.Th>{t('panels.member.tier')}</Table.Th>
                <Table.Th>{t('panels.member.status')}</Table.Th>
                <Table.Th>{t('panels.member.history')}</Table.Th>
                {write && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/panels/members/${m.id}`}>
                      {m.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`panels.member.source.${m.source}`)}
                      {Object.keys(m.demographics).length > 0 &&
                        ` · ${Object.values(m.demographics).join(', ')}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>{m.segment ?? '—'}</Table.Td>
                  <Table.Td>{m.tier ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[m.status] ?? 'gray'}>
                      {t(`panels.member.statuses.${m.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('panels.member.historyValue', {
                        invited: f.int(m.history.invited),
                        attended: f.int(m.history.attended),
                        incentives: f.num(m.history.incentives, 0),
                        surveys: f.int(m.history.surveysAnswered),
                      })}
                    </Text>
                  </Table.Td>
                  {write && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {(m.status === 'active' || m.status === 'pending') && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => act(m, 'withdraw')}
                          >
                            {t('panels.member.withdraw')}
                          </Button>
                        )}
                        {m.status !== 'erased' && m.name !== '—' && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => act(m, 'anonymise')}
                          >
                            {t('panels.member.anonymise')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={open} onClose={close} title={t('panels.recruit.title')} size="lg">
        <Recruit panelId={panelId} onDone={close} />
      </Modal>
    </Stack>
  );
}

const QUOTA_FIELDS = ['segment', 'tier', 'use_class', 'kind'];

function Sample({ panelId, write }: { panelId: string; write: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const samples = useSamples(panelId);
  const invalidate = useInvalidate(panelId);
  const [size, setSize] = useState(8);
  const [seed, setSeed] = useState<number | ''>('');
  const [quotas, setQuotas] = useState<TQuota[]>([]);
  const [preview, setPreview] = useState<TSamplePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const body = () => ({ size, quotas, ...(seed !== '' ? { seed } : {}) });
  const run = async (save: boolean) => {
    setBusy(true);
    try {
      const r = await api.post<TSamplePreview>(
        `/api/panels/${panelId}/samples${save ? '' : '/preview'}`,
        save && preview ? { ...body(), seed: preview.seed } : body(),
      );
      setPreview(r);
      setSeed(r.seed);
      if (save) {
        notifyOk(t('panels.sample.saved'));
        await invalidate();
      }
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const setQuota = (i: number, q: Partial<TQuota>) =>
    setQuotas(quotas.map((x, j) => (j === i ? { ...x, ...q } : x)));
  return (
    <Stack>
      <Card withBorder>
        <Stack>
          <Title order={2} size="h4">
            {t('panels.sample.title')}
          </Title>
          <Group align="flex-end" wrap="wrap">
            <NumberInput
              label={t('panels.sample.size')}
              min={1}
              max={10000}
              value={size}
              onChange={(n) => setSize(Number(n) || 1)}
              w={160}
            />
            <NumberInput
              label={t('panels.sample.seed')}
              min={0}
              value={seed}
              onChange={(n) => setSeed(n === '' ? '' : Number(n))}
              w={{ base: '100%', sm: 320 }}
            />
          </Group>
          <Text fw={500} size="sm">
            {t('panels.sample.quotas')}
          </Text>
          {quotas.map((q, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <Group key={i} align="flex-end" wrap="wrap">
              <Select
                label={t('panels.sample.field')}
                value={q.field}
                allowDeselect={false}
                data={QUOTA_FIELDS.map((k) => ({
                  value: k,
                  label: t(`panels.sample.fields.${k}`),
                }))}
                onChange={(v) => setQuota(i, { field: v ?? 'segment' })}
                w={180}
              />
              <TextInput
                label={t('panels.sample.value')}
                value={q.value}
                onChange={(e) => setQuota(i, { value: e.currentTarget.value })}
                w={180}
              />
              <NumberInput
                label={t('panels.sample.target')}
                min={1}
                value={q.target}
                onChange={(n) => setQuota(i, { target: Number(n) || 1 })}
                w={120}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('panels.sample.removeQuota')}
                onClick={() => setQuotas(quotas.filter((_, j) => j !== i))}
                mb={4}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => setQuotas([...quotas, { field: 'tier', value: '', target: 1 }])}
            >
              {t('panels.sample.addQuota')}
            </Button>
          </Group>
          <Group>
            <Button
              onClick={() => run(false)}
              loading={busy}
              disabled={!write || quotas.some((q) => !q.value.trim())}
            >
              {t('panels.sample.preview')}
            </Button>
            {preview && write && (
              <Button variant="filled" color="teal" onClick={() => run(true)} loading={busy}>
                {t('panels.sample.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
      {preview && (
        <Card withBorder>
          <Stack gap="xs">
            <Text fw={600}>{t('panels.sample.drawn', { count: preview.members.length })}</Text>
            <Text size="sm">{t('panels.sample.eligible', { count: preview.eligible })}</Text>
            <Text size="sm" c="dimmed">
              {preview.fatigueDays > 0
                ? t('panels.sample.excludedFatigue', {
                    fatigue: f.int(preview.excluded.fatigue),
                    survey: f.int(preview.excluded.fatigueSurvey),
                    panel: f.int(preview.excluded.fatiguePanel),
                    days: f.int(preview.fatigueDays),
                  })
                : t('panels.sample.fatigueOff')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('panels.sample.excludedConsent', { count: preview.excluded.notActive })}
            </Text>
            {preview.fill.length > 0 && (
              <Stack gap={6}>
                <Text fw={500} size="sm">
                  {t('panels.sample.fill')}
                </Text>
                {preview.fill.map((q) => (
                  <div key={`${q.field}:${q.value}`}>
                    <Group justify="space-between">
                      <Text size="sm">
                        {t(`panels.sample.fields.${q.field}`, { defaultValue: q.field })}: {q.value}
                      </Text>
                      <Text size="sm">
                        {t('panels.sample.fillValue', {
                          filled: f.int(q.filled),
                          target: f.int(q.target),
                          available: f.int(q.available),
                        })}
                      </Text>
                    </Group>
                    <Progress
                      value={(100 * q.filled) / q.target}
                      color={q.filled >= q.target ? 'teal' : 'orange'}
                      aria-label={q.value}
                    />
                  </div>
                ))}
              </Stack>
            )}
            <Text size="sm">{preview.members.map((m) => m.name).join(', ')}</Text>
          </Stack>
        </Card>
      )}
      <Stack gap={4}>
        <Text fw={500}>{t('panels.sample.saved_list')}</Text>
        {(samples.data?.items ?? []).length === 0 && (
          <Text c="dimmed" size="sm">
            {t('panels.sample.none')}
          </Text>
        )}
        {(samples.data?.items ?? []).map((s) => (
          <Text size="sm" key={s.id}>
            {t('panels.sample.savedItem', {
              count: s.memberIds.length,
              seed: s.seed,
              date: f.dateTime(s.createdAt),
            })}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

function Sessions({ panelId, write }: { panelId: string; write: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const sessions = useSessions(panelId);
  const navigate = useNavigate();
  const [open, { open: show, close }] = useDisclosure(false);
  const items = sessions.data?.items ?? [];
  return (
    <Stack>
      {write && (
        <Group>
          <Button onClick={show}>{t('panels.session.new')}</Button>
        </Group>
      )}
      {items.length === 0 && <Text c="dimmed">{t('panels.session.none')}</Text>}
      {items.map((s: TSession) => (
        <Card key={s.id} withBorder>
          <Group justify="space-between" wrap="wrap">
            <div>
              <Anchor component={Link} to={`/panels/sessions/${s.id}`} fw={600}>
                {s.topic}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t(`panels.session.kind.${s.kind}`)} · {f.dateTime(s.startsAt)}
                {s.place ? ` · ${s.place}` : ''}
              </Text>
            </div>
            <Text size="sm">{t('panels.session.counts', s.counts)}</Text>
          </Group>
        </Card>
      ))}
      <Modal opened={open} onClose={close} title={t('panels.session.new')} size="lg">
        <SessionForm
          panelId={panelId}
          onCreated={(id) => {
            close();
            navigate(`/panels/sessions/${id}`);
          }}
        />
      </Modal>
    </Stack>
  );
}

function Incentives({ panelId, write }: { panelId: string; write: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const ledger = useIncentives(panelId);
  const members = useMembers(panelId);
  const sessions = useSessions(panelId);
  const invalidate = useInvalidate(panelId);
  const [v, setV] = useState<{
    memberId: string | null;
    kind: string;
    amount: number;
    note: string;
    sessionId: string | null;
  }>({
    memberId: null,
    kind: 'voucher',
    amount: 10,
    note: '',
    sessionId: null,
  });
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (!v.memberId) return;
    setBusy(true);
    try {
      await api.post(`/api/panel-members/${v.memberId}/incentives`, {
        id: uuid(),
        kind: v.kind,
        amount: v.amount,
        note: v.note,
        ...(v.sessionId ? { sessionId: v.sessionId } : {}),
      });
      notifyOk(t('panels.incentives.saved'));
      setV({ ...v, note: '' });
      await invalidate();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'es';
  const items = ledger.data?.items ?? [];
  return (
    <Stack>
      {write && (
        <Card withBorder>
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('panels.incentives.member')}
              searchable
              value={v.memberId}
              onChange={(m) => setV({ ...v, memberId: m })}
              data={(members.data?.items ?? [])
                .filter((m) => m.status !== 'erased')
                .map((m) => ({ value: m.id, label: m.name }))}
              w={{ base: '100%', sm: 240 }}
            />
            <Select
              label={t('panels.incentives.kindLabel')}
              value={v.kind}
              allowDeselect={false}
              onChange={(k) => setV({ ...v, kind: k ?? 'voucher' })}
              data={['voucher', 'points'].map((k) => ({
                value: k,
                label: t(`panels.incentives.kind.${k}`),
              }))}
              w={140}
            />
            <NumberInput
              label={t('panels.incentives.amount')}
              min={0.01}
              decimalScale={2}
              value={v.amount}
              onChange={(n) => setV({ ...v, amount: Number(n) || 0 })}
              w={120}
            />
            <Select
              label={t('panels.incentives.session')}
              placeholder={t('panels.incentives.noSession')}
              clearable
              value={v.sessionId}
              onChange={(s) => setV({ ...v, sessionId: s })}
              data={(sessions.data?.items ?? []).map((s) => ({ value: s.id, label: s.topic }))}
              w={{ base: '100%', sm: 220 }}
            />
            <TextInput
              label={t('panels.incentives.note')}
              value={v.note}
              onChange={(e) => setV({ ...v, note: e.currentTarget.value })}
              w={{ base: '100%', sm: 220 }}
            />
            <Button onClick={add} loading={busy} disabled={!v.memberId || v.amount <= 0}>
              {t('panels.incentives.add')}
            </Button>
          </Group>
        </Card>
      )}
      <Group justify="space-between" wrap="wrap">
        <Text fw={500}>
          {t('panels.incentives.totals', {
            points: f.num(ledger.data?.totals.points ?? 0, 0),
            voucher: f.num(ledger.data?.totals.voucher ?? 0, 2),
          })}
        </Text>
        {write && (
          <Group gap="xs">
            <Button
              variant="light"
              size="xs"
              onClick={() =>
                download(
                  `/api/panels/${panelId}/incentives.csv?lang=${lang}`,
                  'incentives.csv',
                ).catch(notifyError)
              }
            >
              {t('panels.incentives.exportCsv')}
            </Button>
            <Button
              variant="light"
              size="xs"
              onClick={() =>
                download(
                  `/api/panels/${panelId}/incentives.xlsx?lang=${lang}`,
                  'incentives.xlsx',
                ).catch(notifyError)
              }
            >
              {t('panels.incentives.exportXlsx')}
            </Button>
          </Group>
        )}
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{t('panels.incentives.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('panels.incentives.date')}</Table.Th>
                <Table.Th>{t('panels.incentives.member')}</Table.Th>
                <Table.Th>{t('panels.incentives.kindLabel')}</Table.Th>
                <Table.Th>{t('panels.incentives.amount')}</Table.Th>
                <Table.Th>{t('panels.incentives.session')}</Table.Th>
                <Table.Th>{t('panels.incentives.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{f.date(x.createdAt)}</Table.Td>
                  <Table.Td>{x.memberName}</Table.Td>
                  <Table.Td>{t(`panels.incentives.kind.${x.kind}`)}</Table.Td>
                  <Table.Td>{f.num(x.amount, x.kind === 'points' ? 0 : 2)}</Table.Td>
                  <Table.Td>{x.sessionTopic ?? '—'}</Table.Td>
                  <Table.Td>{x.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export default function PanelPage() {
  const { id = '', '*': rest = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const panel = usePanel(id);
  const write = canWrite(user);
  const tab = TABS.find((x) => rest.startsWith(x)) ?? 'members';
  if (panel.isLoading) return <PageLoader />;
  if (!panel.data) return <Alert color="red">{t('panels.empty')}</Alert>;
  const p = panel.data;
  const signup = p.signupSlug ? `${window.location.origin}/panel-signup/${p.signupSlug}` : null;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/panels" size="sm">
        ← {t('panels.back')}
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {p.name}
        </Title>
        {p.description && <Text c="dimmed">{p.description}</Text>}
        {signup && (
          <Text size="sm">
            {t('panels.signupLink')}:{' '}
            <Anchor href={signup} target="_blank" style={{ wordBreak: 'break-all' }}>
              {signup}
            </Anchor>
          </Text>
        )}
      </div>
      <Tabs
        value={tab}
        onChange={(v) => navigate(`/panels/${id}/${v ?? 'members'}`)}
        keepMounted={false}
      >
        <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`panels.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <Members panelId={id} write={write} />
        </Tabs.Panel>
        <Tabs.Panel value="sample" pt="md">
          <Sample panelId={id} write={write} />
        </Tabs.Panel>
        <Tabs.Panel value="sessions" pt="md">
          <Sessions panelId={id} write={write} />
        </Tabs.Panel>
        <Tabs.Panel value="incentives" pt="md">
          <Incentives panelId={id} write={write} />
        </Tabs.Panel>
        <Tabs.Panel value="themes" pt="md">
          <ThemeSummary panelId={id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
