// The staff entry form's state and rules (EntryPage.tsx renders them): the field values and
// their errors, the keyboard moves between fields, saving one form or queueing it in batch mode
// (kept in localStorage, so paper forms survive a reload), sending the queue and taking a
// rejected form back to correct it, with the server's reasons mapped onto the fields.
import type { TStaffEntry, TSurveyDefinition } from '@fidelia/contracts';
import { useLocalStorage } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { time } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { useStaffEntry } from './api';
import type { TAttached, TChannel, TSaved } from './EntryParts';
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

export interface TQueued {
  entry: TStaffEntry;
  values: Record<string, string>;
  customer?: TAttached | null;
  error?: string;
}

export function useEntryForm(definition: TSurveyDefinition) {
  const { t, i18n } = useTranslation();
  const { survey } = useSurveyOutlet();
  const lang: 'es' | 'en' = i18n.language === 'en' ? 'en' : 'es';
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

  return {
    survey,
    lang,
    fields,
    m,
    channel,
    setChannel,
    language,
    setLanguage,
    unitId,
    setUnitId,
    respondedOn,
    setRespondedOn,
    batchMode,
    setBatchMode,
    partial,
    setPartial,
    queue,
    values,
    errors,
    formError,
    saved,
    customer,
    setCustomer,
    refs,
    focusAt,
    reset,
    save,
    sendBatch,
    onKeyDown,
    onChange,
    correct,
  };
}
