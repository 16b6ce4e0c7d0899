// Personal links for chosen registry customers: pick them by search or take a segment, then
// generate one single-use link each (prefilled with the customer's attributes), to copy or
// download as CSV. Customers without survey consent / unsubscribed / inactive are left out.
import {
  Alert,
  Button,
  CloseButton,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifyOk } from '../../ui/notify';
import {
  segmentCustomers,
  type TSurveyCustomer,
  usePersonalLinks,
  useSegmentsForInvite,
} from './api';
import { CustomerSearch } from './CustomerSearch';
import { linksCsv, type TLinkRow } from './outreach';
import { useSurveyOutlet } from './SurveyLayout';

const MAX = 1000;

export function PersonalLinks() {
  const { t } = useTranslation();
  const { survey } = useSurveyOutlet();
  const segments = useSegmentsForInvite();
  const make = usePersonalLinks(survey.id);
  const [mode, setMode] = useState<'search' | 'segment'>('search');
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [loadingSeg, setLoadingSeg] = useState(false);
  const [chosen, setChosen] = useState<TSurveyCustomer[]>([]);
  const [validDays, setValidDays] = useState(60);
  const [rows, setRows] = useState<TLinkRow[]>([]);
  const ids = new Set(chosen.map((c) => c.id));

  const add = (cs: TSurveyCustomer[]) =>
    setChosen((cur) => {
      const have = new Set(cur.map((c) => c.id));
      return [...cur, ...cs.filter((c) => !have.has(c.id))].slice(0, MAX);
    });

  const addSegment = async () => {
    if (!segmentId) return;
    setLoadingSeg(true);
    try {
      const all = await segmentCustomers(survey.id, segmentId, MAX);
      const ok = all.filter((c) => c.contactable);
      add(ok);
      notifyOk(t('surveys.plinks.segmentAdded', { n: ok.length, skipped: all.length - ok.length }));
    } catch (e) {
      notifyError(e);
    } finally {
      setLoadingSeg(false);
    }
  };

  const generate = () =>
    make.mutate(
      { customerIds: chosen.map((c) => c.id), validDays },
      {
        onSuccess: (items) => {
          const byId = new Map(chosen.map((c) => [c.id, c]));
          setRows(
            items.map((l) => {
              const c = byId.get(l.customerId);
              return {
                customerId: l.customerId,
                externalId: c?.externalId ?? null,
                name: c?.name ?? '',
                email: c?.email ?? null,
                language: c?.language ?? null,
                // the server's public URL if configured, else this site
                url: /^https?:\/\//.test(l.url) ? l.url : `${window.location.origin}${l.path}`,
                expiresAt: l.expiresAt,
              };
            }),
          );
          setChosen([]);
          notifyOk(t('surveys.plinks.generated', { n: items.length }));
        },
        onError: notifyError,
      },
    );

  const downloadCsv = () => {
    const blob = new Blob([linksCsv(rows)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `enlaces-${survey.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const closed = !survey.publishedVersion || survey.status !== 'open';
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('surveys.plinks.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('surveys.plinks.help')}
        </Text>
        <SegmentedControl
          aria-label={t('surveys.plinks.how')}
          data={[
            { value: 'search', label: t('surveys.plinks.bySearch') },
            { value: 'segment', label: t('surveys.plinks.bySegment') },
          ]}
          value={mode}
          onChange={(v) => setMode(v === 'segment' ? 'segment' : 'search')}
          style={{ alignSelf: 'flex-start' }}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {mode === 'search' ? (
            <CustomerSearch
              surveyId={survey.id}
              label={t('surveys.plinks.search')}
              actionLabel={t('surveys.plinks.add')}
              chosen={ids}
              onPick={(c) => add([c])}
            />
          ) : (
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Select
                label={t('surveys.plinks.segment')}
                data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={segmentId}
                onChange={setSegmentId}
                w={260}
                searchable
                nothingFoundMessage={t('surveys.pick.none')}
              />
              <Button
                variant="default"
                onClick={() => void addSegment()}
                loading={loadingSeg}
                disabled={!segmentId}
              >
                {t('surveys.plinks.addSegment')}
              </Button>
            </Group>
          )}
          <Stack gap={6}>
            <Text size="sm" fw={500} id="plinks-chosen">
              {t('surveys.plinks.chosen', { n: chosen.length })}
            </Text>
            {chosen.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('surveys.plinks.noneChosen')}
              </Text>
            ) : (
              <Stack
                gap={2}
                role="list"
                aria-labelledby="plinks-chosen"
                mah={260}
                style={{ overflowY: 'auto' }}
              >
                {chosen.map((c) => (
                  <Group key={c.id} role="listitem" gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm" truncate style={{ minWidth: 0 }}>
                      {c.name}
                      {c.email ? (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          · {c.email}
                        </Text>
                      ) : null}
                    </Text>
                    <CloseButton
                      size="sm"
                      aria-label={t('surveys.plinks.remove', { name: c.name })}
                      onClick={() => setChosen((cur) => cur.filter((x) => x.id !== c.id))}
                    />
                  </Group>
                ))}
              </Stack>
            )}
            <Group gap="sm" align="flex-end" wrap="wrap">
              <NumberInput
                label={t('surveys.dist.validDays')}
                value={validDays}
                min={1}
                max={365}
                w={150}
                onChange={(v) => setValidDays(typeof v === 'number' ? v : 60)}
              />
              <Button
                onClick={generate}
                loading={make.isPending}
                disabled={chosen.length === 0 || closed}
              >
                {t('surveys.plinks.generate', { n: chosen.length })}
              </Button>
            </Group>
            {closed ? (
              <Text size="xs" c="dimmed">
                {t('surveys.plinks.openFirst')}
              </Text>
            ) : null}
          </Stack>
        </SimpleGrid>
        {rows.length > 0 ? (
          <Stack gap="xs">
            <Alert color="teal" role="status">
              {t('surveys.plinks.ready', { n: rows.length })}
            </Alert>
            <Group gap="xs">
              <CopyButton value={rows.map((r) => `${r.name}\t${r.url}`).join('\n')}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? t('surveys.dist.copied') : t('surveys.plinks.copyAll')}
                  </Button>
                )}
              </CopyButton>
              <Button variant="default" onClick={downloadCsv}>
                {t('surveys.plinks.csv')}
              </Button>
            </Group>
            <Table.ScrollContainer minWidth={300}>
              <Table verticalSpacing={4} aria-label={t('surveys.plinks.table')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      {t('surveys.plinks.customer')} · {t('surveys.plinks.link')}
                    </Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.customerId}>
                      <Table.Td>
                        <Text size="sm">
                          {r.name}
                          {r.email || r.externalId ? (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              · {r.email ?? r.externalId}
                            </Text>
                          ) : null}
                        </Text>
                        <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                          {r.url}
                        </Text>
                      </Table.Td>
                      <Table.Td w={90}>
                        <CopyButton value={r.url}>
                          {({ copied, copy }) => (
                            <Button
                              size="xs"
                              variant="subtle"
                              onClick={copy}
                              aria-label={`${t('surveys.dist.copy')}: ${r.name}`}
                            >
                              {copied ? t('surveys.dist.copied') : t('surveys.dist.copy')}
                            </Button>
                          )}
                        </CopyButton>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
