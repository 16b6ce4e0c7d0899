// One standard at its current version: target, owner, units, attribute, SERVQUAL items with
// their wording and what customers expect of them (analytics), the research behind it, and the
// version history (every version readable as it was).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { unitName, useOrgUnits } from '../../ui/units';
import {
  type TStandardVersion,
  useAttributes,
  useCoverage,
  useServqualWording,
  useStandard,
  useVersions,
} from './api';
import { changedFields, safeLink, targetText } from './model';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

export function ItemsTable({ items, dimension }: { items: number[]; dimension: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const wording = useServqualWording();
  const cov = useCoverage({});
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('standards.noItems')}
      </Text>
    );
  const byItem = new Map((cov.data?.items ?? []).map((i) => [i.item, i]));
  return (
    <Stack gap={4}>
      {dimension && (
        <Text size="sm">
          {t('standards.field.dimension')}: {t(`standards.dimension.${dimension}`)}
        </Text>
      )}
      <Table.ScrollContainer minWidth={480}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('standards.col.item')}</Table.Th>
              <Table.Th>{t('standards.col.expectation')}</Table.Th>
              <Table.Th>{t('standards.col.weight')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((k) => {
              const w = wording.data?.items.find((x) => x.n === k);
              const c = byItem.get(k);
              return (
                <Table.Tr key={k}>
                  <Table.Td>
                    <Text size="sm">
                      {t('standards.itemShort', { n: k })} ·{' '}
                      {w ? (f.lang === 'en' ? w.en : w.es) : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {c?.expectation != null ? f.score(c.expectation, 7) : '—'}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {c?.weight != null ? f.pct(c.weight) : '—'}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {cov.data?.survey && (
        <Text size="xs" c="dimmed">
          {t('standards.importanceFrom', { survey: cov.data.survey.name, n: cov.data.n })}{' '}
          <Anchor
            component={Link}
            size="xs"
            to={`/analytics/servqual?survey=${cov.data.survey.id}`}
          >
            {t('standards.openReport')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

function VersionDetail({ v }: { v: TStandardVersion }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Text size="xs" c="dimmed">
      {f.lang === 'en' ? v.nameEn : v.nameEs} · {targetText(v, f.lang, t)}
      {v.ownerRole ? ` · ${v.ownerRole}` : ''}
      {v.servqualItems.length > 0
        ? ` · ${v.servqualItems.map((k) => t('standards.itemShort', { n: k })).join(', ')}`
        : ''}
    </Text>
  );
}

export default function StandardPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const { user } = useSession();
  const s = useStandard(id);
  const versions = useVersions(id);
  const attrs = useAttributes();
  const units = useOrgUnits();
  const [open, setOpen] = useState<number | null>(null);
  if (s.isLoading) return <PageLoader />;
  if (s.isError || !s.data)
    return (
      <Alert color="red" role="alert">
        {t('standards.notFound')}
      </Alert>
    );
  const d = s.data;
  const attr = attrs.data?.find((a) => a.id === d.attributeId);
  const link = safeLink(d.researchUrl);
  const list = versions.data ?? [];
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/standards/catalogue" size="sm">
        ← {t('standards.back')}
      </Anchor>
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {d.code} · {f.lang === 'en' ? d.momentNameEn : d.momentNameEs}
          </Text>
          <Title order={1} size="h2">
            {f.lang === 'en' ? d.nameEn : d.nameEs}
          </Title>
          <Group gap={6} mt={4}>
            <Badge variant="light">{t('standards.versionN', { n: d.currentVersion })}</Badge>
            {!d.active && <Badge color="gray">{t('standards.inactive')}</Badge>}
          </Group>
        </div>
        {canWrite(user) && (
          <Button component={Link} to={`/standards/s/${d.id}/edit`}>
            {t('standards.edit')}
          </Button>
        )}
      </Group>
      {(f.lang === 'en' ? d.descriptionEn : d.descriptionEs) && (
        <Text size="sm">{f.lang === 'en' ? d.descriptionEn : d.descriptionEs}</Text>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Field label={t('standards.field.target')}>{targetText(d, f.lang, t)}</Field>
          <Field label={t('standards.field.measure')}>
            {t(`standards.measure.${d.measureKind}`)}
          </Field>
          <Field label={t('standards.field.owner')}>{d.ownerRole ?? '—'}</Field>
          <Field label={t('standards.field.promised')}>
            {d.promisedLevel != null ? f.score(d.promisedLevel, 7, 1) : '—'}
          </Field>
          <Field label={t('standards.field.attribute')}>
            {attr ? (f.lang === 'en' ? attr.nameEn : attr.nameEs) : '—'}
          </Field>
          <Field label={t('standards.field.units')}>
            {d.unitIds.length === 0
              ? t('standards.allUnits')
              : d.unitIds.map((u) => unitName(units.data, u)).join(', ')}
          </Field>
          <Field label={t('standards.field.updated')}>{f.date(d.updatedAt)}</Field>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t('standards.research.title')}
        </Title>
        <ItemsTable items={d.servqualItems} dimension={d.dimension} />
        {d.researchNote && (
          <Text size="sm" mt="xs">
            {d.researchNote}
          </Text>
        )}
        {link && (
          <Anchor
            href={link}
            size="sm"
            {...(link.startsWith('/') ? {} : { target: '_blank', rel: 'noreferrer' })}
          >
            {t('standards.research.link')}
          </Anchor>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          {t('standards.history.title')}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('standards.col.version')}</Table.Th>
                <Table.Th>{t('standards.history.when')}</Table.Th>
                <Table.Th>{t('standards.history.who')}</Table.Th>
                <Table.Th>{t('standards.history.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((v, i) => {
                const changed = changedFields(v, list[i + 1]);
                return (
                  <Table.Tr key={v.version}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor
                        component="button"
                        size="sm"
                        onClick={() => setOpen(open === v.version ? null : v.version)}
                        aria-expanded={open === v.version}
                      >
                        {t('standards.versionN', { n: v.version })}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v.createdAt)}</Table.Td>
                    <Table.Td>{v.createdByName ?? t('standards.history.system')}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {v.changeNote ??
                          (v.version === 1
                            ? t('standards.history.created')
                            : changed.map((k) => t(`standards.changed.${k}`)).join(', '))}
                      </Text>
                      {open === v.version && <VersionDetail v={v} />}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
