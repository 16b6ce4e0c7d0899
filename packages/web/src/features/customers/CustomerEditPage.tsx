import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { TCustomer } from '../../api/types';
import { fieldErrorsOf, notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { KINDS, pick, useCustomer, useCustomerFields } from './api';

const EDIT_STATUSES = ['active', 'inactive', 'lost'] as const;

import { CustomFields } from './CustomFields';
import { emptyForm, type TForm, toBody, toForm, validate } from './form';

function CustomerForm({ initial, id }: { initial: TForm; id?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const fields = useCustomerFields();
  const [form, setForm] = useState<TForm>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TForm>(k: K, v: TForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const opts = (prefix: string, values: string[]) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = validate(form);
    setErrors(Object.fromEntries(Object.entries(local).map(([k, v]) => [k, t(v)])));
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const body = toBody(form, (fields.data ?? []).length > 0);
      const saved = id
        ? await api.patch<TCustomer>(`/api/customers/${id}`, body)
        : await api.post<TCustomer>('/api/customers', body);
      await qc.invalidateQueries({ queryKey: ['customers'] });
      await qc.invalidateQueries({ queryKey: ['customer', id ?? saved.id] });
      notifyOk(t('customer.saved'));
      navigate(`/customers/${id ?? saved.id}`);
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {Object.keys(errors).length > 0 && (
          <Alert color="red" role="alert">
            {t('form.fixErrors')}
          </Alert>
        )}
        <Paper withBorder p="md" radius="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('customers.name')}
              required
              value={form.name}
              error={errors.name}
              onChange={(e) => set('name', e.currentTarget.value)}
            />
            <TextInput
              label={t('customers.externalId')}
              value={form.externalId}
              error={errors.externalId}
              onChange={(e) => set('externalId', e.currentTarget.value)}
            />
            <TextInput
              label={t('customers.email')}
              type="email"
              value={form.email}
              error={errors.email}
              onChange={(e) => set('email', e.currentTarget.value)}
            />
            <TextInput
              label={t('customers.phone')}
              type="tel"
              value={form.phone}
              error={errors.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
            />
            <Select
              label={t('customers.kind')}
              data={opts('kind', ['external', 'internal', 'user'])}
              value={form.kind}
              allowDeselect={false}
              error={errors.kind}
              onChange={(v) => set('kind', pick(KINDS, v) ?? 'external')}
            />
            <Select
              label={t('customers.useClass')}
              data={opts('useClass', ['processor', 'merchant', 'end_user', 'public'])}
              value={form.useClass}
              clearable
              error={errors.useClass}
              onChange={(v) => set('useClass', v)}
            />
            <Select
              label={t('customers.tier')}
              data={['A', 'B', 'C']}
              value={form.tier}
              clearable
              error={errors.tier}
              onChange={(v) => set('tier', v)}
            />
            <Select
              label={t('customers.status')}
              data={opts('status', ['active', 'inactive', 'lost'])}
              value={form.status}
              allowDeselect={false}
              error={errors.status}
              onChange={(v) => set('status', pick(EDIT_STATUSES, v) ?? 'active')}
            />
            <UnitSelect
              label={t('customers.unit')}
              value={form.unitId}
              clearable
              searchable
              error={errors.unitId}
              onChange={(v) => set('unitId', v)}
            />
            {form.kind === 'internal' && (
              <UnitSelect
                label={t('customers.internalUnit')}
                description={t('customers.internalUnitHelp')}
                value={form.internalUnitId}
                clearable
                searchable
                error={errors.internalUnitId}
                onChange={(v) => set('internalUnitId', v)}
              />
            )}
            <Select
              label={t('customers.language')}
              data={opts('lang', ['es', 'en'])}
              value={form.language}
              clearable
              error={errors.language}
              onChange={(v) => set('language', v)}
            />
          </SimpleGrid>
          <Group mt="md">
            <Checkbox
              label={t('customers.consentEmail')}
              checked={form.consentEmail}
              onChange={(e) => set('consentEmail', e.currentTarget.checked)}
            />
            <Checkbox
              label={t('customers.consentSurvey')}
              checked={form.consentSurvey}
              onChange={(e) => set('consentSurvey', e.currentTarget.checked)}
            />
          </Group>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {t('customer.needs')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label={t('customers.statedNeeds')}
              autosize
              minRows={2}
              value={form.statedNeeds}
              error={errors.statedNeeds}
              onChange={(e) => set('statedNeeds', e.currentTarget.value)}
            />
            <Textarea
              label={t('customers.realNeeds')}
              autosize
              minRows={2}
              value={form.realNeeds}
              error={errors.realNeeds}
              onChange={(e) => set('realNeeds', e.currentTarget.value)}
            />
          </SimpleGrid>
          <TagsInput
            mt="sm"
            label={t('customers.needTags')}
            description={t('customers.needTagsHelp')}
            value={form.needTags}
            error={errors.needTags}
            onChange={(v) => set('needTags', v)}
          />
        </Paper>
        <CustomFields
          defs={fields.data ?? []}
          values={form.attributes}
          errors={errors}
          onChange={(v) => set('attributes', v)}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button variant="default" component={Link} to={id ? `/customers/${id}` : '/customers'}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function CustomerEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const q = useCustomer(id);
  if (id && q.isPending) return <PageLoader />;
  if (id && q.isError) {
    return (
      <Alert color="red" role="alert">
        {q.error.message}
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Anchor component={Link} to={id ? `/customers/${id}` : '/customers'} size="sm">
        {t('customer.back')}
      </Anchor>
      <Title order={1} size="h2">
        {id ? t('customer.editTitle') : t('customer.newTitle')}
      </Title>
      <CustomerForm
        key={id ?? 'new'}
        id={id}
        initial={id && q.data ? toForm(q.data) : emptyForm()}
      />
    </Stack>
  );
}
