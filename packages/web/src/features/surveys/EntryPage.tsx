// Staff data entry for phone, postal and in-person surveys. Keyboard first: digits move to the
// next field when the value is complete, Enter/↓ next, ↑ previous, Ctrl+Enter saves and opens
// the next form. Batch mode keeps paper forms in a local queue (survives a reload) and sends
// them together; rejected forms stay in the queue with the server's reason, to correct.
// A form can be attached to a registry customer found by name / e-mail / external id (the
// server refuses customers without survey consent; recent contacts are flagged).
import type { TStaffEntry, TSurveyDefinition } from '@fidelia/contracts';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { Fragment, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { time } from '../../lib/format';
import { DayInput } from '../../ui/DateField';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { UnitSelect } from '../../ui/UnitSelect';
import { type TSurveyCustomer, useStaffEntry, useVersion } from './api';
import { STAFF_CHANNELS } from './builder';
import { ContactBadges, CustomerSearch } from './CustomerSearch';
import {
  buildAnswers,
  checkField,
  entryFields,
  fieldOfError,
  isComplete,
  type TEntryField,
  uuid,
} from './entry';
import { useSurveyOutlet } from './SurveyLayout';
import { errorField } from './status';

type TChannel = (typeof STAFF_CHANNELS)[number];
interface TQueued {
  entry: TStaffEntry;
  values: Record<string, string>;
  customer?: TAttached | null;
  error?: string;
}
interface TAttached {
  c: TSurveyCustomer;
  fatigueDays: number;
}

export default function EntryPage() {
  const { t } = useTranslation();
  const { survey } = useSurveyOutlet();
  const v = useVersion(survey.id, survey.publishedVersion);
  if (!survey.publishedVersion)
    return <Alert color="yellow">{t('surveys.entry.notPublished')}</Alert>;
  if (v.isLoading || !v.data) return <PageLoader />;
  return <EntryForm definition={v.data.definition} version={v.data.version} />;
}

function EntryForm({ definition }: { definition: TSurveyDefinition; version: number }) {
  const { t, i18n } = useTranslation();
  const { survey } = useSurveyOutlet();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const fields = useMemo(() => entryFields(definition, lang), [definition, lang]);
  const m = useStaffEntry(survey.id);
  const [channel, setChannel] = useLocalStorage<TChannel>({
    key: 'fidelia_entry_channel',
    defaultValue: 'phone',
  });
  const [language, setLanguage] = useState<'es' | 'en'>(definition.defaultLanguage);
  const [unitId, setUnitId] = useState('');
  const [respondedOn, setRespondedOn] = useState('');
  const [batchMode, setBatchMode] = useState(false);
  const [partial, setPartial] = useState(false);
  const [queue, setQueue] = useLocalStorage<TQueued[]>({
    key: `fidelia_entry_queue_${survey.id}`,
    defaultValue: [],
  });
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [saved, setSaved] = useState<
    { id: string; at: string; channel: TChannel; customer?: string }[]
  >([]);
  const [formId, setFormId] = useState<string>(uuid);
  const [customer, setCustomer] = useState<TAttached | null>(null);
  const refs = useRef<Record<string, HTMLInputElement | null>>({});

  const focusAt = (i: number) => {
    const f = fields[Math.max(0, Math.min(fields.length - 1, i))];
    const el = f ? refs.current[f.id] : null;
    el?.focus();
    el?.select();
  };
  const indexOf = (id: string) => fields.findIndex((f) => f.id === id);

  const reset = () => {
    setValues({});
    setErrors({});
    setFormError('');
    setFormId(uuid());
    setPartial(false);
    setCustomer(null);
    requestAnimationFrame(() => focusAt(0));
  };

  const collect = (): TStaffEntry | null => {
    const r = buildAnswers(definition, fields, values);
    const errs: Record<string, string> = {};
    for (const [id, e] of Object.entries(r.errors)) errs[id] = t(`surveys.entry.err.${e}`);
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      focusAt(indexOf(first));
      return null;
    }
    if (Object.keys(r.answers).length === 0) {
      setFormError(t('surveys.entry.empty'));
      focusAt(0);
      return null;
    }
    return {
      id: formId,
      channel,
      language,
      answers: r.answers,
      status: partial ? 'partial' : 'complete',
      ...(customer ? { customerId: customer.c.id } : {}),
      ...(unitId ? { orgUnitId: unitId } : {}),
      ...(respondedOn ? { respondedAt: new Date(`${respondedOn}T12:00:00`).toISOString() } : {}),
    };
  };

  const showServerError = (e: unknown) => {
    const ef = errorField(e);
    const id = fieldOfError(fields, ef?.field);
    const msg = e instanceof ApiError ? e.message : t('surveys.entry.failed');
    if (id) {
      setErrors({ [id]: `${msg}${ef?.reason ? ` (${ef.reason})` : ''}` });
      focusAt(indexOf(id));
    } else setFormError(msg);
  };

  const save = () => {
    const entry = collect();
    if (!entry) return;
    if (batchMode) {
      setQueue((q) => [...q, { entry, values, customer }]);
      reset();
      return;
    }
    const who = customer?.c.name ?? '';
    m.one.mutate(entry, {
      onSuccess: (r) => {
        setSaved((s) => [{ id: r.id, at: time(new Date(), lang), channel, customer: who }, ...s]);
        notifyOk(t('surveys.entry.savedOne'));
        reset();
      },
      onError: showServerError,
    });
  };

  const sendBatch = () => {
    const items = queue.map((q) => q.entry);
    m.batch.mutate(items, {
      onSuccess: (r) => {
        const failed = new Map(r.results.filter((x) => !x.ok).map((x) => [x.index, x]));
        const at = time(new Date(), lang);
        setSaved((s) => [
          ...r.results
            .filter((x) => x.ok)
            .map((x) => ({
              id: x.id,
              at,
              channel: queue[x.index]?.entry.channel ?? channel,
              customer: queue[x.index]?.customer?.c.name ?? '',
            })),
          ...s,
        ]);
        setQueue(
          queue
            .map((q, i): TQueued | null => {
              const f = failed.get(i);
              if (!f) return null;
              const field =
                typeof f.error?.details.field === 'string' ? ` · ${f.error.details.field}` : '';
              return { ...q, error: `${f.error?.message ?? f.error?.code ?? ''}${field}` };
            })
            .filter((x): x is TQueued => x !== null),
        );
        notifyOk(t('surveys.entry.batchResult', { accepted: r.accepted, rejected: r.rejected }));
      },
      onError: notifyError,
    });
  };

  const onKeyDown = (f: TEntryField) => (e: React.KeyboardEvent<HTMLInputElement>) => {
    const i = indexOf(f.id);
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (i === fields.length - 1 && e.key === 'Enter') save();
      else focusAt(i + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(i - 1);
    }
  };

  const channelData = STAFF_CHANNELS.map((c) => ({ value: c, label: t(`surveys.channels.${c}`) }));
  let lastQ = '';
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" radius="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="entry-channel">
              {t('surveys.entry.channel')}
            </Text>
            <SegmentedControl
              aria-labelledby="entry-channel"
              data={channelData}
              value={channel}
              onChange={(v) => setChannel(STAFF_CHANNELS.find((c) => c === v) ?? 'phone')}
            />
          </Stack>
          <Select
            label={t('surveys.entry.language')}
            data={definition.languages.map((l) => ({
              value: l,
              label: l === 'es' ? 'Español' : 'English',
            }))}
            value={language}
            allowDeselect={false}
            w={170}
            onChange={(v) => setLanguage(v === 'en' ? 'en' : 'es')}
          />
          <UnitSelect
            label={t('surveys.entry.unit')}
            includeAll
            value={unitId}
            w={220}
            onChange={(v) => setUnitId(v ?? '')}
          />
          <DayInput
            label={t('surveys.entry.respondedOn')}
            value={respondedOn}
            w={170}
            onChange={setRespondedOn}
          />
          <Switch
            label={t('surveys.entry.batchMode')}
            checked={batchMode}
            onChange={(e) => setBatchMode(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {t('surveys.entry.keysHelp')} <Kbd>Enter</Kbd> <Kbd>↓</Kbd> <Kbd>↑</Kbd> · <Kbd>Ctrl</Kbd>
          +<Kbd>Enter</Kbd> {t('surveys.entry.keysSave')}
        </Text>
      </Paper>

      <Paper withBorder p="sm" radius="md">
        {customer ? (
          <Group justify="space-between" wrap="wrap" gap="xs" role="status">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm">
                {t('surveys.entry.customerAttached')}{' '}
                <Text span fw={600}>
                  {customer.c.name}
                </Text>
              </Text>
              <Text size="xs" c="dimmed">
                {[customer.c.externalId, customer.c.email, customer.c.phone]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <ContactBadges c={customer.c} fatigueDays={customer.fatigueDays} />
            </Stack>
            <Button variant="default" size="xs" onClick={() => setCustomer(null)}>
              {t('surveys.entry.detach')}
            </Button>
          </Group>
        ) : (
          <CustomerSearch
            surveyId={survey.id}
            label={t('surveys.entry.customer')}
            actionLabel={t('surveys.entry.attach')}
            onPick={(c, fatigueDays) => {
              setCustomer({ c, fatigueDays });
              requestAnimationFrame(() => focusAt(0));
            }}
          />
        )}
      </Paper>

      <Paper withBorder p="md" radius="md">
        <form
          aria-label={t('surveys.entry.formLabel')}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack gap={6}>
            <Group justify="space-between">
              <Title order={2} size="h4">
                {t('surveys.entry.form', { n: saved.length + queue.length + 1 })}
              </Title>
              <Badge variant="light">{t(`surveys.channels.${channel}`)}</Badge>
            </Group>
            {formError ? (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            ) : null}
            {fields.map((f, i) => {
              const header = f.q !== lastQ;
              lastQ = f.q;
              const q = definition.pages[f.page]?.questions.find((x) => x.key === f.q);
              const multi = fields.filter((x) => x.q === f.q).length > 1;
              const inputId = `entry-${f.id.replace(/\./g, '-')}`;
              const wide = f.kind === 'text' || f.kind === 'multi' || f.kind === 'date';
              return (
                <Fragment key={f.id}>
                  {header && multi && q ? (
                    <Text fw={600} size="sm" mt="xs">
                      {q.title[lang] ?? q.title.es ?? q.title.en}
                    </Text>
                  ) : null}
                  <div style={rowStyle(wide)}>
                    <TextInput
                      id={inputId}
                      ref={(el) => {
                        refs.current[f.id] = el;
                      }}
                      value={values[f.id] ?? ''}
                      inputMode={f.kind === 'int' || f.kind === 'choice' ? 'numeric' : undefined}
                      type={f.kind === 'date' ? 'date' : 'text'}
                      autoComplete="off"
                      w={wide ? '100%' : 64}
                      style={{ order: wide ? 2 : 0, flexShrink: 0 }}
                      error={errors[f.id]}
                      aria-describedby={`${inputId}-hint`}
                      onKeyDown={onKeyDown(f)}
                      onChange={(e) => {
                        const val = e.currentTarget.value;
                        setValues((s) => ({ ...s, [f.id]: val }));
                        const bad = checkField(f, val);
                        if (bad === 'range' || bad === 'option')
                          setErrors((x) => ({ ...x, [f.id]: t(`surveys.entry.err.${bad}`) }));
                        else if (errors[f.id]) setErrors(({ [f.id]: _x, ...rest }) => rest);
                        if (!bad && isComplete(f, val)) focusAt(i + 1);
                      }}
                    />
                    <label
                      htmlFor={inputId}
                      style={{ flex: 1, minWidth: 0, paddingTop: wide ? 0 : 6 }}
                    >
                      <Text span size="sm" fw={600} mr={6}>
                        {f.code}
                      </Text>
                      <Text span size="sm">
                        {f.text}
                        {f.required ? ' *' : ''}
                      </Text>
                      <Text span size="xs" c="dimmed" ml={6} id={`${inputId}-hint`}>
                        {hint(f, t)}
                      </Text>
                    </label>
                  </div>
                </Fragment>
              );
            })}
            <Checkbox
              mt="xs"
              label={t('surveys.entry.partial')}
              checked={partial}
              onChange={(e) => setPartial(e.currentTarget.checked)}
            />
            <Group mt="sm" gap="xs">
              <Button type="submit" loading={m.one.isPending}>
                {batchMode ? t('surveys.entry.addToBatch') : t('surveys.entry.save')}
              </Button>
              <Button variant="default" onClick={reset}>
                {t('surveys.entry.clear')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      {queue.length > 0 ? (
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('surveys.entry.queue', { n: queue.length })}
            </Title>
            <Button onClick={sendBatch} loading={m.batch.isPending}>
              {t('surveys.entry.sendBatch', { n: queue.length })}
            </Button>
          </Group>
          <Stack gap={4}>
            {queue.map((q, i) => (
              <Group key={q.entry.id} gap="xs" justify="space-between" wrap="nowrap">
                <Text size="sm" c={q.error ? 'red' : undefined} style={{ minWidth: 0 }}>
                  {i + 1}. {t(`surveys.channels.${q.entry.channel}`)} ·{' '}
                  {q.customer ? `${q.customer.c.name} · ` : ''}
                  {Object.keys(q.entry.answers).length} {t('surveys.entry.answers')}
                  {q.error ? ` — ${q.error}` : ''}
                </Text>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => {
                    setValues(q.values);
                    setFormId(q.entry.id);
                    setCustomer(q.customer ?? null);
                    setQueue(queue.filter((_, j) => j !== i));
                    requestAnimationFrame(() => focusAt(0));
                  }}
                >
                  {t('surveys.entry.correct')}
                </Button>
              </Group>
            ))}
          </Stack>
        </Paper>
      ) : null}

      {saved.length > 0 ? (
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">
            {t('surveys.entry.savedList', { n: saved.length })}
          </Title>
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {saved.slice(0, 20).map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.at}</Table.Td>
                    <Table.Td>{t(`surveys.channels.${s.channel}`)}</Table.Td>
                    <Table.Td>{s.customer ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {s.id.slice(0, 8)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ) : null}
    </Stack>
  );
}

const rowStyle = (wide: boolean): React.CSSProperties =>
  wide
    ? { display: 'flex', flexDirection: 'column', gap: 4 }
    : { display: 'flex', gap: 10, alignItems: 'flex-start' };

function hint(f: TEntryField, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (f.scale === 'kano')
    return [1, 2, 3, 4, 5].map((n) => `${n} ${t(`surveys.kano.${n}`)}`).join(' · ');
  if (f.kind === 'int') return `${f.min}–${f.max}`;
  if (f.kind === 'choice' || f.kind === 'multi')
    return (f.options ?? []).map((o) => `${o.n} ${o.label}`).join(' · ');
  if (f.kind === 'number') return t('surveys.entry.numberHint');
  return '';
}
