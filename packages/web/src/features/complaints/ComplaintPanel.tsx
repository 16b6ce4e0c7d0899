// The top of the case page: what the customer wrote (subject, text, channel, remedy sought,
// attachments with their scan state) and who they are (contact details, the linked customer
// record, or the suggestion "this e-mail matches customer X"), then the classification, which
// staff correct in place (the server audits every change in the case history and recomputes
// the SLA when severity, category or unit change). Viewers read only.

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notifyError, notifyOk } from '../../ui/notify';
import { UnitSelect } from '../../ui/UnitSelect';
import { unitName, useOrgUnits } from '../../ui/units';
import { useAttributes } from '../standards/api';
import { type TCaseDetail, useCaseActions } from './api';
import { DIMENSIONS, SEVERITIES, useCategories } from './settings/api';

const FORMS = ['complaint', 'unexpressed', 'avoidable', 'trivial'] as const;
const KB = 1024;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

function CustomerCard({ k, canAct }: { k: TCaseDetail; canAct: boolean }) {
  const { t } = useTranslation();
  const act = useCaseActions(k.id);
  const s = k.customerSuggestion;
  const answer = (link: boolean) =>
    s &&
    act.customerMatch.mutate(
      { customerId: s.id, link },
      { onSuccess: () => notifyOk(t('complaints.case.saved')), onError: notifyError },
    );
  const email = k.contactEmail ?? k.customer?.email;
  const phone = k.contactPhone ?? k.customer?.phone;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('complaints.panel.customer')}
      </Title>
      <Stack gap="xs">
        <Field label={t('complaints.panel.name')}>{k.contactName ?? k.customer?.name}</Field>
        <Field label={t('complaints.panel.email')}>
          {email && <Anchor href={`mailto:${email}`}>{email}</Anchor>}
        </Field>
        <Field label={t('complaints.panel.phone')}>
          {phone && <Anchor href={`tel:${phone.replace(/\s/g, '')}`}>{phone}</Anchor>}
        </Field>
        <Field label={t('complaints.panel.record')}>
          {k.customer ? (
            <Anchor component={Link} to={`/customers/${k.customer.id}`}>
              {k.customer.name}
            </Anchor>
          ) : (
            t('complaints.panel.notLinked')
          )}
        </Field>
        {s && (
          <Alert color="yellow" variant="light" title={t('complaints.panel.matchTitle')}>
            <Text size="sm">
              {t('complaints.panel.match', { email: s.email ?? '', name: s.name })}{' '}
              <Anchor component={Link} to={`/customers/${s.id}`}>
                {t('complaints.panel.seeCustomer')}
              </Anchor>
            </Text>
            {canAct && (
              <Group gap="xs" mt="xs">
                <Button
                  size="xs"
                  onClick={() => answer(true)}
                  loading={act.customerMatch.isPending}
                >
                  {t('complaints.panel.link')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => answer(false)}
                  disabled={act.customerMatch.isPending}
                >
                  {t('complaints.panel.dismiss')}
                </Button>
              </Group>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function Classification({ k, canAct }: { k: TCaseDetail; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const attributes = useAttributes();
  const act = useCaseActions(k.id);
  const cats = useCategories();
  const units = useOrgUnits();
  const [editing, setEditing] = useState(false);
  const initial = {
    form: k.form,
    severity: k.severity,
    categoryId: k.categoryId ?? '',
    servqualDimension: k.servqualDimension ?? '',
    serviceAttributeId: k.serviceAttributeId ?? '',
    unitId: k.unitId ?? '',
  };
  const [v, setV] = useState(initial);
  const categories = (cats.data ?? []).filter((c) => c.tree === 'category');
  const catName = (id: string | null) => categories.find((c) => c.id === id)?.name ?? null;
  const set = (key: keyof typeof v) => (x: string | null) =>
    setV((o) => ({ ...o, [key]: x ?? '' }));

  const save = () => {
    // send only what changed; '' clears an optional field
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v) as (keyof typeof v)[]) {
      if (v[key] === initial[key]) continue;
      out[key] = v[key] === '' ? null : v[key].trim();
    }
    if (!Object.keys(out).length) return setEditing(false);
    act.classify.mutate(out, {
      onSuccess: () => {
        notifyOk(t('complaints.case.saved'));
        setEditing(false);
      },
      onError: notifyError,
    });
  };

  if (!editing)
    return (
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('complaints.panel.classification')}
          </Title>
          {canAct && (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setV(initial);
                setEditing(true);
              }}
            >
              {t('complaints.panel.correct')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <Field label={t('complaints.field.form')}>{t(`complaints.form.${k.form}`)}</Field>
          <Field label={t('complaints.field.severity')}>
            {t(`complaints.severity.${k.severity}`)}
          </Field>
          <Field label={t('complaints.field.categoryId')}>{catName(k.categoryId)}</Field>
          <Field label={t('complaints.field.servqualDimension')}>
            {k.servqualDimension && t(`complaints.dimension.${k.servqualDimension}`)}
          </Field>
          <Field label={t('complaints.field.serviceAttribute')}>
            {k.serviceAttributeName
              ? k.serviceAttributeName[lang === 'en' ? 'en' : 'es']
              : k.serviceAttribute}
          </Field>
          <Field label={t('complaints.field.unit')}>
            {k.unitId ? unitName(units.data, k.unitId) : null}
          </Field>
        </SimpleGrid>
      </Card>
    );
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Title order={2} size="h4" mb="xs">
          {t('complaints.panel.classification')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('complaints.field.form')}
            value={v.form}
            onChange={set('form')}
            allowDeselect={false}
            data={FORMS.map((f) => ({ value: f, label: t(`complaints.form.${f}`) }))}
          />
          <Select
            label={t('complaints.field.severity')}
            value={v.severity}
            onChange={set('severity')}
            allowDeselect={false}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))}
          />
          <Select
            label={t('complaints.field.categoryId')}
            value={v.categoryId || null}
            onChange={set('categoryId')}
            clearable
            searchable
            data={categories
              .filter((c) => c.active || c.id === k.categoryId)
              .map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            label={t('complaints.field.servqualDimension')}
            value={v.servqualDimension || null}
            onChange={set('servqualDimension')}
            clearable
            data={DIMENSIONS.map((d) => ({ value: d, label: t(`complaints.dimension.${d}`) }))}
          />
          <Select
            label={t('complaints.field.serviceAttribute')}
            description={t('complaints.field.serviceAttributeHelp')}
            searchable
            clearable
            value={v.serviceAttributeId || null}
            onChange={set('serviceAttributeId')}
            data={(attributes.data ?? []).map((a) => ({
              value: a.id,
              label: lang === 'en' ? a.nameEn : a.nameEs,
            }))}
          />
          <UnitSelect
            label={t('complaints.field.unit')}
            value={v.unitId || null}
            onChange={set('unitId')}
            clearable
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {t('complaints.panel.slaNote')}
        </Text>
        <Group justify="end" mt="sm">
          <Button variant="default" onClick={() => setEditing(false)}>
            {t('complaints.panel.cancel')}
          </Button>
          <Button type="submit" loading={act.classify.isPending}>
            {t('complaints.panel.save')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

export function ComplaintPanel({ k, canAct }: { k: TCaseDetail; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const size = (n: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(
      n < KB * KB ? n / KB : n / KB / KB,
    ) + (n < KB * KB ? ' KB' : ' MB');
  return (
    <Stack>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder h="100%">
            <Title order={2} size="h4" mb="xs">
              {t('complaints.panel.complaint')}
            </Title>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {k.subject}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} mb="sm">
              {k.description}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 3 }}>
              <Field label={t('complaints.field.channel')}>
                {t(`complaints.channel.${k.channel}`)}
              </Field>
              <Field label={t('complaints.field.received')}>{when(k.receivedAt)}</Field>
              <Field label={t('complaints.field.remedySought')}>
                {k.remedySought.map((r) => t(`complaints.track.remedy.${r}`)).join(', ')}
              </Field>
            </SimpleGrid>
            {k.attachments.length > 0 && (
              <Stack gap={4} mt="sm">
                <Text size="xs" c="dimmed">
                  {t('complaints.panel.attachments')}
                </Text>
                {k.attachments.map((a) => (
                  <Group key={a.id} gap="xs" wrap="wrap">
                    <Anchor href={`/api/complaints/${k.id}/attachments/${a.id}`} download>
                      {a.filename}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {size(a.size)}
                    </Text>
                    <Badge
                      size="xs"
                      variant="light"
                      color={a.scanStatus === 'clean' ? 'teal' : 'gray'}
                    >
                      {t(`complaints.panel.scan.${a.scanStatus}`)}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <CustomerCard k={k} canAct={canAct} />
        </Grid.Col>
      </Grid>
      <Classification k={k} canAct={canAct} />
    </Stack>
  );
}
