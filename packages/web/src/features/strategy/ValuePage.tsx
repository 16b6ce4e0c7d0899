// Customer value model per segment: benefits (functional / emotional / economic) and their
// money value, price paid, perceived value, value for money from the perceived-value survey,
// under-valued benefits, competitors compared (table + bars).
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWrite, useSession } from '../../auth/session';
import { fixed, int, money, num } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import {
  BENEFIT_KINDS,
  deleteValueModel,
  saveValueModel,
  type TValueModel,
  type TValueModelPut,
  useSurveyOptions,
  useValueModels,
} from './api';

type TDraft = Required<Omit<TValueModelPut, 'competitors' | 'benefits'>> & {
  id: string;
  benefits: NonNullable<TValueModelPut['benefits']>;
  competitors: Array<{ id: string; name: string; price: number; values: Record<string, number> }>;
};

const USE_CLASSES = ['end_user', 'public', 'processor', 'merchant'] as const;

const draftOf = (m: TValueModel): TDraft => ({
  id: m.id,
  segment: m.segment,
  currency: m.currency,
  pricePaid: m.pricePaid,
  surveyId: m.surveyId,
  notes: m.notes,
  useClasses: m.useClasses,
  benefits: m.benefits.map(({ id, kind, name, moneyValue }) => ({ id, kind, name, moneyValue })),
  competitors: m.competitors.map(({ id, name, price, values }) => ({ id, name, price, values })),
});

function Bars({ model }: { model: TValueModel }) {
  const { t, i18n } = useTranslation();
  const rows = [
    { name: t('strategy.value.us'), pv: model.perceivedValue, price: model.pricePaid },
    ...model.competitors.map((c) => ({ name: c.name, pv: c.perceivedValue, price: c.price })),
  ];
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.pv)));
  return (
    <Stack gap={6} aria-label={t('strategy.value.chartLabel')}>
      <Text size="sm" fw={500}>
        {t('strategy.value.chartTitle')}
      </Text>
      {rows.map((r) => (
        <div key={r.name}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs">{r.name}</Text>
            <Text size="xs" fw={600}>
              {money(r.pv, i18n.language, model.currency)}
            </Text>
          </Group>
          <div
            aria-hidden="true"
            style={{
              height: 10,
              borderRadius: 4,
              width: `${Math.max(2, (Math.abs(r.pv) / max) * 100)}%`,
              background: r.pv >= 0 ? '#2b8a3e' : '#c92a2a',
            }}
          />
        </div>
      ))}
    </Stack>
  );
}

function ModelView({ model, onEdit }: { model: TValueModel; onEdit?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cur = model.currency;
  const vfm = model.valueForMoney;
  const under = model.benefits.filter((b) => b.underValued);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`vm-${model.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id={`vm-${model.id}`}>
            {model.segment}
          </Title>
          {onEdit && (
            <Button size="xs" variant="default" onClick={onEdit}>
              {t('strategy.edit')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Figure label={t('strategy.value.pricePaid')} value={money(model.pricePaid, lang, cur)} />
          <Figure
            label={t('strategy.value.totalBenefits')}
            value={money(model.totalBenefits, lang, cur)}
          />
          <Figure
            label={t('strategy.value.perceivedValue')}
            value={money(model.perceivedValue, lang, cur)}
            color={model.perceivedValue >= 0 ? 'teal' : 'red'}
          />
          <Figure
            label={t('strategy.value.ratio')}
            value={model.valueRatio === null ? '—' : `${fixed(model.valueRatio, lang, 2)}×`}
          />
        </SimpleGrid>
        {model.useClasses.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('strategy.value.segmentIs', {
              classes: model.useClasses.map((c) => t(`strategy.useClass.${c}`)).join(', '),
            })}
          </Text>
        )}
        <Text size="sm">
          {vfm && vfm.scope === 'undefined'
            ? t('strategy.value.vfmUndefined')
            : vfm && vfm.n > 0 && !vfm.enough
              ? t('strategy.value.vfmTooFew', {
                  n: int(vfm.n, lang),
                  min: int(vfm.minN, lang),
                  total: int(vfm.surveyN, lang),
                })
              : vfm && vfm.n > 0
                ? t('strategy.value.vfm', {
                    mean: fixed(vfm.mean, lang, 2),
                    points: int(vfm.points, lang),
                    lo: fixed(vfm.ci95?.[0], lang, 2),
                    hi: fixed(vfm.ci95?.[1], lang, 2),
                    n: int(vfm.n, lang),
                    total: int(vfm.surveyN, lang),
                    survey: model.surveyTitle ?? '',
                  })
                : t('strategy.value.noVfm')}
          {vfm && vfm.wtp.mean !== null && vfm.wtp.n > 0
            ? ` ${t('strategy.value.wtp', { wtp: money(vfm.wtp.mean, lang, cur), n: int(vfm.wtp.n, lang) })}`
            : ''}
        </Text>
        <Table.ScrollContainer minWidth={480}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('strategy.value.benefit')}</Table.Th>
                <Table.Th>{t('strategy.value.kind')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('strategy.value.moneyValue')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('strategy.value.rating')}</Table.Th>
                <Table.Th>{t('strategy.value.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {model.benefits.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>{b.name}</Table.Td>
                  <Table.Td>{t(`strategy.benefitKind.${b.kind}`)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {money(b.moneyValue, lang, cur)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {b.rating === null
                      ? '—'
                      : `${fixed(b.rating, lang, 2)} / ${int(vfm?.points ?? 7, lang)}`}
                  </Table.Td>
                  <Table.Td>
                    {b.underValued ? (
                      <Badge color="orange">{t('strategy.value.underValued')}</Badge>
                    ) : (
                      ''
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {under.length > 0 && (
          <Alert color="orange" title={t('strategy.value.communicateTitle')}>
            {t('strategy.value.communicate', { list: under.map((b) => b.name).join(', ') })}
          </Alert>
        )}
        {model.competitors.length > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Table.ScrollContainer minWidth={360}>
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('strategy.value.competitor')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>{t('strategy.value.price')}</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>
                      {t('strategy.value.totalBenefits')}
                    </Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>
                      {t('strategy.value.perceivedValue')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr fw={600}>
                    <Table.Td>{t('strategy.value.us')}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {money(model.pricePaid, lang, cur)}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {money(model.totalBenefits, lang, cur)}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {money(model.perceivedValue, lang, cur)}
                    </Table.Td>
                  </Table.Tr>
                  {model.competitors.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {money(c.price, lang, cur)}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {money(c.totalBenefits, lang, cur)}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {money(c.perceivedValue, lang, cur)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Bars model={model} />
          </SimpleGrid>
        )}
        {model.notes && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {model.notes}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} c={color}>
        {value}
      </Text>
    </div>
  );
}

function ModelEditor({
  initial,
  onDone,
  isNew,
}: {
  initial: TDraft;
  onDone: () => void;
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const surveys = useSurveyOptions('perceived_value');
  const [v, setV] = useState<TDraft>(initial);
  const [busy, setBusy] = useState(false);
  const setBenefit = (i: number, p: Partial<TDraft['benefits'][number]>) =>
    setV({ ...v, benefits: v.benefits.map((b, j) => (j === i ? { ...b, ...p } : b)) });
  const setComp = (i: number, p: Partial<TDraft['competitors'][number]>) =>
    setV({ ...v, competitors: v.competitors.map((c, j) => (j === i ? { ...c, ...p } : c)) });
  const save = async () => {
    setBusy(true);
    try {
      const ids = new Set(v.benefits.map((b) => b.id));
      const { id, ...body } = v;
      await saveValueModel(
        id,
        {
          ...body,
          competitors: v.competitors.map((c) => ({
            ...c,
            values: Object.fromEntries(Object.entries(c.values).filter(([k]) => ids.has(k))),
          })),
        },
        isNew,
      );
      notifyOk(t('strategy.saved'));
      await qc.invalidateQueries({ queryKey: ['strategy'] });
      onDone();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await deleteValueModel(v.id);
      await qc.invalidateQueries({ queryKey: ['strategy'] });
      onDone();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('strategy.value.editTitle')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {isNew ? t('strategy.value.newTitle') : t('strategy.value.editTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
          <TextInput
            label={t('strategy.segment')}
            value={v.segment}
            onChange={(e) => setV({ ...v, segment: e.currentTarget.value })}
            required
          />
          <NumberInput
            label={t('strategy.value.pricePaid')}
            value={v.pricePaid}
            min={0}
            decimalScale={2}
            onChange={(x) => setV({ ...v, pricePaid: Number(x) || 0 })}
          />
          <TextInput
            label={t('strategy.value.currency')}
            value={v.currency}
            maxLength={3}
            onChange={(e) => setV({ ...v, currency: e.currentTarget.value.toUpperCase() })}
          />
          <Select
            label={t('strategy.value.survey')}
            clearable
            placeholder={t('strategy.value.noSurvey')}
            data={(surveys.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={v.surveyId}
            onChange={(x) => setV({ ...v, surveyId: x })}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('strategy.value.useClasses')}
          description={t('strategy.value.useClassesHelp')}
          value={v.useClasses}
          onChange={(x) => setV({ ...v, useClasses: x as TDraft['useClasses'] })}
        >
          <Group gap="md" mt={4} wrap="wrap">
            {USE_CLASSES.map((c) => (
              <Checkbox key={c} value={c} label={t(`strategy.useClass.${c}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Text size="sm" fw={500}>
          {t('strategy.value.benefits')}
        </Text>
        {v.benefits.map((b, i) => (
          <Group key={b.id} gap="xs" align="flex-end" wrap="wrap">
            <Select
              label={t('strategy.value.kind')}
              w={{ base: '100%', sm: 150 }}
              data={BENEFIT_KINDS.map((k) => ({ value: k, label: t(`strategy.benefitKind.${k}`) }))}
              value={b.kind}
              allowDeselect={false}
              onChange={(x) => x && setBenefit(i, { kind: x as typeof b.kind })}
            />
            <TextInput
              label={t('strategy.value.benefit')}
              style={{ flex: 1, minWidth: 180 }}
              value={b.name}
              onChange={(e) => setBenefit(i, { name: e.currentTarget.value })}
            />
            <NumberInput
              label={t('strategy.value.moneyValue')}
              w={{ base: '100%', sm: 130 }}
              min={0}
              decimalScale={2}
              value={b.moneyValue}
              onChange={(x) => setBenefit(i, { moneyValue: Number(x) || 0 })}
            />
            <Button
              variant="subtle"
              color="red"
              aria-label={t('strategy.remove', { name: b.name })}
              onClick={() => setV({ ...v, benefits: v.benefits.filter((_, j) => j !== i) })}
            >
              ×
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              setV({
                ...v,
                benefits: [
                  ...v.benefits,
                  { id: crypto.randomUUID(), kind: 'functional', name: '', moneyValue: 0 },
                ],
              })
            }
          >
            {t('strategy.value.addBenefit')}
          </Button>
        </Group>
        <Text size="sm" fw={500}>
          {t('strategy.value.competitors')}
        </Text>
        {v.competitors.map((c, i) => (
          <Paper key={c.id} withBorder p="xs">
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('strategy.value.competitor')}
                value={c.name}
                onChange={(e) => setComp(i, { name: e.currentTarget.value })}
              />
              <NumberInput
                label={t('strategy.value.price')}
                w={120}
                min={0}
                decimalScale={2}
                value={c.price}
                onChange={(x) => setComp(i, { price: Number(x) || 0 })}
              />
              {v.benefits.map((b) => (
                <NumberInput
                  key={b.id}
                  label={b.name || t('strategy.value.benefit')}
                  w={140}
                  min={0}
                  decimalScale={2}
                  value={c.values[b.id] ?? 0}
                  onChange={(x) => setComp(i, { values: { ...c.values, [b.id]: Number(x) || 0 } })}
                />
              ))}
              <Button
                variant="subtle"
                color="red"
                aria-label={t('strategy.remove', { name: c.name })}
                onClick={() => setV({ ...v, competitors: v.competitors.filter((_, j) => j !== i) })}
              >
                ×
              </Button>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              setV({
                ...v,
                competitors: [
                  ...v.competitors,
                  { id: crypto.randomUUID(), name: '', price: 0, values: {} },
                ],
              })
            }
          >
            {t('strategy.value.addCompetitor')}
          </Button>
        </Group>
        <Textarea
          label={t('strategy.value.notes')}
          autosize
          minRows={2}
          value={v.notes}
          onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
        />
        <Group justify="space-between">
          {!isNew ? (
            <Button color="red" variant="subtle" onClick={() => void remove()} disabled={busy}>
              {t('strategy.value.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>
              {t('strategy.cancel')}
            </Button>
            <Button onClick={() => void save()} loading={busy} disabled={!v.segment.trim()}>
              {t('strategy.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function ValuePage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const q = useValueModels();
  const [editing, setEditing] = useState<TDraft | null>(null);
  const [isNew, setIsNew] = useState(false);
  if (q.isLoading || !q.data) return <PageLoader />;
  const writable = canWrite(user);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" maw={760}>
          {t('strategy.value.intro', {
            min: num(0.5, i18n.language),
            margin: num(0.2, i18n.language),
          })}
        </Text>
        {writable && !editing && (
          <Button
            onClick={() => {
              setIsNew(true);
              setEditing({
                id: crypto.randomUUID(),
                segment: '',
                currency: 'EUR',
                pricePaid: 0,
                surveyId: null,
                notes: '',
                useClasses: [],
                benefits: [],
                competitors: [],
              });
            }}
          >
            {t('strategy.value.new')}
          </Button>
        )}
      </Group>
      {editing && (
        <ModelEditor
          key={editing.id}
          initial={editing}
          isNew={isNew}
          onDone={() => setEditing(null)}
        />
      )}
      {q.data.items.length === 0 && !editing && <Text c="dimmed">{t('strategy.value.empty')}</Text>}
      {q.data.items
        .filter((m) => m.id !== editing?.id)
        .map((m) => (
          <ModelView
            key={m.id}
            model={m}
            onEdit={
              writable
                ? () => {
                    setIsNew(false);
                    setEditing(draftOf(m));
                  }
                : undefined
            }
          />
        ))}
    </Stack>
  );
}
