// Survey builder: survey texts and languages, pages, questions (QuestionEditor), display logic,
// preview of the unsaved draft, save draft, export/replace as JSON. Publishing is in the header.
import type { TPage, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import {
  Accordion,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { useSurveyMutations } from './api';
import { definitionOf, earlierKeys, freshKey, move, newQuestion, toKey } from './builder';
import { LocalText, LogicEditor, MoveButtons } from './fields';
import { QuestionEditor } from './QuestionEditor';
import { useSurveyOutlet } from './SurveyLayout';
import { errorField } from './status';

const Preview = lazy(() => import('./Preview'));
const AUDIENCES = ['customer', 'internal', 'manager', 'employee'] as const;

export default function BuilderPage() {
  const { t, i18n } = useTranslation();
  const { survey, setDirty } = useSurveyOutlet();
  const { user } = useSession();
  const writer = canWrite(user);
  const m = useSurveyMutations(survey.id);
  const [draft, setDraft] = useState<TSurveyDefinition>(survey.definition);
  const [open, setOpen] = useState<string[]>([]);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<{ field: string; reason: string } | null>(null);
  const saved = useMemo(() => JSON.stringify(survey.definition), [survey.definition]);
  const dirty = JSON.stringify(draft) !== saved;
  const lang = i18n.language === 'en' ? 'en' : 'es';

  useEffect(() => setDirty(dirty), [dirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);

  const save = () =>
    m.saveDefinition.mutate(draft, {
      onSuccess: (s) => {
        setError(null);
        setDraft(s.definition);
        notifyOk(t('surveys.builder.saved'));
      },
      onError: (e) => {
        setError(errorField(e));
        notifyError(e);
      },
    });

  const setPage = (pi: number, page: TPage) =>
    setDraft((d) => ({ ...d, pages: d.pages.map((p, j) => (j === pi ? page : p)) }));
  const setQuestion = (pi: number, qi: number, q: TQuestion) =>
    setDraft((d) => ({
      ...d,
      pages: d.pages.map((p, j) =>
        j === pi ? { ...p, questions: p.questions.map((x, k) => (k === qi ? q : x)) } : p,
      ),
    }));
  const addQuestion = (pi: number) => {
    const key = freshKey(draft);
    const page = draft.pages[pi];
    if (!page) return;
    setPage(pi, { ...page, questions: [...page.questions, newQuestion('rating', key)] });
    setOpen((o) => [...o, key]);
  };
  const addPage = () => {
    const key = freshKey(draft, 'page');
    const q = newQuestion('rating', freshKey(draft));
    setDraft((d) => ({
      ...d,
      pages: [...d.pages, { key, randomizeQuestions: false, questions: [q] }],
    }));
    setOpen((o) => [...o, q.key]);
  };
  const replaceFromFile = async (file: File | null) => {
    if (!file) return;
    try {
      const def = definitionOf(JSON.parse(await file.text()));
      if (!def) throw new Error('not a survey');
      setDraft(def);
      notifyOk(t('surveys.builder.replaced'));
    } catch {
      setError({ field: file.name, reason: t('surveys.list.importInvalid') });
    }
  };

  const qCount = draft.pages.reduce((n, p) => n + p.questions.length, 0);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed">
          {t('surveys.builder.summary', { pages: draft.pages.length, questions: qCount })}
          {dirty ? ` · ${t('surveys.builder.unsaved')}` : ''}
        </Text>
        <Group gap="xs">
          {writer ? (
            <>
              <Button onClick={save} disabled={!dirty} loading={m.saveDefinition.isPending}>
                {t('surveys.builder.save')}
              </Button>
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setDraft(survey.definition);
                  setError(null);
                }}
              >
                {t('surveys.builder.discard')}
              </Button>
            </>
          ) : null}
          <Button variant="default" onClick={() => setPreviewing(true)}>
            {t('surveys.builder.preview')}
          </Button>
          {survey.publishedVersion ? (
            <Button variant="default" component="a" href={survey.publicPath} target="_blank">
              {t('surveys.builder.openRespondent')}
            </Button>
          ) : null}
          <Button
            variant="default"
            onClick={() =>
              void download(`/api/surveys/${survey.id}/export.json`, 'survey.json').catch(
                notifyError,
              )
            }
          >
            {t('surveys.builder.exportJson')}
          </Button>
          {writer ? (
            <FileButton onChange={(f) => void replaceFromFile(f)} accept="application/json,.json">
              {(props) => (
                <Button variant="default" {...props}>
                  {t('surveys.builder.replaceJson')}
                </Button>
              )}
            </FileButton>
          ) : null}
        </Group>
      </Group>
      {error ? (
        <Alert
          color="red"
          title={t('surveys.builder.invalid')}
          withCloseButton
          onClose={() => setError(null)}
        >
          <code>{error.field}</code> {error.reason}
        </Alert>
      ) : null}

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('surveys.builder.surveyTexts')}
        </Title>
        <Stack gap="sm">
          <LocalText
            label={t('surveys.builder.surveyTitle')}
            value={draft.title}
            required
            onChange={(v) => setDraft({ ...draft, title: v ?? { es: '' } })}
          />
          <LocalText
            label={t('surveys.builder.intro')}
            value={draft.intro}
            onChange={(v) => setDraft({ ...draft, intro: v })}
          />
          <Group gap="sm" align="flex-end" wrap="wrap">
            <MultiSelect
              label={t('surveys.builder.languages')}
              data={[
                { value: 'es', label: 'Español' },
                { value: 'en', label: 'English' },
              ]}
              value={draft.languages}
              w={240}
              onChange={(v) => {
                const languages = v.filter((x): x is 'es' | 'en' => x === 'es' || x === 'en');
                if (languages.length)
                  setDraft({
                    ...draft,
                    languages,
                    defaultLanguage: languages.includes(draft.defaultLanguage)
                      ? draft.defaultLanguage
                      : (languages[0] ?? 'es'),
                  });
              }}
            />
            <Select
              label={t('surveys.builder.defaultLanguage')}
              data={draft.languages}
              value={draft.defaultLanguage}
              allowDeselect={false}
              w={160}
              onChange={(v) => setDraft({ ...draft, defaultLanguage: v === 'en' ? 'en' : 'es' })}
            />
            <Select
              label={t('surveys.builder.audience')}
              data={AUDIENCES.map((a) => ({ value: a, label: t(`surveys.audience.${a}`) }))}
              value={draft.audience}
              allowDeselect={false}
              w={220}
              onChange={(v) =>
                setDraft({ ...draft, audience: AUDIENCES.find((a) => a === v) ?? 'customer' })
              }
            />
            <Switch
              label={t('surveys.builder.showProgress')}
              checked={draft.showProgress}
              onChange={(e) => setDraft({ ...draft, showProgress: e.currentTarget.checked })}
              mb={8}
            />
          </Group>
          <LocalText
            label={t('surveys.builder.thankYou')}
            value={draft.thankYou.message}
            onChange={(v) => setDraft({ ...draft, thankYou: { ...draft.thankYou, message: v } })}
          />
          <TextInput
            label={t('surveys.builder.redirect')}
            type="url"
            placeholder="https://"
            value={draft.thankYou.redirectUrl ?? ''}
            maw={520}
            onChange={(e) =>
              setDraft({
                ...draft,
                thankYou: {
                  ...draft.thankYou,
                  redirectUrl: e.currentTarget.value.trim() || undefined,
                },
              })
            }
          />
        </Stack>
      </Paper>

      {draft.pages.map((page, pi) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: keys are edited in place; position is identity
        <Paper key={pi} withBorder p="md" radius="md">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
              <Group gap="xs" align="flex-end">
                <Title order={2} size="h4">
                  {t('surveys.builder.page', { n: pi + 1 })}
                </Title>
                <TextInput
                  label={t('surveys.builder.pageKey')}
                  value={page.key}
                  w={150}
                  size="xs"
                  onChange={(e) => setPage(pi, { ...page, key: toKey(e.currentTarget.value) })}
                />
              </Group>
              <MoveButtons
                index={pi}
                count={draft.pages.length}
                name={page.key}
                onMove={(d) => setDraft({ ...draft, pages: move(draft.pages, pi, d) })}
                onRemove={
                  draft.pages.length > 1
                    ? () => setDraft({ ...draft, pages: draft.pages.filter((_, j) => j !== pi) })
                    : undefined
                }
              />
            </Group>
            <LocalText
              label={t('surveys.builder.pageTitle')}
              value={page.title}
              onChange={(v) => setPage(pi, { ...page, title: v })}
            />
            <Group gap="md">
              <Switch
                label={t('surveys.builder.randomizeQuestions')}
                checked={page.randomizeQuestions}
                onChange={(e) =>
                  setPage(pi, { ...page, randomizeQuestions: e.currentTarget.checked })
                }
              />
            </Group>
            <LogicEditor
              value={page.displayIf}
              keys={earlierKeys(draft, page.questions[0]?.key ?? null)}
              onChange={(displayIf) => setPage(pi, { ...page, displayIf })}
            />
            <Accordion multiple value={open} onChange={setOpen} variant="separated">
              {page.questions.map((q, qi) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: keys are edited in place; position is identity
                <Accordion.Item key={qi} value={q.key}>
                  <Accordion.Control>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                        {q.key}
                      </Badge>
                      <Text size="sm" lineClamp={1}>
                        {q.title[lang] ?? q.title.es ?? q.title.en}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} visibleFrom="sm">
                        {t(`surveys.qtypes.${q.type}`)}
                        {q.tag ? ` · ${q.tag}` : ''}
                        {q.required ? ` · ${t('surveys.builder.required')}` : ''}
                        {q.displayIf ? ` · ${t('surveys.builder.conditional')}` : ''}
                      </Text>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap="sm">
                      <Group justify="flex-end" gap="xs">
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => {
                            const copy = { ...q, key: freshKey(draft, q.key) } as TQuestion;
                            setPage(pi, {
                              ...page,
                              questions: [
                                ...page.questions.slice(0, qi + 1),
                                copy,
                                ...page.questions.slice(qi + 1),
                              ],
                            });
                          }}
                        >
                          {t('surveys.builder.duplicate')}
                        </Button>
                        <MoveButtons
                          index={qi}
                          count={page.questions.length}
                          name={q.key}
                          onMove={(d) =>
                            setPage(pi, { ...page, questions: move(page.questions, qi, d) })
                          }
                          onRemove={
                            page.questions.length > 1
                              ? () =>
                                  setPage(pi, {
                                    ...page,
                                    questions: page.questions.filter((_, k) => k !== qi),
                                  })
                              : undefined
                          }
                        />
                      </Group>
                      <QuestionEditor
                        q={q}
                        earlier={earlierKeys(draft, q.key)}
                        onChange={(nq) => {
                          if (nq.key !== q.key)
                            setOpen((o) => o.map((k) => (k === q.key ? nq.key : k)));
                          setQuestion(pi, qi, nq);
                        }}
                      />
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
            <Group>
              <Button variant="light" onClick={() => addQuestion(pi)}>
                {t('surveys.builder.addQuestion')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button variant="default" onClick={addPage}>
          {t('surveys.builder.addPage')}
        </Button>
      </Group>

      <Modal
        opened={previewing}
        onClose={() => setPreviewing(false)}
        title={t('surveys.builder.preview')}
        size="lg"
        fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}
      >
        <Suspense fallback={<PageLoader />}>
          {previewing ? <Preview definition={draft} lang={lang} /> : null}
        </Suspense>
      </Modal>
    </Stack>
  );
}
