// Staff entry of a complaint (at the counter, by phone, or any channel keyed in).
import { Button, Card, Group, Select, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { uuid } from '../../api/uuid';
import { fieldErrorsOf, notifyError } from '../../ui/notify';
import { useCreateCase } from './api';
import { ComplaintFields, emptyComplaintFields } from './ComplaintFields';
import { StaffPicker } from './StaffPicker';

const CHANNELS = ['counter', 'phone', 'email', 'web'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export default function NewCasePage() {
  const { t } = useTranslation();
  const create = useCreateCase();
  const navigate = useNavigate();
  const [v, setV] = useState({
    channel: 'counter' as (typeof CHANNELS)[number],
    severity: 'medium' as (typeof SEVERITIES)[number],
    ...emptyComplaintFields,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submissionId] = useState(uuid);
  const [staffInvolved, setStaffInvolved] = useState<string[]>([]);
  const set = (k: keyof typeof v) => (value: string) => setV((o) => ({ ...o, [k]: value }));
  const submit = () => {
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    create.mutate(
      {
        channel: v.channel,
        severity: v.severity,
        subject: v.subject.trim(),
        description: v.description.trim(),
        contactName: opt(v.contactName),
        contactEmail: opt(v.contactEmail),
        contactPhone: opt(v.contactPhone),
        unitId: opt(v.unitId),
        ...(staffInvolved.length ? { staffInvolved } : {}),
        submissionId,
      },
      {
        onSuccess: (c) => navigate(`/complaints/${c.id}`),
        onError: (e) => {
          setErrors(fieldErrorsOf(e));
          notifyError(e);
        },
      },
    );
  };
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('complaints.entry.title')}
      </Title>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack>
            <Group grow wrap="wrap">
              <Select
                label={t('complaints.field.channel')}
                value={v.channel}
                onChange={(x) => x && set('channel')(x)}
                data={CHANNELS.map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))}
                allowDeselect={false}
              />
              <Select
                label={t('complaints.field.severity')}
                value={v.severity}
                onChange={(x) => x && set('severity')(x)}
                data={SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))}
                allowDeselect={false}
              />
            </Group>
            <ComplaintFields
              variant="staff"
              value={v}
              onChange={(k, x) => set(k)(x)}
              errors={errors}
            />
            <StaffPicker
              value={staffInvolved}
              onChange={setStaffInvolved}
              description={t('complaints.involved.hint')}
              error={errors.staffInvolved}
            />
            <Group justify="end">
              <Button variant="default" onClick={() => navigate('/complaints')}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('complaints.entry.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
