// The staff entry page's parts (EntryPage.tsx holds the state and the keyboard rules): the
// session settings, the attached customer, one row per field (question and item wording in the
// UI language with the scale's labels, never internal keys), the paper-form queue and the forms
// saved in this session.
import type { TSurveyDefinition } from '@fidelia/contracts';
import {
  Badge,
  Button,
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
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../ui/DateField';
import { UnitSelect } from '../../ui/UnitSelect';
import type { TSurveyCustomer } from './api';
import { STAFF_CHANNELS } from './builder';
import { ContactBadges, CustomerSearch } from './CustomerSearch';
import type { TEntryField } from './entry';

export type TChannel = (typeof STAFF_CHANNELS)[number];
export interface TAttached {
  c: TSurveyCustomer;
  fatigueDays: number;
}

export function EntrySettings(p: {
  definition: TSurveyDefinition;
  channel: TChannel;
  onChannel: (c: TChannel) => void;
  language: 'es' | 'en';
  onLanguage: (l: 'es' | 'en') => void;
  unitId: string;
  onUnit: (u: string) => void;
  respondedOn: string;
  onRespondedOn: (d: string) => void;
  batchMode: boolean;
  onBatchMode: (b: boolean) => void;
}) {
  const { t } = useTranslation();
  const channelData = STAFF_CHANNELS.map((c) => ({ value: c, label: t(`surveys.channels.${c}`) }));
  return (
    <Paper withBorder p="sm" radius="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="entry-channel">
            {t('surveys.entry.channel')}
          </Text>
          <SegmentedControl
            aria-labelledby="entry-channel"
            data={channelData}
            value={p.channel}
            onChange={(v) => p.onChannel(STAFF_CHANNELS.find((c) => c === v) ?? 'phone')}
          />
        </Stack>
        <Select
          label={t('surveys.entry.language')}
          data={p.definition.languages.map((l) => ({
            value: l,
            label: l === 'es' ? 'Español' : 'English',
          }))}
          value={p.language}
          allowDeselect={false}
          w={170}
          onChange={(v) => p.onLanguage(v === 'en' ? 'en' : 'es')}
        />
        <UnitSelect
          label={t('surveys.entry.unit')}
          includeAll
          value={p.unitId}
          w={220}
          onChange={(v) => p.onUnit(v ?? '')}
        />
        <DayInput
          label={t('surveys.entry.respondedOn')}
          value={p.respondedOn}
          w={170}
          onChange={p.onRespondedOn}
        />
        <Switch
          label={t('surveys.entry.batchMode')}
          checked={p.batchMode}
          onChange={(e) => p.onBatchMode(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('surveys.entry.keysHelp')} <Kbd>Enter</Kbd> <Kbd>↓</Kbd> <Kbd>↑</Kbd> · <Kbd>Ctrl</Kbd>+
        <Kbd>Enter</Kbd> {t('surveys.entry.keysSave')}
      </Text>
    </Paper>
  );
}

export function AttachCustomer(p: {
  surveyId: string;
  customer: TAttached | null;
  onChange: (c: TAttached | null) => void;
}) {
  const { t } = useTranslation();
  const c = p.customer;
  return (
    <Paper withBorder p="sm" radius="md">
      {c ? (
        <Group justify="space-between" wrap="wrap" gap="xs" role="status">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm">
              {t('surveys.entry.customerAttached')}{' '}
              <Text span fw={600}>
                {c.c.name}
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              {[c.c.externalId, c.c.email, c.c.phone].filter(Boolean).join(' · ')}
            </Text>
            <ContactBadges c={c.c} fatigueDays={c.fatigueDays} />
          </Stack>
          <Button variant="default" size="xs" onClick={() => p.onChange(null)}>
            {t('surveys.entry.detach')}
          </Button>
        </Group>
      ) : (
        <CustomerSearch
          surveyId={p.surveyId}
          label={t('surveys.entry.customer')}
          actionLabel={t('surveys.entry.attach')}
          onPick={(cu, fatigueDays) => p.onChange({ c: cu, fatigueDays })}
        />
      )}
    </Paper>
  );
}

/** What to type: the scale with its end labels, the options by number, or the kind of value. */
export function hint(f: TEntryField, t: TFunction): string {
  if (f.scale === 'kano')
    return [1, 2, 3, 4, 5].map((n) => `${n} ${t(`surveys.kano.${n}`)}`).join(' · ');
  if (f.kind === 'int') {
    if (f.low || f.high)
      return `${f.min} ${f.low ?? ''} … ${f.max} ${f.high ?? ''}`.replace(/\s+/g, ' ').trim();
    return `${f.min}–${f.max}`;
  }
  if (f.kind === 'choice' || f.kind === 'multi')
    return (f.options ?? []).map((o) => `${o.n} ${o.label}`).join(' · ');
  if (f.kind === 'number') return t('surveys.entry.numberHint');
  return '';
}

/** One field: the input (narrow for digits) beside its wording and what to type. */
export function EntryFieldRow(p: {
  f: TEntryField;
  n: number;
  value: string;
  error: string | undefined;
  inputRef: (el: HTMLInputElement | null) => void;
  onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => void;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const { f } = p;
  const inputId = `entry-${f.id.replace(/\./g, '-')}`;
  const wide = f.kind === 'text' || f.kind === 'multi' || f.kind === 'date';
  // A contact question's fields share its title; the detail (name, e-mail, phone) tells them apart.
  const text = f.sub ? `${f.text} — ${t(`surveys.entry.contact.${f.sub}`)}` : f.text;
  return (
    <div
      style={
        wide
          ? { display: 'flex', flexDirection: 'column', gap: 4 }
          : { display: 'flex', gap: 10, alignItems: 'flex-start' }
      }
    >
      <TextInput
        id={inputId}
        ref={p.inputRef}
        value={p.value}
        inputMode={f.kind === 'int' || f.kind === 'choice' ? 'numeric' : undefined}
        type={f.kind === 'date' ? 'date' : 'text'}
        autoComplete="off"
        w={wide ? '100%' : 64}
        style={{ order: wide ? 2 : 0, flexShrink: 0 }}
        error={p.error}
        aria-describedby={`${inputId}-hint`}
        onKeyDown={p.onKeyDown}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      />
      <label htmlFor={inputId} style={{ flex: 1, minWidth: 0, paddingTop: wide ? 0 : 6 }}>
        <Text span size="sm" c="dimmed" mr={6}>
          {p.n}.
        </Text>
        <Text span size="sm">
          {text}
          {f.required ? ' *' : ''}
        </Text>
        <Text span size="xs" c="dimmed" ml={6} id={`${inputId}-hint`} style={{ display: 'block' }}>
          {hint(f, t)}
        </Text>
      </label>
    </div>
  );
}

/** The fields in survey order, a question's title above its items when it has several. */
export function EntryFields(p: {
  definition: TSurveyDefinition;
  fields: TEntryField[];
  lang: 'es' | 'en';
  row: (f: TEntryField, i: number) => React.ReactNode;
}) {
  const counts = new Map<string, number>();
  for (const f of p.fields) counts.set(f.q, (counts.get(f.q) ?? 0) + 1);
  return (
    <>
      {p.fields.map((f, i) => {
        const header = i === 0 || p.fields[i - 1]?.q !== f.q;
        const q = p.definition.pages[f.page]?.questions.find((x) => x.key === f.q);
        const multi = (counts.get(f.q) ?? 0) > 1 && !f.sub;
        return (
          <Fragment key={f.id}>
            {header && multi && q ? (
              <Text fw={600} size="sm" mt="xs">
                {q.title[p.lang] ?? q.title.es ?? q.title.en}
              </Text>
            ) : null}
            {p.row(f, i)}
          </Fragment>
        );
      })}
    </>
  );
}

export interface TQueuedView {
  id: string;
  channel: TChannel;
  customer: string;
  answers: number;
  error?: string | undefined;
}

export function BatchQueue(p: {
  items: TQueuedView[];
  sending: boolean;
  onSend: () => void;
  onCorrect: (i: number) => void;
}) {
  const { t } = useTranslation();
  if (p.items.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('surveys.entry.queue', { n: p.items.length })}
        </Title>
        <Button onClick={p.onSend} loading={p.sending}>
          {t('surveys.entry.sendBatch', { n: p.items.length })}
        </Button>
      </Group>
      <Stack gap={4}>
        {p.items.map((q, i) => (
          <Group key={q.id} gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" c={q.error ? 'red' : undefined} style={{ minWidth: 0 }}>
              {i + 1}. {t(`surveys.channels.${q.channel}`)} · {q.customer ? `${q.customer} · ` : ''}
              {q.answers} {t('surveys.entry.answers')}
              {q.error ? ` — ${q.error}` : ''}
            </Text>
            <Button size="xs" variant="subtle" onClick={() => p.onCorrect(i)}>
              {t('surveys.entry.correct')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export interface TSaved {
  id: string;
  at: string;
  channel: TChannel;
  customer?: string;
}

/** The forms saved in this session, newest first, numbered as they were keyed in. */
export function SavedList({ saved }: { saved: TSaved[] }) {
  const { t } = useTranslation();
  if (saved.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {t('surveys.entry.savedList', { n: saved.length })}
      </Title>
      <Table.ScrollContainer minWidth={300}>
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {saved.slice(0, 20).map((s, i) => (
              <Table.Tr key={s.id}>
                <Table.Td>{t('surveys.entry.form', { n: saved.length - i })}</Table.Td>
                <Table.Td>{s.at}</Table.Td>
                <Table.Td>{t(`surveys.channels.${s.channel}`)}</Table.Td>
                <Table.Td>{s.customer ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

export function FormHeader({ n, channel }: { n: number; channel: TChannel }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Title order={2} size="h4">
        {t('surveys.entry.form', { n })}
      </Title>
      <Badge variant="light">{t(`surveys.channels.${channel}`)}</Badge>
    </Group>
  );
}
