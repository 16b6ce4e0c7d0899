// Catalogue of moments and their standards, filtered by unit / moment / dimension / text, with
// the starter-catalogue picker ("Load the bank-branch catalogue") for those who edit.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
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
import { Link } from 'react-router';
import { api } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { unitName, useOrgUnits } from '../../ui/units';
import { DIMENSIONS, nameOf, type TStandard, useCatalogues, useMoments, useStandards } from './api';
import { targetText } from './model';

function StarterPicker() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const qc = useQueryClient();
  const cats = useCatalogues();
  const [key, setKey] = useState<string | null>('bank_branch');
  const [busy, setBusy] = useState(false);
  const chosen = cats.data?.find((c) => c.key === key);
  const load = async () => {
    if (!key) return;
    setBusy(true);
    try {
      const r = await api.post<{ created: number; skipped: number }>(
        `/api/standards/catalogues/${key}/load`,
        { language: lang },
      );
      notifyOk(t('standards.starter.loaded', { created: r.created, skipped: r.skipped }));
      await qc.invalidateQueries({ queryKey: ['standards'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('standards.starter.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('standards.starter.help')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('standards.starter.label')}
            data={(cats.data ?? []).map((c) => ({
              value: c.key,
              label: t('standards.starter.option', { name: nameOf(c, lang), n: c.standards }),
            }))}
            value={key}
            onChange={setKey}
            allowDeselect={false}
            w={{ base: '100%', sm: 280 }}
          />
          <Button onClick={() => void load()} loading={busy} disabled={!key} variant="light">
            {chosen
              ? t('standards.starter.load', { name: nameOf(chosen, lang).toLowerCase() })
              : t('standards.starter.loadPlain')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ItemsBadges({ s }: { s: TStandard }) {
  const { t } = useTranslation();
  if (s.servqualItems.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('standards.noItems')}
      </Text>
    );
  return (
    <Group gap={4}>
      {s.servqualItems.map((k) => (
        <Badge
          key={k}
          variant="light"
          size="sm"
          title={t(`standards.dimension.${s.dimension ?? 'none'}`)}
        >
          {t('standards.itemShort', { n: k })}
        </Badge>
      ))}
    </Group>
  );
}

export default function CataloguePage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { user } = useSession();
  const [unitId, setUnitId] = useState('');
  const [momentId, setMomentId] = useState('');
  const [dimension, setDimension] = useState('');
  const [q, setQ] = useState('');
  const [activeOnly, setActiveOnly] = useState(true);
  const moments = useMoments();
  const units = useOrgUnits();
  const list = useStandards({ unitId, momentId, dimension, q, activeOnly });
  const writer = canWrite(user);
  const groups = (moments.data ?? [])
    .map((m) => ({ m, items: (list.data ?? []).filter((s) => s.momentId === m.id) }))
    .filter((g) => g.items.length > 0);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('standards.catalogue.help')}
        </Text>
        {writer && (
          <Button component={Link} to="/standards/new">
            {t('standards.new')}
          </Button>
        )}
      </Group>
      {writer && <StarterPicker />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        <UnitSelect
          includeAll
          label={t('standards.filter.unit')}
          value={unitId}
          onChange={(v) => setUnitId(v ?? '')}
          allowDeselect={false}
        />
        <Select
          label={t('standards.filter.moment')}
          data={[
            { value: '', label: t('standards.filter.allMoments') },
            ...(moments.data ?? []).map((m) => ({ value: m.id, label: nameOf(m, lang) })),
          ]}
          value={momentId}
          onChange={(v) => setMomentId(v ?? '')}
          allowDeselect={false}
        />
        <Select
          label={t('standards.filter.dimension')}
          data={[
            { value: '', label: t('standards.filter.allDimensions') },
            ...DIMENSIONS.map((d) => ({ value: d, label: t(`standards.dimension.${d}`) })),
          ]}
          value={dimension}
          onChange={(v) => setDimension(v ?? '')}
          allowDeselect={false}
        />
        <TextInput
          label={t('standards.filter.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Switch
          mt={{ base: 0, lg: 30 }}
          label={t('standards.filter.activeOnly')}
          checked={activeOnly}
          onChange={(e) => setActiveOnly(e.currentTarget.checked)}
        />
      </SimpleGrid>
      {list.isLoading || moments.isLoading ? (
        <PageLoader />
      ) : list.isError ? (
        <Alert color="red" role="alert">
          {t('standards.loadError')}
        </Alert>
      ) : groups.length === 0 ? (
        <Alert color="gray" title={t('standards.empty.title')}>
          {writer ? t('standards.empty.writer') : t('standards.empty.reader')}
        </Alert>
      ) : (
        groups.map(({ m, items }) => (
          <Stack key={m.id} gap={4}>
            <Title order={2} size="h4">
              {nameOf(m, lang)}
            </Title>
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover layout="fixed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={90}>{t('standards.col.code')}</Table.Th>
                    <Table.Th>{t('standards.col.standard')}</Table.Th>
                    <Table.Th w={170}>{t('standards.col.target')}</Table.Th>
                    <Table.Th w={180}>{t('standards.col.owner')}</Table.Th>
                    <Table.Th w={140}>{t('standards.col.items')}</Table.Th>
                    <Table.Th w={100}>{t('standards.col.version')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.code}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/standards/s/${s.id}`}>
                          {nameOf(s, lang)}
                        </Anchor>
                        {!s.active && (
                          <Badge ml={6} color="gray" size="sm">
                            {t('standards.inactive')}
                          </Badge>
                        )}
                        {s.unitIds.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('standards.onlyIn', {
                              units: s.unitIds.map((u) => unitName(units.data, u)).join(', '),
                            })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{targetText(s, lang, t)}</Table.Td>
                      <Table.Td>{s.ownerRole ?? '—'}</Table.Td>
                      <Table.Td>
                        <ItemsBadges s={s} />
                      </Table.Td>
                      <Table.Td>{t('standards.versionN', { n: s.currentVersion })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))
      )}
    </Stack>
  );
}
