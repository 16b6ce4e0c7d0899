// Kano report: each attribute's category (the seed's names next to the letters M/O/A/I) and its
// Better/Worse coefficients, plotted and listed.
import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useKano } from './api';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { KANO_CSS_COLORS, KanoChart } from './KanoChart';
import { hasKano, KANO_ORDER, kanoPoints } from './model';
import { PdfButton } from './PdfButton';
import { pdfHref } from './pdf';
import { Empty, PageLoader, ReportError } from './State';
import { useReport } from './useReport';

export default function KanoPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters, set, surveys, detail, labels } = useReport('kano');
  const ok = hasKano(labels);
  const q = useKano(filters, ok);
  const cat = (c: string | null) => (c ? t(`analytics.kano.cat.${c}`) : '—');

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && detail.isPending)) body = <PageLoader />;
  else if (surveys.isError || detail.isError)
    body = <ReportError error={surveys.error ?? detail.error} />;
  else if (!filters.survey) body = <Empty title={t('analytics.empty.noSurvey')} />;
  else if (!ok)
    body = (
      <Empty title={t('analytics.kano.noQuestions')}>{t('analytics.kano.noQuestionsHelp')}</Empty>
    );
  else if (q.isPending) body = <PageLoader />;
  else if (q.isError) body = <ReportError error={q.error} />;
  else if (!q.data.attributes.some((a) => a.n > 0))
    body = (
      <Empty title={t('analytics.empty.noAnswers')}>{t('analytics.empty.noAnswersHelp')}</Empty>
    );
  else {
    const attrs = q.data.attributes.map((a, i) => ({
      ...a,
      no: i + 1,
      name: labels.kano.get(a.attribute) || a.attribute,
    }));
    const points = kanoPoints(q.data.attributes, labels.kano);
    body = (
      <Stack gap="md">
        <Group justify="flex-end">
          <PdfButton href={(l) => pdfHref.priorities(filters, l)} fallbackName="priorities.pdf" />
        </Group>
        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="kano-h">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="kano-h">
              {t('analytics.kano.diagram')}
            </Title>
            <ExportButton
              name={`kano-${detail.data?.slug ?? 'survey'}`}
              header={() => [
                t('analytics.kano.attribute'),
                t('analytics.col.n'),
                ...KANO_ORDER.map((c) => c),
                t('analytics.kano.category'),
                t('analytics.kano.better'),
                t('analytics.kano.worse'),
              ]}
              rows={() =>
                attrs.map((a) => [
                  a.name,
                  a.n,
                  ...KANO_ORDER.map((c) => a.counts[c] ?? 0),
                  cat(a.category),
                  a.better,
                  a.worse,
                ])
              }
            />
          </Group>
          <KanoChart points={points} />
          <Text size="xs" c="dimmed" mb="xs">
            {t('analytics.kano.help')}
          </Text>
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('analytics.kano.attribute')}</Table.Th>
                  <Table.Th>{t('analytics.kano.category')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.kano.better')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.kano.worse')}</Table.Th>
                  <Table.Th ta="right" visibleFrom="sm">
                    {t('analytics.col.n')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {attrs.map((a) => (
                  <Table.Tr key={a.attribute}>
                    <Table.Td>{f.int(a.no)}</Table.Td>
                    <Table.Td>{a.name}</Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        fw={600}
                        style={{ color: a.category ? KANO_CSS_COLORS[a.category] : undefined }}
                      >
                        {cat(a.category)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{f.fixed(a.better, 2)}</Table.Td>
                    <Table.Td ta="right">{f.fixed(a.worse, 2)}</Table.Td>
                    <Table.Td ta="right" visibleFrom="sm">
                      {f.int(a.n)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('analytics.kano.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('analytics.kano.intro')}
        </Text>
      </div>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
    </Stack>
  );
}
