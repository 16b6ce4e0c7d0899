// Albrecht's service triangle: the diagram (edges coloured and numbered by score, legend, a
// table as text alternative) and the editor of the selected relationship.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TUnitKind } from '../../api/types';
import { canWrite, useSession } from '../../auth/session';
import { date, int, num } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { unitOptions } from '../../ui/units';
import {
  type RELATIONS,
  saveTriangle,
  type TTriangleEdge,
  type TTriangleUnit,
  useTriangle,
  useTriangleUnits,
} from './api';
import { EvidenceEditor, EvidenceList } from './Evidence';

type TRel = (typeof RELATIONS)[number];
const P = {
  strategy: [200, 38],
  people: [48, 318],
  systems: [352, 318],
  customer: [200, 225],
} as const;
const ENDS: Record<TRel, [keyof typeof P, keyof typeof P]> = {
  customer_strategy: ['customer', 'strategy'],
  customer_systems: ['customer', 'systems'],
  customer_people: ['customer', 'people'],
  people_systems: ['people', 'systems'],
  strategy_systems: ['strategy', 'systems'],
  strategy_people: ['strategy', 'people'],
};
export const SCORE_COLORS = ['#c92a2a', '#e8590c', '#f08c00', '#66a80f', '#2b8a3e'];
const NONE_COLOR = '#868e96';
const colorOf = (s: number | null) =>
  s === null ? NONE_COLOR : (SCORE_COLORS[s - 1] ?? NONE_COLOR);

const PICKS: Record<TRel, string[]> = {
  customer_strategy: ['servqual', 'kano', 'value', 'needs'],
  customer_systems: ['complaints', 'complaintReports', 'nps'],
  customer_people: ['nps', 'comments', 'complaints'],
  people_systems: ['complaintReports', 'standards'],
  strategy_systems: ['standards', 'atRisk', 'priorities'],
  strategy_people: ['standards', 'servqual'],
};

function Diagram({
  edges,
  selected,
  onSelect,
}: {
  edges: TTriangleEdge[];
  selected: TRel;
  onSelect: (r: TRel) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <svg
      viewBox="0 0 400 360"
      role="img"
      aria-labelledby="triangle-title"
      style={{ width: '100%', maxWidth: 460, height: 'auto', display: 'block' }}
    >
      <title id="triangle-title">{t('strategy.triangle.diagramTitle')}</title>
      {edges.map((e) => {
        const [a, b] = ENDS[e.relation];
        const [x1, y1] = P[a];
        const [x2, y2] = P[b];
        const mx = (x1 + x2) / 2;
        const my = (y1 + y2) / 2;
        const sel = e.relation === selected;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG edge cannot be a <button>; the table below is the keyboard path too
          <g
            key={e.relation}
            role="button"
            tabIndex={0}
            aria-label={`${t(`strategy.relation.${e.relation}`)}: ${
              e.score === null ? t('strategy.triangle.noScore') : `${e.score} / 5`
            }`}
            onClick={() => onSelect(e.relation)}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                onSelect(e.relation);
              }
            }}
            style={{ cursor: 'pointer', outline: 'none' }}
          >
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={22} />
            <line
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke={colorOf(e.score)}
              strokeWidth={sel ? 9 : 6}
              strokeLinecap="round"
              strokeDasharray={e.score === null ? '6 6' : undefined}
            />
            <circle
              cx={mx}
              cy={my}
              r={13}
              fill="#fff"
              stroke={colorOf(e.score)}
              strokeWidth={sel ? 4 : 2}
            />
            <text
              x={mx}
              y={my + 5}
              textAnchor="middle"
              fontSize={14}
              fontWeight={700}
              fill="#212529"
            >
              {e.score === null ? '–' : int(e.score, i18n.language)}
            </text>
          </g>
        );
      })}
      {(Object.keys(P) as (keyof typeof P)[]).map((k) => {
        const [x, y] = P[k];
        const centre = k === 'customer';
        return (
          <g key={k}>
            <circle cx={x} cy={y} r={centre ? 34 : 28} fill={centre ? '#1c7ed6' : '#343a40'} />
            <text
              x={x}
              y={y + 4}
              textAnchor="middle"
              fontSize={centre ? 12 : 11}
              fontWeight={700}
              fill="#fff"
            >
              {t(`strategy.corner.${k}`)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" wrap="wrap" aria-label={t('strategy.triangle.legend')}>
      {[1, 2, 3, 4, 5].map((s) => (
        <Group key={s} gap={4} wrap="nowrap">
          <span
            aria-hidden="true"
            style={{ width: 18, height: 6, background: colorOf(s), borderRadius: 3 }}
          />
          <Text size="xs">{t(`strategy.score.${s}`)}</Text>
        </Group>
      ))}
      <Group gap={4} wrap="nowrap">
        <span
          aria-hidden="true"
          style={{ width: 18, height: 0, borderTop: `3px dashed ${NONE_COLOR}` }}
        />
        <Text size="xs">{t('strategy.triangle.noScore')}</Text>
      </Group>
    </Group>
  );
}

function Editor({
  edge,
  writable,
  unitId,
}: {
  edge: TTriangleEdge;
  writable: boolean;
  unitId: string | null;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState(edge);
  const [action, setAction] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setV(edge), [edge]);
  const save = async () => {
    setBusy(true);
    try {
      await saveTriangle(
        edge.relation,
        {
          score: v.score,
          assessment: v.assessment,
          evidence: v.evidence,
          actions: v.actions,
        },
        unitId,
      );
      notifyOk(t('strategy.saved'));
      await qc.invalidateQueries({ queryKey: ['strategy', 'triangle'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const id = `tri-${edge.relation}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-h`}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={`${id}-h`}>
            {t(`strategy.relation.${edge.relation}`)}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`strategy.relationHelp.${edge.relation}`)}
          </Text>
        </div>
        <Stack gap={4}>
          <Text size="sm" fw={500} id={`${id}-score`}>
            {t('strategy.triangle.score')}
          </Text>
          <SegmentedControl
            aria-labelledby={`${id}-score`}
            disabled={!writable}
            value={v.score === null ? '' : String(v.score)}
            onChange={(x) => setV({ ...v, score: x === '' ? null : Number(x) })}
            data={[
              { value: '', label: t('strategy.triangle.noScoreShort') },
              ...[1, 2, 3, 4, 5].map((s) => ({ value: String(s), label: String(s) })),
            ]}
          />
        </Stack>
        <Textarea
          label={t('strategy.triangle.assessment')}
          autosize
          minRows={2}
          readOnly={!writable}
          value={v.assessment}
          onChange={(e) => setV({ ...v, assessment: e.currentTarget.value })}
        />
        {writable ? (
          <EvidenceEditor
            idPrefix={id}
            value={v.evidence}
            onChange={(evidence) => setV({ ...v, evidence })}
            picks={PICKS[edge.relation]}
          />
        ) : (
          <EvidenceList links={v.evidence} />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('strategy.triangle.actions')}
          </Text>
          {v.actions.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('strategy.triangle.noActions')}
            </Text>
          )}
          {v.actions.map((a, i) => (
            <Group key={a.text} gap="xs" wrap="nowrap" align="flex-start">
              <Checkbox
                disabled={!writable}
                checked={a.done}
                label={a.text}
                onChange={(e) => {
                  const done = e.currentTarget.checked;
                  setV({ ...v, actions: v.actions.map((x, j) => (j === i ? { ...x, done } : x)) });
                }}
              />
              {writable && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('strategy.triangle.removeAction', { text: a.text })}
                  onClick={() => setV({ ...v, actions: v.actions.filter((_, j) => j !== i) })}
                >
                  ×
                </Button>
              )}
            </Group>
          ))}
          {writable && (
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                label={t('strategy.triangle.newAction')}
                value={action}
                onChange={(e) => setAction(e.currentTarget.value)}
              />
              <Button
                size="xs"
                variant="default"
                disabled={!action.trim() || v.actions.some((x) => x.text === action.trim())}
                onClick={() => {
                  setV({ ...v, actions: [...v.actions, { text: action.trim(), done: false }] });
                  setAction('');
                }}
              >
                {t('strategy.add')}
              </Button>
            </Group>
          )}
        </Stack>
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {edge.updatedAt
              ? t('strategy.updatedAt', { date: date(edge.updatedAt, i18n.language) })
              : ''}
          </Text>
          {writable && (
            <Button onClick={() => void save()} loading={busy}>
              {t('strategy.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Unit picker: the whole organisation (default) or a unit of the user's subtree. */
function UnitPicker({
  unitId,
  onChange,
  units,
}: {
  unitId: string | null;
  onChange: (u: string | null) => void;
  units: TTriangleUnit[];
}) {
  const { t, i18n } = useTranslation();
  const opts = unitOptions(
    units.map((u) => ({
      id: u.unitId,
      parentId: u.parentId,
      name: u.name,
      kind: u.kind as TUnitKind,
    })),
  );
  const by = new Map(units.map((u) => [u.unitId, u]));
  const depth = new Map(opts.map((o) => [o.value, o.depth]));
  const label = (id: string, name: string) => {
    const u = by.get(id);
    return u && u.assessed > 0
      ? `${name} · ${t('strategy.triangle.unitAssessed', { n: int(u.assessed, i18n.language) })}`
      : name;
  };
  return (
    <Select
      label={t('strategy.triangle.unit')}
      searchable
      allowDeselect={false}
      value={unitId ?? ''}
      onChange={(v) => onChange(v ? v : null)}
      data={[
        { value: '', label: t('strategy.triangle.wholeOrg') },
        ...opts.map((o) => ({ value: o.value, label: label(o.value, o.label) })),
      ]}
      renderOption={({ option }) => (
        <span style={{ paddingLeft: (depth.get(option.value) ?? 0) * 14 }}>{option.label}</span>
      )}
      w={{ base: '100%', sm: 420 }}
    />
  );
}

export default function TrianglePage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') || null;
  const units = useTriangleUnits();
  const q = useTriangle(unitId);
  const [selected, setSelected] = useState<TRel>('customer_strategy');
  const pickUnit = (u: string | null) => {
    const next = new URLSearchParams(params);
    if (u) next.set('unitId', u);
    else next.delete('unitId');
    setParams(next, { replace: true });
  };
  const picker = <UnitPicker unitId={unitId} onChange={pickUnit} units={units.data?.items ?? []} />;
  if (q.isError)
    return (
      <Stack gap="sm">
        {picker}
        <Alert color="red">{t('strategy.triangle.unitUnavailable')}</Alert>
      </Stack>
    );
  if (q.isLoading || !q.data) return <PageLoader />;
  const unitName = unitId
    ? (units.data?.items.find((u) => u.unitId === unitId)?.name ?? '')
    : t('strategy.triangle.wholeOrg');
  const writable = canWrite(user) && (unitId !== null || (units.data?.orgWide.writable ?? false));
  const edges = q.data.items;
  const edge = edges.find((e) => e.relation === selected) ?? (edges[0] as TTriangleEdge);
  const scored = edges.filter((e) => e.score !== null);
  const avg = scored.length ? scored.reduce((s, e) => s + (e.score ?? 0), 0) / scored.length : null;
  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap" gap="md">
        {picker}
        <Text size="sm" c="dimmed" maw={560}>
          {unitId ? t('strategy.triangle.unitHelp') : t('strategy.triangle.orgHelp')}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('strategy.triangle.of', { unit: unitName })}
          </Title>
          <Text size="sm">{t('strategy.triangle.intro')}</Text>
          <Diagram edges={edges} selected={selected} onSelect={setSelected} />
          <Legend />
          <Table striped withTableBorder aria-label={t('strategy.triangle.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('strategy.triangle.relation')}</Table.Th>
                <Table.Th>{t('strategy.triangle.score')}</Table.Th>
                <Table.Th>{t('strategy.triangle.openActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map((e) => (
                <Table.Tr key={e.relation}>
                  <Table.Td>
                    <Button
                      variant={e.relation === selected ? 'light' : 'subtle'}
                      size="compact-sm"
                      onClick={() => setSelected(e.relation)}
                      aria-pressed={e.relation === selected}
                      styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                      h="auto"
                    >
                      {t(`strategy.relation.${e.relation}`)}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={e.score === null ? 'gray' : undefined}
                      style={{ background: e.score === null ? undefined : colorOf(e.score) }}
                    >
                      {e.score === null ? t('strategy.triangle.noScoreShort') : `${e.score} / 5`}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{int(e.actions.filter((a) => !a.done).length, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            {avg === null
              ? t('strategy.triangle.noneScored')
              : t('strategy.triangle.average', {
                  avg: num(avg, i18n.language, 1),
                  n: scored.length,
                })}
          </Text>
        </Stack>
        <Editor
          key={`${unitId ?? ''}:${edge.relation}`}
          edge={edge}
          writable={writable}
          unitId={unitId}
        />
      </SimpleGrid>
    </Stack>
  );
}
