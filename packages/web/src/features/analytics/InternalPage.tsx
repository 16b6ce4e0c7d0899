// Internal customers (issue 11): how the units that serve others are rated by each unit they
// serve — a matrix of mean ratings (1–5) with the number of respondents, "not enough data" under
// the API's minimum, and the mean of each rating item. From the internal-customer survey.
import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useInternal } from './api';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { internalItemLabels } from './model';
import { Empty, PageLoader, ReportError } from './State';
import { useReport } from './useReport';

// 1 … 5: red below 3, amber to 3.5, teal from 4 (the scale's "good").
const tone = (m: number) => (m < 3 ? 'red.1' : m < 3.5 ? 'orange.1' : m < 4 ? 'gray.1' : 'teal.1');

export default function InternalPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters, set, surveys, detail, labels } = useReport('internal_customer');
  const ok = labels.tags.has('internal:provider');
  const q = useInternal(filters, ok);
  const itemNames = useMemo(
    () => internalItemLabels(detail.data?.definition, f.lang),
    [detail.data, f.lang],
  );
  const noUnit = t('analytics.internal.noUnit');
  const score = (v: number | null) => f.score(v, 5, 2);

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && detail.isPending)) body = <PageLoader />;
  else if (surveys.isError || detail.isError)
    body = <ReportError error={surveys.error ?? detail.error} />;
  else if (!filters.survey) body = <Empty title={t('analytics.empty.noSurvey')} />;
  else if (!ok)
    body = (
      <Empty title={t('analytics.internal.noQuestions')}>
        {t('analytics.internal.noQuestionsHelp')}
      </Empty>
    );
  else if (q.isPending) body = <PageLoader />;
  else if (q.isError) body = <ReportError error={q.error} />;
  else if (q.data.n === 0)
    body = (
      <Empty title={t('analytics.empty.noAnswers')}>{t('analytics.empty.noAnswersHelp')}</Empty>
    );
  else {
    const d = q.data;
    const cell = new Map(d.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
    const colName = (c: { name: string }) => c.name || noUnit;
    body = (
      <Stack gap="md">
        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="int-h">
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id="int-h">
              {t('analytics.internal.matrix')}
            </Title>
            <ExportButton
              name={`clientes-internos-${detail.data?.slug ?? 'encuesta'}`}
              header={() => [
                t('analytics.internal.serving'),
                t('analytics.internal.customer'),
                t('analytics.col.n'),
                t('analytics.internal.mean'),
              ]}
              rows={() =>
                d.rows.flatMap((r) =>
                  d.columns.flatMap((c) => {
                    const x = cell.get(`${r.key}\u0000${c.key}`);
                    return x ? [[r.name, colName(c), x.n, x.mean]] : [];
                  }),
                )
              }
            />
          </Group>
          <Text size="xs" c="dimmed" mb="xs">
            {t('analytics.internal.help', { min: d.minN })}
          </Text>
          <Table.ScrollContainer minWidth={Math.max(320, 180 + d.columns.length * 110)}>
            <Table
              withColumnBorders
              verticalSpacing={6}
              aria-label={t('analytics.internal.matrix')}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('analytics.internal.servingByCustomer')}</Table.Th>
                  {d.columns.map((c) => (
                    <Table.Th key={c.key} scope="col" ta="center">
                      {colName(c)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col" ta="center">
                    {t('analytics.internal.all')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.rows.map((r) => (
                  <Table.Tr key={r.key}>
                    <Table.Th scope="row" fw={600}>
                      {r.name}
                      {!r.unitId && (
                        <Badge ml={6} size="xs" variant="light" color="gray">
                          {t('analytics.internal.asTyped')}
                        </Badge>
                      )}
                    </Table.Th>
                    {d.columns.map((c) => {
                      const x = cell.get(`${r.key}\u0000${c.key}`);
                      if (!x)
                        return (
                          <Table.Td key={c.key} ta="center" c="dimmed">
                            —
                          </Table.Td>
                        );
                      return (
                        <Table.Td
                          key={c.key}
                          ta="center"
                          bg={x.mean === null ? undefined : tone(x.mean)}
                        >
                          {x.mean === null ? (
                            <Text size="xs" c="dimmed">
                              {t('analytics.internal.notEnough')}
                            </Text>
                          ) : (
                            <Text size="sm" fw={600}>
                              {score(x.mean)}
                            </Text>
                          )}
                          <Text size="xs" c="dimmed">
                            {t('analytics.internal.n', { n: f.int(x.n) })}
                          </Text>
                        </Table.Td>
                      );
                    })}
                    <Table.Td ta="center" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={700}>
                        {r.n >= d.minN ? score(r.mean) : t('analytics.internal.notEnough')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('analytics.internal.n', { n: f.int(r.n) })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="int-items">
          <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
            <Title order={2} size="h4" id="int-items">
              {t('analytics.internal.items')}
            </Title>
            <ExportButton
              name={`clientes-internos-aspectos-${detail.data?.slug ?? 'encuesta'}`}
              header={() => [
                t('analytics.internal.item'),
                t('analytics.col.n'),
                t('analytics.internal.mean'),
              ]}
              rows={() => d.items.map((x) => [itemNames.get(x.tag) ?? x.tag, x.n, x.mean])}
            />
          </Group>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.internal.item')}</Table.Th>
                <Table.Th ta="right">{t('analytics.internal.mean')}</Table.Th>
                <Table.Th ta="right">{t('analytics.col.n')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((x) => (
                <Table.Tr key={x.tag}>
                  <Table.Td>{itemNames.get(x.tag) ?? t('analytics.internal.otherItem')}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {score(x.mean)}
                  </Table.Td>
                  <Table.Td ta="right">{f.int(x.n)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('analytics.internal.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('analytics.internal.intro')}
        </Text>
      </div>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
    </Stack>
  );
}
