// Coverage (gap 2's evidence): the SERVQUAL items customers expect most of with no standard or
// only a weak one, the standards that promise less than customers expect, and the standards
// linked to no item. Figures come from the analytics SERVQUAL report (link to it).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { nameOf, type TCoverageItem, useCoverage, useServqualWording, useSurveys } from './api';

function Wording({ n }: { n: number }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const w = useServqualWording().data?.items.find((x) => x.n === n);
  return (
    <Text size="sm">
      {t('standards.itemShort', { n })} · {w ? (lang === 'en' ? w.en : w.es) : ''}
    </Text>
  );
}

function UncoveredTable({ items, writer }: { items: TCoverageItem[]; writer: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('standards.col.item')}</Table.Th>
            <Table.Th>{t('standards.col.dimension')}</Table.Th>
            <Table.Th>{t('standards.col.expectation')}</Table.Th>
            <Table.Th>{t('standards.col.weight')}</Table.Th>
            <Table.Th>{t('standards.col.status')}</Table.Th>
            {writer && <Table.Th>{t('standards.col.action')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.item}>
              <Table.Td>
                <Wording n={i.item} />
                {i.standards.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {i.standards.map((s) => s.code).join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`standards.dimension.${i.dimension}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.score(i.expectation, 7)}</Table.Td>
              <Table.Td>{f.pct(i.weight)}</Table.Td>
              <Table.Td>
                <Badge color={i.status === 'none' ? 'red' : 'orange'} variant="light">
                  {t(`standards.coverage.status.${i.status}`)}
                </Badge>
              </Table.Td>
              {writer && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/standards/new?item=${i.item}`} size="sm">
                    {t('standards.coverage.createFor')}
                  </Anchor>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function CoveragePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { user } = useSession();
  const writer = canWrite(user);
  const surveys = useSurveys();
  const [surveyId, setSurveyId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [minE, setMinE] = useState<number | string>(6);
  const cov = useCoverage({
    surveyId,
    unitId,
    minExpectation: typeof minE === 'number' && minE >= 1 && minE <= 7 ? minE : 6,
  });
  const c = cov.data;
  const important = c?.items.filter((i) => i.important) ?? [];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        {t('standards.coverage.help')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('standards.coverage.survey')}
          data={[
            { value: '', label: t('standards.coverage.latestSurvey') },
            ...(surveys.data ?? [])
              .filter((s) => s.responses.complete > 0)
              .map((s) => ({ value: s.id, label: s.name })),
          ]}
          value={surveyId}
          onChange={(v) => setSurveyId(v ?? '')}
          allowDeselect={false}
        />
        <UnitSelect
          includeAll
          label={t('standards.filter.unit')}
          value={unitId}
          onChange={(v) => setUnitId(v ?? '')}
          allowDeselect={false}
        />
        <NumberInput
          label={t('standards.coverage.minExpectation')}
          description={t('standards.coverage.minExpectationHelp')}
          value={minE}
          onChange={setMinE}
          min={1}
          max={7}
          step={0.5}
          decimalSeparator={f.lang === 'es' ? ',' : '.'}
        />
      </SimpleGrid>
      {cov.isLoading ? (
        <PageLoader />
      ) : cov.isError || !c ? (
        <Alert color="red" role="alert">
          {t('standards.loadError')}
        </Alert>
      ) : (
        <>
          {c.survey ? (
            <Group gap="xs" wrap="wrap">
              <Text size="sm">
                {t('standards.importanceFrom', { survey: c.survey.name, n: c.n })}
              </Text>
              <Button
                component={Link}
                to={`/analytics/servqual?survey=${c.survey.id}${unitId ? `&unit=${unitId}` : ''}`}
                variant="light"
                size="xs"
              >
                {t('standards.openReport')}
              </Button>
            </Group>
          ) : (
            <Alert color="gray">{t('standards.coverage.noSurvey')}</Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                {t('standards.coverage.kpiImportant')}
              </Text>
              <Text fw={700} size="xl">
                {f.int(important.length)}
              </Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                {t('standards.coverage.kpiUncovered')}
              </Text>
              <Text fw={700} size="xl" c={c.uncovered.length ? 'red.8' : undefined}>
                {f.int(c.uncovered.length)}
              </Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="xs" c="dimmed">
                {t('standards.coverage.kpiBelow')}
              </Text>
              <Text fw={700} size="xl" c={c.belowExpectation.length ? 'orange.8' : undefined}>
                {f.int(c.belowExpectation.length)}
              </Text>
            </Paper>
          </SimpleGrid>

          <Title order={2} size="h4">
            {t('standards.coverage.uncoveredTitle')}
          </Title>
          {c.uncovered.length === 0 ? (
            <Text size="sm" c="dimmed">
              {c.survey ? t('standards.coverage.uncoveredNone') : t('standards.coverage.needData')}
            </Text>
          ) : (
            <UncoveredTable items={c.uncovered} writer={writer} />
          )}

          <Title order={2} size="h4">
            {t('standards.coverage.belowTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('standards.coverage.belowHelp')}
          </Text>
          {c.belowExpectation.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('standards.coverage.belowNone')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('standards.col.standard')}</Table.Th>
                    <Table.Th>{t('standards.col.item')}</Table.Th>
                    <Table.Th>{t('standards.col.promised')}</Table.Th>
                    <Table.Th>{t('standards.col.expectation')}</Table.Th>
                    <Table.Th>{t('standards.col.shortfall')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.belowExpectation.map((b) => (
                    <Table.Tr key={`${b.id}-${b.item}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/standards/s/${b.id}`} size="sm">
                          {b.code} · {nameOf(b, f.lang)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Wording n={b.item} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {f.score(b.promisedLevel, 7, 1)}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {f.score(b.expectation, 7)}
                      </Table.Td>
                      <Table.Td>{f.fixed(b.shortfall, 2)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}

          <Title order={2} size="h4">
            {t('standards.coverage.unlinkedTitle')}
          </Title>
          {c.unlinked.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('standards.coverage.unlinkedNone')}
            </Text>
          ) : (
            <Group gap={6}>
              {c.unlinked.map((u) => (
                <Anchor key={u.id} component={Link} to={`/standards/s/${u.id}`} size="sm">
                  {u.code} · {nameOf(u, f.lang)}
                </Anchor>
              ))}
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
