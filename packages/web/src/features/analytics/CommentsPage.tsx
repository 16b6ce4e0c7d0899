// Open text: the words customers use most in their comments for the filtered period, counted
// once per comment (documents) as well as in total.
import { Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format';
import { useText } from './api';
import { drillLink } from './drill';
import { ExportButton } from './ExportButton';
import { ReportFilters } from './Filters';
import { Empty, PageLoader, ReportError, SampleNote } from './State';
import { useReport } from './useReport';

export default function CommentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filters, set, surveys } = useReport('nps_relational');
  const q = useText(filters, 30);

  let body: React.ReactNode;
  if (surveys.isPending || (filters.survey && q.isPending)) body = <PageLoader />;
  else if (surveys.isError || q.isError) body = <ReportError error={surveys.error ?? q.error} />;
  else if (!filters.survey) body = <Empty title={t('analytics.empty.noSurvey')} />;
  else if (!q.data || q.data.n === 0)
    body = <Empty title={t('analytics.text.none')}>{t('analytics.empty.noAnswersHelp')}</Empty>;
  else {
    const d = q.data;
    const max = Math.max(1, ...d.keywords.map((k) => k.documents));
    body = (
      <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="txt-h">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="txt-h">
            {t('analytics.text.keywords', { n: f.int(d.n) })}
          </Title>
          <SampleNote sample={d.sample} />
          <ExportButton
            name="comment-keywords"
            header={() => [
              t('analytics.text.word'),
              t('analytics.text.documents'),
              t('analytics.text.count'),
            ]}
            rows={() => d.keywords.map((k) => [k.word, k.documents, k.count])}
          />
        </Group>
        <Anchor
          component={Link}
          to={drillLink(filters, { metric: 'text', report: 'comments' })}
          size="sm"
          mb="xs"
          display="inline-block"
          data-testid="comments-drill"
        >
          {/* sampled, n counts the sample's comments, not those the link lists */}
          {d.sample
            ? t('analytics.drill.commentsLinkAll')
            : t('analytics.drill.commentsLink', { n: f.int(d.n) })}
        </Anchor>
        <Table.ScrollContainer minWidth={300}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.text.word')}</Table.Th>
                <Table.Th ta="right">{t('analytics.text.documents')}</Table.Th>
                <Table.Th w="40%" visibleFrom="xs" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.keywords.map((k) => (
                <Table.Tr key={k.word}>
                  <Table.Td>{k.word}</Table.Td>
                  <Table.Td ta="right">
                    {f.int(k.documents)} ({f.pct(k.documents / d.n, 0)})
                  </Table.Td>
                  <Table.Td visibleFrom="xs">
                    <div
                      aria-hidden
                      style={{
                        height: 8,
                        borderRadius: 4,
                        width: `${(k.documents / max) * 100}%`,
                        background: 'var(--mantine-color-teal-7)',
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    );
  }
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('analytics.text.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('analytics.text.intro')}
        </Text>
      </div>
      <ReportFilters filters={filters} set={set} surveys={surveys.data ?? []} />
      {body}
    </Stack>
  );
}
