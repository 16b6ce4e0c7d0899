import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, download } from '../../api/client';
import type { TCustomer } from '../../api/types';
import { canWrite, useSession } from '../../auth/session';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { unitName, useOrgUnits } from '../../ui/units';
import { RetentionPanel } from '../retention/RetentionPanel';
import { useCustomer, useCustomerFields } from './api';
import { CustomerTimeline, NoteForm } from './CustomerTimeline';
import { Importance } from './Importance';

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {value === null || value === undefined || value === '' ? '—' : value}
      </Text>
    </div>
  );
}

function Details({ c }: { c: TCustomer }) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="dl" spacing="sm" m={0}>
      <Field label={t('customers.externalId')} value={c.externalId} />
      <Field label={t('customers.email')} value={c.email} />
      <Field label={t('customers.phone')} value={c.phone} />
      <Field label={t('customers.kind')} value={t(`kind.${c.kind}`)} />
      <Field
        label={t('customers.useClass')}
        value={c.useClass ? t(`useClass.${c.useClass}`) : null}
      />
      <Field label={t('customers.unit')} value={unitName(units.data, c.unitId)} />
      {c.kind === 'internal' && (
        <Field label={t('customers.internalUnit')} value={unitName(units.data, c.internalUnitId)} />
      )}
      <Field label={t('customers.language')} value={c.language ? t(`lang.${c.language}`) : null} />
      <Field label={t('customers.consentEmail')} value={yesNo(c.consentEmail)} />
      <Field label={t('customers.consentSurvey')} value={yesNo(c.consentSurvey)} />
    </SimpleGrid>
  );
}

export default function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const q = useCustomer(id);
  const fieldDefs = useCustomerFields();
  const qc = useQueryClient();
  const [confirmOpen, confirm] = useDisclosure(false);
  const [busy, setBusy] = useState(false);

  if (q.isPending) return <PageLoader />;
  if (q.isError)
    return (
      <Alert color="red" role="alert">
        {q.error.message}
      </Alert>
    );
  const c = q.data;

  const erase = async () => {
    setBusy(true);
    try {
      await api.post(`/api/customers/${id}/erase`);
      notifyOk(t('customer.erased'));
      confirm.close();
      await qc.invalidateQueries({ queryKey: ['customer', id] });
      await qc.invalidateQueries({ queryKey: ['customers'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const attrs = Object.entries(c.attributes ?? {});
  const labelOf = (k: string) => fieldDefs.data?.find((f) => f.key === k)?.label ?? k;
  const showAttr = (v: unknown) =>
    v === null ? '—' : typeof v === 'boolean' ? (v ? t('common.yes') : t('common.no')) : String(v);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/customers" size="sm">
        {t('customer.back')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Title order={1} size="h2">
            {c.name}
          </Title>
          <Badge variant="light" color={c.status === 'active' ? 'teal' : 'gray'}>
            {t(`status.${c.status}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          {canWrite(user) && c.status !== 'erased' && (
            <Button component={Link} to={`/customers/${id}/edit`}>
              {t('common.edit')}
            </Button>
          )}
          <Button
            variant="default"
            onClick={() =>
              void download(`/api/customers/${id}/export`, `customer-${id}.json`).catch(notifyError)
            }
          >
            {t('customer.gdprExport')}
          </Button>
          {canWrite(user) && c.status !== 'erased' && (
            <Button variant="outline" color="red" onClick={confirm.open}>
              {t('customer.erase')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('customer.details')}
        </Title>
        <Details c={c} />
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {t('customer.needs')}
          </Title>
          <Stack gap="xs">
            <Field label={t('customers.statedNeeds')} value={c.statedNeeds} />
            <Field label={t('customers.realNeeds')} value={c.realNeeds} />
            <Group gap={4}>
              {c.needTags.map((tag) => (
                <Badge key={tag} variant="outline">
                  {tag}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            {t('customer.attributes')}
          </Title>
          {attrs.length === 0 ? (
            <Text c="dimmed">{t('customer.noAttributes')}</Text>
          ) : (
            <Table>
              <Table.Tbody>
                {attrs.map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Th scope="row">{labelOf(k)}</Table.Th>
                    <Table.Td>{showAttr(v)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>

      <Importance c={c} />

      <RetentionPanel customerId={id} />

      <Paper withBorder p="md" radius="md" aria-labelledby="timeline-title">
        <Title order={2} size="h4" mb={4} id="timeline-title">
          {t('customer.timeline')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('c360.timelineHelp')}
        </Text>
        <Stack gap="md">
          {user && user.role !== 'viewer' && c.status !== 'erased' && <NoteForm customerId={id} />}
          <CustomerTimeline id={id} />
        </Stack>
      </Paper>

      <Modal opened={confirmOpen} onClose={confirm.close} title={t('customer.eraseTitle')}>
        <Stack>
          <Text>{t('customer.eraseText', { name: c.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void erase()}>
              {t('customer.eraseConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
