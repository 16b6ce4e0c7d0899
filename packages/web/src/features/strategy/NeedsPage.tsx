// Needs -> service attributes (service design, QFD's house of quality): rows = stated and real
// needs grouped by customer group, columns = the shared attribute catalogue, cells = strength
// 9 / 3 / 1. Under the matrix: each attribute's type (suggested from Kano, overridable), its
// importance Σ strength × need importance, the standards linked to it and panel insights.
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWrite, useSession } from '../../auth/session';
import { date, int, pct } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import {
  ATTRIBUTE_TYPES,
  createNeed,
  deleteNeed,
  setAttributeType,
  setLink,
  type TMatrix,
  type TMatrixAttribute,
  useMatrix,
  useSurveyOptions,
} from './api';
import { SegmentPicker, useSegment } from './Segment';

const STICKY: CSSProperties = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
  minWidth: 'min(230px, 42vw)',
  maxWidth: 300,
};
const cellBorder = '1px solid var(--mantine-color-default-border)';
const th: CSSProperties = { border: cellBorder, padding: '4px 6px', verticalAlign: 'bottom' };
const td: CSSProperties = { border: cellBorder, padding: '2px 4px', textAlign: 'center' };
const SYMBOL: Record<number, string> = { 9: '●', 3: '○', 1: '△' };

function AddNeed({ segment, groups }: { segment: string; groups: string[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [group, setGroup] = useState(groups[0] ?? '');
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'stated' | 'real'>('stated');
  const [importance, setImportance] = useState('3');
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    try {
      await createNeed({
        id: crypto.randomUUID(),
        segment,
        customerGroup: group.trim(),
        text: text.trim(),
        kind,
        importance: Number(importance),
      });
      setText('');
      await qc.invalidateQueries({ queryKey: ['strategy'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper
      withBorder
      p="sm"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label={t('strategy.needs.group')}
          value={group}
          onChange={(e) => setGroup(e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
          required
        />
        <TextInput
          label={t('strategy.needs.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
          required
        />
        <div>
          <Text size="sm" fw={500} id="need-kind-label">
            {t('strategy.needs.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="need-kind-label"
            value={kind}
            onChange={(v) => setKind(v as 'stated' | 'real')}
            data={[
              { value: 'stated', label: t('strategy.needKind.stated') },
              { value: 'real', label: t('strategy.needKind.real') },
            ]}
          />
        </div>
        <NativeSelect
          label={t('strategy.needs.importance')}
          value={importance}
          onChange={(e) => setImportance(e.currentTarget.value)}
          data={['1', '2', '3', '4', '5']}
          w={90}
        />
        <Button type="submit" loading={busy} disabled={!group.trim() || !text.trim()}>
          {t('strategy.needs.add')}
        </Button>
      </Group>
    </Paper>
  );
}

function Matrix({ m: full, writable }: { m: TMatrix; writable: boolean }) {
  const [all, setAll] = useState(false);
  const linked = new Set(full.cells.map((c) => c.attributeId));
  const m =
    all || linked.size === 0
      ? full
      : { ...full, attributes: full.attributes.filter((a) => linked.has(a.id)) };
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const qc = useQueryClient();
  const cell = new Map(m.cells.map((c) => [`${c.needId}:${c.attributeId}`, c.strength]));
  const refresh = () => qc.invalidateQueries({ queryKey: ['strategy', 'matrix'] });
  const change = async (needId: string, attributeId: string, strength: number) => {
    // shown at once; the refetch then brings the new importance sums
    qc.setQueriesData<TMatrix>({ queryKey: ['strategy', 'matrix'] }, (old) =>
      old
        ? {
            ...old,
            cells: [
              ...old.cells.filter((c) => !(c.needId === needId && c.attributeId === attributeId)),
              ...(strength ? [{ needId, attributeId, strength }] : []),
            ],
          }
        : old,
    );
    try {
      await setLink(needId, attributeId, strength);
      await refresh();
    } catch (e) {
      notifyError(e);
    }
  };
  const changeType = async (a: TMatrixAttribute, v: string) => {
    try {
      await setAttributeType(a.id, v === 'auto' ? null : v);
      await refresh();
    } catch (e) {
      notifyError(e);
    }
  };
  const remove = async (id: string) => {
    try {
      await deleteNeed(id);
      await qc.invalidateQueries({ queryKey: ['strategy'] });
    } catch (e) {
      notifyError(e);
    }
  };
  const groups = [...new Set(m.needs.map((n) => n.customerGroup))];
  const name = (a: TMatrixAttribute) => a.name[lang] || a.name.es;
  return (
    <Stack gap="xs">
      {linked.size > 0 && (
        <Switch
          label={t('strategy.needs.showAll', { n: full.attributes.length })}
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
        />
      )}
      <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="strategy-matrix">
        <table
          style={{ borderCollapse: 'separate', borderSpacing: 0, fontSize: 13 }}
          aria-label={t('strategy.needs.matrixLabel')}
        >
          <thead>
            <tr>
              <th style={{ ...th, ...STICKY, textAlign: 'left' }} scope="col">
                {t('strategy.needs.needCol')}
              </th>
              {m.attributes.map((a) => (
                <th key={a.id} scope="col" style={{ ...th, minWidth: 96, maxWidth: 130 }}>
                  {name(a)}
                  {a.group && (
                    <Text size="xs" c="dimmed" fw={400}>
                      {t(`strategy.attrGroup.${a.group}`)}
                    </Text>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{groups.map((g) => groupRows(g))}</tbody>
          <tfoot>
            <tr>
              <th scope="row" style={{ ...th, ...STICKY, textAlign: 'left' }}>
                {t('strategy.needs.typeRow')}
              </th>
              {m.attributes.map((a) => (
                <td key={a.id} style={td}>
                  <Text size="xs" fw={700}>
                    {a.type ? t(`strategy.attrType.${a.type}`) : '—'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {a.overridden
                      ? t('strategy.needs.manual')
                      : a.suggestedType
                        ? t('strategy.needs.fromKano')
                        : ''}
                  </Text>
                  {writable && (
                    <NativeSelect
                      size="xs"
                      aria-label={t('strategy.needs.typeOf', { name: name(a) })}
                      value={a.overridden ? (a.type ?? 'auto') : 'auto'}
                      onChange={(e) => void changeType(a, e.currentTarget.value)}
                      data={[
                        { value: 'auto', label: t('strategy.needs.auto') },
                        ...ATTRIBUTE_TYPES.map((x) => ({
                          value: x,
                          label: t(`strategy.attrType.${x}`),
                        })),
                      ]}
                    />
                  )}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" style={{ ...th, ...STICKY, textAlign: 'left' }}>
                {t('strategy.needs.kanoRow')}
              </th>
              {m.attributes.map((a) => (
                <td key={a.id} style={td}>
                  {a.kano?.category
                    ? `${t(`strategy.kano.${a.kano.category}`)} (n = ${int(a.kano.n, i18n.language)})`
                    : '—'}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" style={{ ...th, ...STICKY, textAlign: 'left' }}>
                {t('strategy.needs.importanceRow')}
              </th>
              {m.attributes.map((a) => (
                <td key={a.id} style={{ ...td, fontWeight: 700 }}>
                  {int(a.importance, i18n.language)}
                  <Text size="xs" c="dimmed">
                    {pct(a.weight, i18n.language)}
                  </Text>
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" style={{ ...th, ...STICKY, textAlign: 'left' }}>
                {t('strategy.needs.standardsRow')}
              </th>
              {m.attributes.map((a) => (
                <td key={a.id} style={{ ...td, fontSize: 12 }}>
                  {a.standards.length ? (
                    a.standards.map((s) => (
                      <div key={s.id} title={s.name[lang] || s.name.es}>
                        {s.code}
                      </div>
                    ))
                  ) : (
                    <Text size="xs" c="red">
                      {t('strategy.needs.noStandard')}
                    </Text>
                  )}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" style={{ ...th, ...STICKY, textAlign: 'left' }}>
                {t('strategy.needs.insightsRow')}
              </th>
              {m.attributes.map((a) => (
                <td key={a.id} style={td}>
                  {int(a.insights.count, i18n.language)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
        {m.needs.length === 0 && (
          <Text c="dimmed" size="sm" mt="xs">
            {t('strategy.needs.empty')}
          </Text>
        )}
      </div>
    </Stack>
  );

  function groupRows(g: string) {
    const rows = m.needs.filter((n) => n.customerGroup === g);
    return (
      <Fragment key={g}>
        <tr>
          <th
            scope="rowgroup"
            colSpan={1}
            style={{
              ...th,
              ...STICKY,
              textAlign: 'left',
              background: 'var(--mantine-color-gray-light)',
            }}
          >
            {g}
          </th>
          <td
            colSpan={m.attributes.length}
            style={{ ...td, background: 'var(--mantine-color-gray-light)' }}
          />
        </tr>
        {rows.map((n) => (
          <tr key={n.id}>
            <th scope="row" style={{ ...th, ...STICKY, textAlign: 'left', fontWeight: 400 }}>
              <Group gap={4} wrap="nowrap" align="flex-start" justify="space-between">
                <span>{n.text}</span>
                {writable && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('strategy.remove', { name: n.text })}
                    onClick={() => void remove(n.id)}
                  >
                    ×
                  </Button>
                )}
              </Group>
              <Group gap={6} wrap="wrap">
                <Badge size="xs" variant="light" color={n.kind === 'real' ? 'grape' : 'blue'}>
                  {t(`strategy.needKind.${n.kind}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('strategy.needs.importanceShort', { n: n.importance })}
                  {n.insights.count > 0 &&
                    ` · ${t('strategy.needs.insightCount', { count: n.insights.count })}`}
                </Text>
              </Group>
            </th>
            {m.attributes.map((a) => {
              const s = cell.get(`${n.id}:${a.id}`) ?? 0;
              return (
                <td key={a.id} style={td}>
                  {writable ? (
                    <NativeSelect
                      size="xs"
                      aria-label={t('strategy.needs.cellLabel', {
                        need: n.text,
                        attribute: name(a),
                      })}
                      value={String(s)}
                      onChange={(e) => void change(n.id, a.id, Number(e.currentTarget.value))}
                      data={[
                        { value: '0', label: '—' },
                        { value: '9', label: '● 9' },
                        { value: '3', label: '○ 3' },
                        { value: '1', label: '△ 1' },
                      ]}
                    />
                  ) : s ? (
                    `${SYMBOL[s]} ${s}`
                  ) : (
                    ''
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </Fragment>
    );
  }
}

function Insights({ m }: { m: TMatrix }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const entries = [
    ...m.needs.map((n) => ({ key: n.id, title: n.text, ins: n.insights })),
    ...m.attributes.map((a) => ({ key: a.id, title: a.name[lang] || a.name.es, ins: a.insights })),
  ].filter((x) => x.ins.count > 0);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('strategy.needs.insightsTitle')}
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('strategy.needs.noInsights')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {entries.map((e) => (
            <Paper key={e.key} withBorder p="sm">
              <Text size="sm" fw={600}>
                {e.title} · {t('strategy.needs.insightCount', { count: e.ins.count })}
              </Text>
              {e.ins.quotes.map((q) => (
                <Text key={`${q.quote}-${q.sessionDate}`} size="sm" mt={4}>
                  «{q.quote}»{' '}
                  <Text span size="xs" c="dimmed">
                    {q.topic} · {date(q.sessionDate, i18n.language)}
                  </Text>
                </Text>
              ))}
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

export default function NeedsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [segment] = useSegment();
  const [kano, setKano] = useState<string | null>(null);
  const kanoSurveys = useSurveyOptions('kano');
  const q = useMatrix(segment, kano);
  const writable = canWrite(user);
  return (
    <Stack gap="md">
      <Text size="sm" maw={820}>
        {t('strategy.needs.intro')}
      </Text>
      <Group gap="md" align="flex-end" wrap="wrap">
        <SegmentPicker allowAll />
        <Select
          label={t('strategy.needs.kanoSurvey')}
          placeholder={q.data ? (q.data.kanoSurvey?.title ?? t('strategy.needs.noKanoSurvey')) : ''}
          clearable
          data={(kanoSurveys.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={kano}
          onChange={setKano}
          w={{ base: '100%', sm: 260 }}
        />
      </Group>
      {q.isLoading || !q.data ? (
        <PageLoader />
      ) : (
        <>
          {q.data.attributes.length === 0 && (
            <Alert color="yellow">{t('strategy.needs.noAttributes')}</Alert>
          )}
          {writable && segment && (
            <AddNeed
              segment={segment}
              groups={[...new Set(q.data.needs.map((n) => n.customerGroup))]}
            />
          )}
          {writable && !segment && (
            <Text size="sm" c="dimmed">
              {t('strategy.needs.pickToAdd')}
            </Text>
          )}
          <Matrix m={q.data} writable={writable} />
          <Text size="xs" c="dimmed">
            {t('strategy.needs.legend')}
          </Text>
          <Insights m={q.data} />
        </>
      )}
    </Stack>
  );
}
