// The five-gap diagnostic of one org unit and period (issue 16): gap 5 (SERVQUAL P − E), gap 1
// (managers' predictions vs customers' expectations, Welch intervals), gap 2 (standards
// coverage), gap 3 (audit compliance), gap 4 (promises), the gap causes, the ranked candidates
// (accepted into the action plan) and the PDF. Filters live in the URL.
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { download, withQuery } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { fmtLang, useFormat } from '../../lib/format';
import { DayInput } from '../../ui/DateField';
import { notifyError } from '../../ui/notify';
import { UnitSelect } from '../../ui/UnitSelect';
import { useSelectedUnit } from '../../ui/units';
import {
  type TCandidate,
  type TDiagnostic,
  type TQuery,
  useCreateAction,
  useDiagnostic,
} from './api';
import { Missing } from './Missing';
import { DiagnosticNav } from './Nav';
import { candidateTitle } from './titles';

const DIMS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
const KEYS = [
  'unitId',
  'from',
  'to',
  'customerSurveyId',
  'managerSurveyId',
  'causesSurveyId',
] as const;

function useQueryState(): [TQuery, (patch: Partial<TQuery>) => void] {
  const [sp, setSp] = useSearchParams();
  const [shellUnit] = useSelectedUnit();
  const q: TQuery = {};
  for (const k of KEYS) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  if (!sp.has('unitId') && shellUnit) q.unitId = shellUnit;
  const set = (patch: Partial<TQuery>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else if (k === 'unitId') next.set(k, '');
      else next.delete(k);
    }
    setSp(next, { replace: true });
  };
  return [q, set];
}

export default function DiagnosticPage() {
  const { t, i18n } = useTranslation();
  const [q, set] = useQueryState();
  const d = useDiagnostic(q);
  const [busy, setBusy] = useState(false);
  const lang = fmtLang(i18n.language);
  const href = withQuery('/api/diagnostic/report.pdf', { ...q, lang });
  const opts = (xs: { id: string; name: string }[] | undefined) =>
    (xs ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('diagnostic.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('diagnostic.intro')}
        </Text>
      </div>
      <DiagnosticNav />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <UnitSelect
            includeAll
            label={t('diagnostic.filters.unit')}
            value={q.unitId ?? ''}
            onChange={(v) => set({ unitId: v ?? '' })}
            allowDeselect={false}
          />
          <DayInput
            label={t('diagnostic.filters.from')}
            value={q.from ?? ''}
            onChange={(v) => set({ from: v })}
          />
          <DayInput
            label={t('diagnostic.filters.to')}
            value={q.to ?? ''}
            onChange={(v) => set({ to: v })}
          />
          <Select
            label={t('diagnostic.filters.customerSurvey')}
            placeholder={t('diagnostic.filters.latest')}
            data={opts(d.data?.surveys.options.customer)}
            value={q.customerSurveyId ?? d.data?.surveys.customer?.id ?? null}
            onChange={(v) => set({ customerSurveyId: v ?? '' })}
          />
          <Select
            label={t('diagnostic.filters.managerSurvey')}
            placeholder={t('diagnostic.filters.latest')}
            data={opts(d.data?.surveys.options.manager)}
            value={q.managerSurveyId ?? d.data?.surveys.manager?.id ?? null}
            onChange={(v) => set({ managerSurveyId: v ?? '' })}
          />
          <Select
            label={t('diagnostic.filters.causesSurvey')}
            placeholder={t('diagnostic.filters.latest')}
            data={opts(d.data?.surveys.options.causes)}
            value={q.causesSurveyId ?? d.data?.surveys.causes?.id ?? null}
            onChange={(v) => set({ causesSurveyId: v ?? '' })}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button
            size="xs"
            variant="default"
            loading={busy}
            data-href={href}
            aria-label={busy ? t('diagnostic.preparingPdf') : undefined}
            onClick={() => {
              setBusy(true);
              download(href, 'diagnostico.pdf')
                .catch(notifyError)
                .finally(() => setBusy(false));
            }}
          >
            {t('diagnostic.pdf')}
          </Button>
        </Group>
      </Card>
      {d.isLoading && <Loader />}
      {d.error && <Text c="red">{(d.error as Error).message}</Text>}
      {d.data && <Body d={d.data} q={q} />}
    </Stack>
  );
}

function Body({ d, q }: { d: TDiagnostic; q: TQuery }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = fmtLang(i18n.language);
  const unit = d.unit?.name ?? t('diagnostic.allUnits');
  const itemText = (n: number | null | undefined) =>
    (d.servqualItems.find((i) => i.n === n)?.text[lang] ?? '').replace(/\.$/, '');
  const [allFindings, setAllFindings] = useState(false);
  const g5 = d.gap5.status === 'ok' ? d.gap5.data : null;
  const g1 = d.gap1.status === 'ok' ? d.gap1.data : null;
  const chart = DIMS.map((dim) => ({
    name: t(`diagnostic.dims.${dim}`),
    gap5: g5?.dimensions.find((x) => x.dimension === dim)?.gap ?? null,
    gap1: g1?.dimensions.find((x) => x.dimension === dim)?.gap ?? null,
  }));
  return (
    <Stack gap="md">
      <TriangleLink d={d} />
      <Section n={5}>
        <Missing e={d.gap5} unit={unit} />
        {g5 && (
          <Text size="sm">
            {t('diagnostic.overall')}: <b>{f.fixed(g5.overall.gap, 2)}</b> ·{' '}
            {t('diagnostic.respondents', { count: g5.n })}
          </Text>
        )}
        {(g5 || g1) && (
          <BarChart
            h={260}
            data={chart}
            dataKey="name"
            orientation="vertical"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            yAxisProps={{ width: 120 }}
            xAxisProps={{
              domain: [-3, 3],
              ticks: [-3, -2, -1, 0, 1, 2, 3],
              tickFormatter: (v: number) => f.int(v),
            }}
            valueFormatter={(v) => f.fixed(v, 2)}
            series={[
              ...(g5
                ? [
                    {
                      name: 'gap5',
                      label: `${t('diagnostic.gapN', { n: 5 })} (P − E)`,
                      color: 'red.7',
                    },
                  ]
                : []),
              ...(g1
                ? [
                    {
                      name: 'gap1',
                      label: `${t('diagnostic.gapN', { n: 1 })} (M − E)`,
                      color: 'blue.7',
                    },
                  ]
                : []),
            ]}
          />
        )}
        <Text size="xs" c="dimmed">
          {t('diagnostic.gap5Help')}
        </Text>
      </Section>
      <Section n={1}>
        <Missing e={d.gap1} unit={unit} />
        {g1 && (
          <>
            <Text size="sm">
              {t('diagnostic.overall')}: <b>{f.fixed(g1.overall.gap, 2)}</b> ·{' '}
              {t('diagnostic.gap1Counts', { c: g1.customers, m: g1.managers })}
            </Text>
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('diagnostic.col.dimension')}</Table.Th>
                    <Table.Th ta="right">{t('diagnostic.col.expectation')}</Table.Th>
                    <Table.Th ta="right">{t('diagnostic.col.prediction')}</Table.Th>
                    <Table.Th ta="right">{t('diagnostic.col.gap')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g1.dimensions.map((x) => (
                    <Table.Tr key={x.dimension}>
                      <Table.Td>{t(`diagnostic.dims.${x.dimension}`)}</Table.Td>
                      <Table.Td ta="right">{f.fixed(x.expectation, 2)}</Table.Td>
                      <Table.Td ta="right">{f.fixed(x.prediction, 2)}</Table.Td>
                      <Table.Td ta="right">{f.fixed(x.gap, 2)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        <Text size="xs" c="dimmed">
          {t('diagnostic.gap1Help')}
        </Text>
      </Section>
      <Section n={2}>
        <Missing e={d.gap2} unit={unit} />
        {d.gap2.status === 'ok' &&
          (d.gap2.data.findings.length === 0 ? (
            <Text size="sm">{t('diagnostic.noFindings')}</Text>
          ) : (
            <Stack gap={4}>
              {d.gap2.data.findings.slice(0, allFindings ? undefined : 6).map((x) => (
                <Text size="sm" key={x.key}>
                  • «{itemText(x.item)}»: {t(`diagnostic.reason.${x.reason}`)}
                  {x.standard ? ` (${x.standard.code})` : ''}
                </Text>
              ))}
              {d.gap2.data.findings.length > 6 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  w="fit-content"
                  onClick={() => setAllFindings((v) => !v)}
                >
                  {allFindings
                    ? t('diagnostic.showLess')
                    : t('diagnostic.showAll', { count: d.gap2.data.findings.length })}
                </Button>
              )}
            </Stack>
          ))}
      </Section>
      <Section n={3}>
        <Missing e={d.gap3} unit={unit} />
        {d.gap3.status === 'ok' && (
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('diagnostic.col.standard')}</Table.Th>
                  <Table.Th>{t('diagnostic.col.dimension')}</Table.Th>
                  <Table.Th ta="right">{t('diagnostic.col.observations')}</Table.Th>
                  <Table.Th ta="right">{t('diagnostic.col.compliance')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.gap3.data.standards.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      {s.code} {lang === 'en' ? s.nameEn : s.name}
                    </Table.Td>
                    <Table.Td>{s.dimension ? t(`diagnostic.dims.${s.dimension}`) : ''}</Table.Td>
                    <Table.Td ta="right">{f.int(s.n)}</Table.Td>
                    <Table.Td
                      ta="right"
                      c={s.failing ? 'red.8' : undefined}
                      fw={s.failing ? 700 : undefined}
                    >
                      {f.pct(s.compliance)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed">
          {t('diagnostic.gap3Help')}
        </Text>
      </Section>
      <Section n={4}>
        <Missing e={d.gap4} unit={unit} />
        {d.gap4.status === 'ok' && (
          <Stack gap="xs">
            {d.gap4.data.promises.map((p) => (
              <Card key={p.id} withBorder padding="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div>
                    <Text size="sm" fw={600}>
                      {p.text}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`diagnostic.channels.${p.channel}`)} · {t('diagnostic.col.perception')}{' '}
                      {f.fixed(p.perception, 2)} · {t('diagnostic.col.gap')}{' '}
                      {f.fixed(p.worstGap, 2)} ·{' '}
                      {t('diagnostic.promises.complaintsCount', { count: p.complaints })}
                    </Text>
                    {p.notKept && (
                      <Text size="xs" c="red.8">
                        {p.reasons.map((r) => t(`diagnostic.reasons.${r}`)).join(' · ')}
                      </Text>
                    )}
                  </div>
                  <Badge
                    color={p.notKept ? 'red' : 'teal'}
                    variant="light"
                    style={{ flexShrink: 0 }}
                  >
                    {p.notKept ? t('diagnostic.notKept') : t('diagnostic.kept')}
                  </Badge>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          {t('diagnostic.gap4Help')}
        </Text>
      </Section>
      <AfterSales d={d} unit={unit} itemText={itemText} />
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('diagnostic.causesTitle')}
        </Title>
        <Missing e={d.causes} unit={unit} />
        {d.causes.status === 'ok' && (
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('diagnostic.col.factor')}</Table.Th>
                  <Table.Th>{t('diagnostic.col.gap')}</Table.Th>
                  <Table.Th ta="right">{t('diagnostic.col.mean')}</Table.Th>
                  <Table.Th ta="right">{t('diagnostic.col.ci')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.causes.data.factors.map((x) => (
                  <Table.Tr key={x.factor}>
                    <Table.Td>{t(`diagnostic.factors.${x.factor}`)}</Table.Td>
                    <Table.Td>{t('diagnostic.gapN', { n: x.gap })}</Table.Td>
                    <Table.Td ta="right" c={x.mean !== null && x.mean < 4 ? 'red.8' : undefined}>
                      {f.fixed(x.mean, 2)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {x.ci95 ? `${f.fixed(x.ci95[0], 2)} – ${f.fixed(x.ci95[1], 2)}` : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t('diagnostic.causesHelp')}
        </Text>
      </Card>
      <Candidates d={d} q={q} itemText={itemText} />
    </Stack>
  );
}

/** After-sales attributes: each one's evidence across the gaps. */
function AfterSales({
  d,
  unit,
  itemText,
}: {
  d: TDiagnostic;
  unit: string;
  itemText: (n: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = fmtLang(i18n.language);
  return (
    <Card withBorder component="section" aria-labelledby="diag-after-sales">
      <Title order={3} size="h4" id="diag-after-sales">
        {t('diagnostic.afterSales.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('diagnostic.afterSales.subtitle')}
      </Text>
      <Missing e={d.afterSales} unit={unit} />
      {d.afterSales.status === 'ok' && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {d.afterSales.data.attributes.map((a) => (
            <Card key={a.id} withBorder padding="xs" data-attribute={a.key}>
              <Text size="sm" fw={600}>
                {a.name[lang]}
              </Text>
              <Stack gap={4} mt={4}>
                <Text size="xs">
                  <b>{t('diagnostic.afterSales.standards')}:</b>{' '}
                  {a.standards.length === 0
                    ? t('diagnostic.afterSales.none')
                    : a.standards
                        .map((s) =>
                          s.n > 0
                            ? t('diagnostic.afterSales.audited', {
                                code: s.code,
                                name: s.name[lang],
                                pct: f.pct(s.compliance),
                                n: f.int(s.n),
                              })
                            : t('diagnostic.afterSales.notAudited', {
                                code: s.code,
                                name: s.name[lang],
                              }),
                        )
                        .join(' · ')}
                </Text>
                <Text size="xs">
                  <b>{t('diagnostic.afterSales.promises')}:</b>{' '}
                  {a.promises.length === 0
                    ? t('diagnostic.afterSales.none')
                    : a.promises
                        .map(
                          (p) =>
                            `«${p.text}» (${p.notKept ? t('diagnostic.notKept') : t('diagnostic.kept')})`,
                        )
                        .join(' · ')}
                </Text>
                <Text size="xs">
                  <b>{t('diagnostic.afterSales.complaints')}:</b> {f.int(a.complaints)}
                </Text>
                <Text size="xs">
                  <b>{t('diagnostic.afterSales.customers')}:</b>{' '}
                  {[
                    ...a.perception
                      .filter((p) => p.gap !== null)
                      .map((p) =>
                        t('diagnostic.afterSales.item', {
                          text: itemText(p.item),
                          gap: f.fixed(p.gap, 2),
                        }),
                      ),
                    ...(a.kano
                      ? [
                          t('diagnostic.afterSales.kano', {
                            category: t(
                              `diagnostic.afterSales.kanoCat.${a.kano.category ?? 'none'}`,
                            ),
                            n: f.int(a.kano.n),
                          }),
                        ]
                      : []),
                  ].join(' · ') || t('diagnostic.afterSales.none')}
                </Text>
                <Text size="xs">
                  <b>{t('diagnostic.afterSales.insights')}:</b>{' '}
                  {a.insights.count > 0
                    ? `${f.int(a.insights.count)} · «${a.insights.quotes[0]?.quote ?? ''}»`
                    : t('diagnostic.afterSales.none')}
                </Text>
                {a.missing.map((m) => (
                  <Alert key={m.code} color="yellow" variant="light" p={6}>
                    <Text size="xs">
                      {t(`diagnostic.afterSales.missing.${m.code}`)}{' '}
                      <Anchor component={Link} to={m.link} size="xs">
                        {t('diagnostic.howTo')}
                      </Anchor>
                    </Text>
                  </Alert>
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

/** The unit's service triangle (strategy workspace), or the whole organisation's. */
function TriangleLink({ d }: { d: TDiagnostic }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tr = d.triangle;
  const own = tr.unitId !== null && tr.assessed > 0;
  const text = own
    ? t('diagnostic.triangle.own', { n: f.int(tr.assessed), mean: f.fixed(tr.meanScore, 1) })
    : tr.orgWide && tr.orgWide.assessed > 0
      ? t('diagnostic.triangle.orgWide', {
          n: f.int(tr.orgWide.assessed),
          mean: f.fixed(tr.orgWide.meanScore, 1),
        })
      : t('diagnostic.triangle.none');
  return (
    <Text size="sm">
      {text}{' '}
      <Anchor component={Link} to={tr.link}>
        {t('diagnostic.triangle.open')}
      </Anchor>
    </Text>
  );
}

function Section({ n, children }: { n: number; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        {t('diagnostic.gapN', { n })}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t(`diagnostic.gapName.${n}`)}
      </Text>
      <Stack gap="xs">{children}</Stack>
    </Card>
  );
}

function Candidates({
  d,
  q,
  itemText,
}: {
  d: TDiagnostic;
  q: TQuery;
  itemText: (n: number | null | undefined) => string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { user } = useSession();
  const create = useCreateAction();
  const [done, setDone] = useState<Set<string>>(new Set());
  const [all, setAll] = useState(false);
  const accept = (c: TCandidate, title: string) => {
    const g5 = d.gap5.status === 'ok' ? d.gap5.data : null;
    create.mutate(
      {
        id: crypto.randomUUID(),
        unitId: d.unit?.id ?? null,
        gap: c.gap,
        dimension: c.dimension,
        findingKey: c.key,
        title: title.slice(0, 500),
        score: c.score,
        surveyId: d.surveys.customer?.id ?? null,
        periodFrom: q.from ?? null,
        periodTo: q.to ?? null,
        baselineGap:
          (c.dimension && g5?.dimensions.find((x) => x.dimension === c.dimension)?.gap) ?? null,
      },
      {
        onSuccess: () => setDone((s) => new Set(s).add(c.key)),
        onError: notifyError,
      },
    );
  };
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        {t('diagnostic.candidates')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('diagnostic.candidatesHelp')}
      </Text>
      {d.candidates.length === 0 ? (
        <Text size="sm">{t('diagnostic.noCandidates')}</Text>
      ) : (
        <Stack gap="xs">
          {d.candidates.slice(0, all ? undefined : 10).map((c, i) => {
            const title = candidateTitle(c, t, f, d.unit?.name ?? null, itemText);
            return (
              <Group
                key={c.key}
                justify="space-between"
                wrap="nowrap"
                align="flex-start"
                data-candidate={c.key}
              >
                <Text size="sm">
                  {i + 1}. {title}{' '}
                  <Text span size="xs" c="dimmed">
                    ({t('diagnostic.col.priority')} {f.fixed(c.score, 2)})
                  </Text>
                </Text>
                {canWrite(user) && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    disabled={done.has(c.key)}
                    style={{ flexShrink: 0 }}
                    onClick={() => accept(c, title)}
                  >
                    {done.has(c.key) ? t('diagnostic.accepted') : t('diagnostic.accept')}
                  </Button>
                )}
              </Group>
            );
          })}
          {d.candidates.length > 10 && (
            <Button
              size="compact-xs"
              variant="subtle"
              w="fit-content"
              onClick={() => setAll((v) => !v)}
            >
              {all
                ? t('diagnostic.showLess')
                : t('diagnostic.showAll', { count: d.candidates.length })}
            </Button>
          )}
        </Stack>
      )}
    </Card>
  );
}
