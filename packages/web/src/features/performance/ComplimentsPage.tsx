// Compliments from customers: the list (newest first) and, for staff who meet customers, the
// entry form (a person or a branch, the customer's words, channel and day).
import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { uuid } from '../../api/uuid';
import { useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { DayInput, LocaleDates } from '../../ui/DateField';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { COMPLIMENT_CHANNELS, useCompliments, useStaff } from './api';

function ComplimentForm() {
  const { t } = useTranslation();
  const staff = useStaff();
  const qc = useQueryClient();
  const today = new Date().toISOString().slice(0, 10);
  const [id, setId] = useState(uuid);
  const [person, setPerson] = useState<string | null>(null);
  const [unit, setUnit] = useState<string>('');
  const [customer, setCustomer] = useState('');
  const [body, setBody] = useState('');
  const [channel, setChannel] = useState<string>('in_person');
  const [day, setDay] = useState(today);
  const [busy, setBusy] = useState(false);
  const ready = Boolean((person || unit) && body.trim() && day);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    try {
      await api.post('/api/performance/compliments', {
        id,
        staffUserId: person,
        unitId: unit || null,
        customerName: customer.trim() || null,
        body,
        channel,
        receivedOn: day,
      });
      notifyOk(t('performance.compliments.saved'));
      setId(uuid());
      setBody('');
      setCustomer('');
      await qc.invalidateQueries({ queryKey: ['performance'] });
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
          {t('performance.compliments.new')}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('performance.compliments.person')}
            searchable
            clearable
            value={person}
            onChange={setPerson}
            data={(staff.data ?? []).map((s) => ({
              value: s.id,
              label: s.unitName ? `${s.name} · ${s.unitName}` : s.name,
            }))}
            miw={220}
          />
          <UnitSelect
            label={t('performance.compliments.unit')}
            value={unit}
            onChange={(v) => setUnit(v ?? '')}
            clearable
            miw={220}
          />
        </Group>
        <Textarea
          label={t('performance.compliments.body')}
          required
          autosize
          minRows={2}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('performance.compliments.customer')}
            value={customer}
            maxLength={200}
            onChange={(e) => setCustomer(e.currentTarget.value)}
            miw={200}
          />
          <Select
            label={t('performance.compliments.channel')}
            value={channel}
            onChange={(v) => v && setChannel(v)}
            allowDeselect={false}
            data={COMPLIMENT_CHANNELS.map((c) => ({
              value: c,
              label: t(`performance.channel.${c}`),
            }))}
            miw={160}
          />
          <LocaleDates>
            <DayInput
              label={t('performance.compliments.day')}
              value={day}
              onChange={setDay}
              maxDate={today}
              required
              clearable={false}
              miw={160}
            />
          </LocaleDates>
        </Group>
        <Text size="xs" c="dimmed">
          {t('performance.compliments.targetHint')}
        </Text>
        <Group>
          <Button type="submit" loading={busy} disabled={!ready}>
            {t('performance.compliments.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export default function ComplimentsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user } = useSession();
  const list = useCompliments({});
  const mayEnter = user?.role !== 'viewer';
  return (
    <Stack gap="md">
      {mayEnter && <ComplimentForm />}
      <Title order={2} size="h4">
        {t('performance.compliments.list')}
      </Title>
      {list.isPending ? (
        <PageLoader />
      ) : (list.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('performance.compliments.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {list.data?.map((c) => (
            <Card key={c.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" fw={600}>
                  {c.staffName ?? c.unitName ?? '—'}
                  {c.staffName && c.unitName ? (
                    <Text span size="xs" c="dimmed" fw={400}>
                      {' '}
                      · {c.unitName}
                    </Text>
                  ) : null}
                </Text>
                <Group gap={6}>
                  <Badge variant="light" color="teal">
                    {t(`performance.channel.${c.channel}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {fmt.date(c.receivedOn)}
                  </Text>
                </Group>
              </Group>
              <Text size="sm" mt={4}>
                “{c.body}”
              </Text>
              {c.customerName && (
                <Text size="xs" c="dimmed" mt={2}>
                  — {c.customerName}
                </Text>
              )}
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
