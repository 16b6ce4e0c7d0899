// Recognition rules (admins): what earns a badge or points each month, and "evaluate now" for a
// month (idempotent: one award per person, rule and month).
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../api/client';
import { useFormat } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { monthKey, RULE_METRICS, type TRule, useRules } from './api';

type TDraft = Omit<TRule, 'id'> & { id: string | null };
const EMPTY: TDraft = {
  id: null,
  nameEs: '',
  nameEn: '',
  metric: 'compliments',
  threshold: 3,
  badgeEs: '',
  badgeEn: '',
  points: 50,
  active: true,
};

function RuleForm({ draft, onDone }: { draft: TDraft; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [d, setD] = useState<TDraft>(draft);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TDraft>(k: K, v: TDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const { id, ...body } = d;
    try {
      if (id) await request('PUT', `/api/performance/rules/${id}`, body);
      else await api.post('/api/performance/rules', body);
      notifyOk(t('performance.rules.saved'));
      await qc.invalidateQueries({ queryKey: ['performance', 'rules'] });
      onDone();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" component="form" onSubmit={(e) => void submit(e)}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {d.id ? t('performance.rules.edit') : t('performance.rules.new')}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('performance.rules.nameEs')}
            required
            maxLength={200}
            value={d.nameEs}
            onChange={(e) => set('nameEs', e.currentTarget.value)}
            miw={220}
          />
          <TextInput
            label={t('performance.rules.nameEn')}
            required
            maxLength={200}
            value={d.nameEn}
            onChange={(e) => set('nameEn', e.currentTarget.value)}
            miw={220}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('performance.rules.metric')}
            value={d.metric}
            onChange={(v) => v && set('metric', v as TDraft['metric'])}
            allowDeselect={false}
            data={RULE_METRICS.map((m) => ({
              value: m,
              label: t(`performance.rules.metrics.${m}`),
            }))}
            miw={220}
          />
          <NumberInput
            label={t('performance.rules.threshold')}
            description={t(`performance.rules.unit.${d.metric}`)}
            required
            value={d.threshold}
            onChange={(v) => set('threshold', typeof v === 'number' ? v : 0)}
            miw={160}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('performance.rules.badgeEs')}
            maxLength={100}
            value={d.badgeEs ?? ''}
            onChange={(e) => set('badgeEs', e.currentTarget.value)}
            miw={200}
          />
          <TextInput
            label={t('performance.rules.badgeEn')}
            maxLength={100}
            value={d.badgeEn ?? ''}
            onChange={(e) => set('badgeEn', e.currentTarget.value)}
            miw={200}
          />
          <NumberInput
            label={t('performance.rules.points')}
            min={0}
            max={100000}
            value={d.points}
            onChange={(v) => set('points', typeof v === 'number' ? v : 0)}
            miw={120}
          />
        </Group>
        <Switch
          label={t('performance.rules.active')}
          checked={d.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        <Text size="xs" c="dimmed">
          {t('performance.rules.fairness')}
        </Text>
        <Group>
          <Button type="submit" loading={busy}>
            {t('performance.rules.save')}
          </Button>
          {d.id && (
            <Button variant="default" onClick={onDone}>
              {t('performance.rules.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export default function RulesPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const rules = useRules();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<TDraft>(EMPTY);
  const [formKey, setFormKey] = useState(0);
  const [month, setMonth] = useState(monthKey(1));
  const [busy, setBusy] = useState(false);
  const en = i18n.resolvedLanguage === 'en';
  const evaluate = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ awarded: number }>('/api/performance/evaluate', { period: month });
      notifyOk(t('performance.rules.evaluated', { n: r.awarded }));
      await qc.invalidateQueries({ queryKey: ['performance'] });
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  const show = (r: TRule) =>
    r.metric === 'compliments'
      ? fmt.int(r.threshold)
      : r.metric === 'nps'
        ? fmt.num(r.threshold, 0)
        : fmt.pct(r.threshold / 100, 0);
  return (
    <Stack gap="md">
      <RuleForm
        key={formKey}
        draft={draft}
        onDone={() => {
          setDraft(EMPTY);
          setFormKey((k) => k + 1);
        }}
      />
      <Card withBorder padding="sm">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('performance.rules.evaluateMonth')}
            value={month}
            onChange={(v) => v && setMonth(v)}
            allowDeselect={false}
            data={Array.from({ length: 12 }, (_, i) => monthKey(i)).map((m) => ({
              value: m,
              label: fmt.month(`${m}-01`),
            }))}
            w={{ base: '100%', xs: 220 }}
          />
          <Button onClick={() => void evaluate()} loading={busy}>
            {t('performance.rules.evaluate')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('performance.rules.evaluateHint')}
        </Text>
      </Card>
      {rules.isPending ? (
        <PageLoader />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('performance.rules.rule')}</Table.Th>
                <Table.Th>{t('performance.rules.condition')}</Table.Th>
                <Table.Th>{t('performance.rules.reward')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(rules.data ?? []).map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {en ? r.nameEn : r.nameEs}{' '}
                    {!r.active && (
                      <Badge size="xs" color="gray">
                        {t('performance.rules.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {t('performance.rules.conditionText', {
                      metric: t(`performance.rules.metrics.${r.metric}`),
                      value: show(r),
                    })}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {(en ? r.badgeEn : r.badgeEs) && (
                        <Badge variant="light">{en ? r.badgeEn : r.badgeEs}</Badge>
                      )}
                      {r.points > 0 && (
                        <Badge color="yellow">
                          {t('performance.board.pts', { n: fmt.int(r.points) })}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={t('performance.rules.editOne', {
                        name: en ? r.nameEn : r.nameEs,
                      })}
                      onClick={() => {
                        setDraft({ ...r });
                        setFormKey((k) => k + 1);
                      }}
                    >
                      {t('performance.rules.editShort')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
