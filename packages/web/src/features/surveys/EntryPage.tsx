// Staff data entry for phone, postal and in-person surveys. Keyboard first: digits move to the
// next field when the value is complete, Enter/↓ next, ↑ previous, Ctrl+Enter saves and opens
// the next form. Batch mode keeps paper forms in a local queue (survives a reload) and sends
// them together; rejected forms stay in the queue with the server's reason, to correct.
// A form can be attached to a registry customer found by name / e-mail / external id (the
// server refuses customers without survey consent; recent contacts are flagged).
// This file holds the state and the keyboard rules; the parts on screen are in EntryParts.tsx.
import type { TStaffEntry, TSurveyDefinition } from '@fidelia/contracts';
import { Alert, Button, Checkbox, Group, Paper, Stack } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { time } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { useStaffEntry, useVersion } from './api';
import {
  AttachCustomer,
  BatchQueue,
  EntryFieldRow,
  EntryFields,
  EntrySettings,
  FormHeader,
  SavedList,
  type TAttached,
  type TChannel,
  type TSaved,
} from './EntryParts';
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

interface TQueued {
  entry: TStaffEntry;
  values: Record<string, string>;
  customer?: TAttached | null;
  error?: string;
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
  const [saved, setSaved] = useState<TSaved[]>([]);
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

  const onChange = (f: TEntryField, i: number) => (val: string) => {
    setValues((s) => ({ ...s, [f.id]: val }));
    const bad = checkField(f, val);
    if (bad === 'range' || bad === 'option')
      setErrors((x) => ({ ...x, [f.id]: t(`surveys.entry.err.${bad}`) }));
    else if (errors[f.id]) setErrors(({ [f.id]: _x, ...rest }) => rest);
    if (!bad && isComplete(f, val)) focusAt(i + 1);
  };

  const correct = (i: number) => {
    const q = queue[i];
    if (!q) return;
    setValues(q.values);
    setFormId(q.entry.id);
    setCustomer(q.customer ?? null);
    setQueue(queue.filter((_, j) => j !== i));
    requestAnimationFrame(() => focusAt(0));
  };

  return (
    <Stack gap="md">
      <EntrySettings
        definition={definition}
        channel={channel}
        onChannel={setChannel}
        language={language}
        onLanguage={setLanguage}
        unitId={unitId}
        onUnit={setUnitId}
        respondedOn={respondedOn}
        onRespondedOn={setRespondedOn}
        batchMode={batchMode}
        onBatchMode={setBatchMode}
      />
      <AttachCustomer
        surveyId={survey.id}
        customer={customer}
        onChange={(c) => {
          setCustomer(c);
          if (c) requestAnimationFrame(() => focusAt(0));
        }}
      />
      <Paper withBorder p="md" radius="md">
        <form
          aria-label={t('surveys.entry.formLabel')}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack gap={6}>
            <FormHeader n={saved.length + queue.length + 1} channel={channel} />
            {formError ? (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            ) : null}
            <EntryFields
              definition={definition}
              fields={fields}
              lang={lang}
              row={(f, i) => (
                <EntryFieldRow
                  f={f}
                  n={i + 1}
                  value={values[f.id] ?? ''}
                  error={errors[f.id]}
                  inputRef={(el) => {
                    refs.current[f.id] = el;
                  }}
                  onKeyDown={onKeyDown(f)}
                  onChange={onChange(f, i)}
                />
              )}
            />
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
      <BatchQueue
        items={queue.map((q) => ({
          id: q.entry.id,
          channel: q.entry.channel as TChannel,
          customer: q.customer?.c.name ?? '',
          answers: Object.keys(q.entry.answers).length,
          error: q.error,
        }))}
        sending={m.batch.isPending}
        onSend={sendBatch}
        onCorrect={correct}
      />
      <SavedList saved={saved} />
    </Stack>
  );
}
