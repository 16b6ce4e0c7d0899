// Staff data entry for phone, postal and in-person surveys. Keyboard first: digits move to the
// next field when the value is complete, Enter/↓ next, ↑ previous, Ctrl+Enter saves and opens
// the next form. Batch mode keeps paper forms in a local queue (survives a reload) and sends
// them together; rejected forms stay in the queue with the server's reason, to correct.
// A form can be attached to a registry customer found by name / e-mail / external id (the
// server refuses customers without survey consent; recent contacts are flagged).
// The state and the keyboard rules are in useEntryForm.ts; the parts on screen in EntryParts.tsx.
import type { TSurveyDefinition } from '@fidelia/contracts';
import { Alert, Button, Checkbox, Group, Paper, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../ui/PageLoader';
import { useVersion } from './api';
import {
  AttachCustomer,
  BatchQueue,
  EntryFieldRow,
  EntryFields,
  EntrySettings,
  FormHeader,
  SavedList,
  type TChannel,
} from './EntryParts';
import { useSurveyOutlet } from './SurveyLayout';
import { useEntryForm } from './useEntryForm';

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
  const { t } = useTranslation();
  const {
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
  } = useEntryForm(definition);

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
