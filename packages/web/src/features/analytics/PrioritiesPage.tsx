// Where to act: the importance–performance grid of the SERVQUAL dimensions and, when the survey
// also asks NPS or CSAT, the key drivers (how much each dimension explains of that outcome).
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useDrivers, useIpa } from './api';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { IpaChart, QUADRANT_COLOR, QUADRANT_KEY } from './IpaChart';
import { hasServqual } from './model';
import { PdfButton } from './PdfButton';
import { pdfHref } from './pdf';
import { Empty, PageLoader, ReportError, SampleNote } from './State';
import { useReport } from './useReport';

export default function PrioritiesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters, set, surveys, detail, labels } = useReport('servqual');
  const ipa = useIpa(filters);
  const drivers = useDrivers(filters);
  const name = (a: string) => t(`analytics.dimension.${a}`, { defaultValue: a });
  const quadrant = (q: string) => t(`analytics.ipa.quadrant.${QUADRANT_KEY[q] ?? 'lowPriority'}`);

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && (detail.isPending || ipa.isPending))) {
    body = <PageLoader />;
  } else if (surveys.isError || detail.isError || ipa.isError) {
    body = <ReportError error={surveys.error ?? detail.error ?? ipa.error} />;
  } else if (!filters.survey) {
    body = <Empty title={t('analytics.empty.noSurvey')} />;
  } else if (!hasServqual(labels)) {
    body = (
      <Empty title={t('analytics.servqual.noQuestions')}>
        {t('analytics.servqual.noQuestionsHelp')}
      </Empty>
    );
  } else if (!ipa.data || ipa.data.n === 0 || ipa.data.attributes.length === 0) {
    body = (
      <Empty title={t('analytics.empty.noAnswers')}>{t('analytics.empty.noAnswersHelp')}</Empty>
    );
  } else {
    const d = ipa.data;
    const dr = drivers.data;
    body = (
      <Stack gap="md">
        <Group justify="flex-end">
          <PdfButton href={(l) => pdfHref.priorities(filters, l)} fallbackName="priorities.pdf" />
        </Group>
        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="ipa-h">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="ipa-h">
              {t('analytics.ipa.title')}
            </Title>
            <ExportButton
              name="ipa"
              header={() => [
                t('analytics.col.dimension'),
                t('analytics.ipa.importance'),
                t('analytics.ipa.performance'),
                t('analytics.ipa.quadrantCol'),
              ]}
              rows={() =>
                d.attributes.map((a) => [
                  name(a.attribute),
                  a.importance,
                  a.performance,
                  quadrant(a.quadrant),
                ])
              }
            />
          </Group>
          <IpaChart data={d} />
          <SampleNote sample={d.sample} />
          <Text size="xs" c="dimmed" mb="xs">
            {t('analytics.ipa.help', {
              icut: f.num(d.importanceCut, 1),
              pcut: f.num(d.performanceCut, 2),
            })}
          </Text>
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('analytics.col.dimension')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.ipa.importance')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.ipa.performance')}</Table.Th>
                  <Table.Th>{t('analytics.ipa.quadrantCol')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.attributes.map((a, i) => (
                  <Table.Tr key={a.attribute}>
                    <Table.Td>{f.int(i + 1)}</Table.Td>
                    <Table.Td>{name(a.attribute)}</Table.Td>
                    <Table.Td ta="right">{f.fixed(a.importance, 1)}</Table.Td>
                    <Table.Td ta="right">{f.fixed(a.performance, 2)}</Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        fw={600}
                        style={{ color: QUADRANT_COLOR[QUADRANT_KEY[a.quadrant] ?? 'lowPriority'] }}
                      >
                        {quadrant(a.quadrant)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>

        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="drv-h">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="drv-h">
              {t('analytics.drivers.title')}
            </Title>
            <ExportButton
              name="drivers"
              disabled={!dr?.drivers.length}
              header={() => [
                t('analytics.col.dimension'),
                t('analytics.drivers.correlation'),
                t('analytics.drivers.beta'),
                t('analytics.drivers.share'),
              ]}
              rows={() =>
                (dr?.drivers ?? []).map((x) => [name(x.attribute), x.correlation, x.beta, x.share])
              }
            />
          </Group>
          {drivers.isPending ? (
            <PageLoader />
          ) : drivers.isError ? (
            <ReportError error={drivers.error} />
          ) : !dr || dr.outcome === null || dr.drivers.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('analytics.drivers.none')}
            </Text>
          ) : (
            <>
              <Text size="xs" c="dimmed" mb="xs">
                {t('analytics.drivers.help', {
                  outcome: t(`analytics.nps.metric.${dr.outcome}`),
                  r2: f.pct(dr.rSquared, 0),
                  n: f.int(dr.n),
                })}
              </Text>
              <SampleNote sample={dr.sample} />
              <BarChart
                h={Math.max(160, dr.drivers.length * 34 + 40)}
                data={dr.drivers.map((x) => ({ name: name(x.attribute), share: x.share }))}
                dataKey="name"
                orientation="vertical"
                yAxisProps={{ width: 130 }}
                valueFormatter={(v) => f.pct(v, 0)}
                series={[{ name: 'share', label: t('analytics.drivers.share'), color: 'teal.8' }]}
              />
            </>
          )}
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('analytics.ipa.pageTitle')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('analytics.ipa.intro')}
        </Text>
      </div>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
    </Stack>
  );
}
