// The phone-first visit form (mystery shoppers and auditors). Answers live on the device
// (draft.ts) until the server has them; "Enviar" queues the visit and the outbox sends it as soon
// as there is a connection (photos first, then the answers; every call idempotent).
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { uuid } from '../../api/uuid';
import { date, pct } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { type TVisitDetail, useVisit } from './api';
import {
  dropDraft,
  loadDraft,
  newDraft,
  primeOfflineCache,
  registerOfflineWorker,
  saveDraft,
  shrinkImage,
  type TDraft,
  type TValue,
} from './draft';

type TItem = TVisitDetail['items'][number];

function useOnline() {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

function ItemField({
  item,
  value,
  comment,
  onValue,
  onComment,
  onPhoto,
  photos,
}: {
  item: TItem;
  value: TValue;
  comment: string;
  onValue: (v: TValue) => void;
  onComment: (c: string) => void;
  onPhoto: (f: File | null) => void;
  photos: number;
}) {
  const { t } = useTranslation();
  const label = (
    <Group gap={6} wrap="wrap" component="span">
      <span>{item.label}</span>
      {item.critical && (
        <Badge color="red" size="xs" variant="light">
          {t('fieldwork.critical')}
        </Badge>
      )}
    </Group>
  );
  const na = value === 'na';
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        {item.type === 'yesno' && (
          <Radio.Group
            label={label}
            value={value === true ? 'yes' : value === false ? 'no' : na ? 'na' : ''}
            onChange={(v) => onValue(v === 'yes' ? true : v === 'no' ? false : 'na')}
          >
            <Group gap="md" mt={6}>
              <Radio value="yes" label={t('fieldwork.yes')} />
              <Radio value="no" label={t('fieldwork.no')} />
              <Radio value="na" label={t('fieldwork.na')} />
            </Group>
          </Radio.Group>
        )}
        {item.type === 'scale' && (
          <Radio.Group
            label={label}
            description={t('fieldwork.scaleHelp', { min: item.min, max: item.max })}
            value={typeof value === 'number' ? String(value) : na ? 'na' : ''}
            onChange={(v) => onValue(v === 'na' ? 'na' : Number(v))}
          >
            <Group gap="sm" mt={6}>
              {Array.from(
                { length: (item.max ?? 5) - (item.min ?? 1) + 1 },
                (_, i) => (item.min ?? 1) + i,
              ).map((n) => (
                <Radio key={n} value={String(n)} label={String(n)} />
              ))}
              <Radio value="na" label={t('fieldwork.na')} />
            </Group>
          </Radio.Group>
        )}
        {item.type === 'number' && (
          <>
            <NumberInput
              label={label}
              description={item.unit ? t('fieldwork.numberUnit', { unit: item.unit }) : undefined}
              disabled={na}
              value={typeof value === 'number' ? value : ''}
              onChange={(v) => onValue(typeof v === 'number' ? v : v === '' ? null : Number(v))}
              decimalSeparator={t('fieldwork.decimalSeparator')}
              inputMode="decimal"
            />
            <Checkbox
              label={t('fieldwork.na')}
              checked={na}
              onChange={(e) => onValue(e.currentTarget.checked ? 'na' : null)}
            />
          </>
        )}
        <Textarea
          label={t('fieldwork.comment')}
          autosize
          minRows={1}
          value={comment}
          onChange={(e) => onComment(e.currentTarget.value)}
        />
        {item.photo && (
          <FileInput
            label={t('fieldwork.evidencePhoto')}
            placeholder={
              photos > 0 ? t('fieldwork.photosN', { n: photos }) : t('fieldwork.takePhoto')
            }
            accept="image/*"
            capture="environment"
            clearable={false}
            value={null}
            onChange={onPhoto}
          />
        )}
      </Stack>
    </Paper>
  );
}

function Result({ v }: { v: TVisitDetail }) {
  const { t, i18n } = useTranslation();
  const failed = v.items.filter((it) => v.criticalFailed.includes(it.key));
  return (
    <Stack gap="sm">
      <Alert color="teal" title={t('fieldwork.sentTitle')}>
        {t('fieldwork.sentBody')}
      </Alert>
      <Paper withBorder p="md" radius="md">
        <Stack gap={4}>
          <Text>
            {t('fieldwork.score')}: <b>{pct(v.score, i18n.language)}</b>
          </Text>
          <Text>
            {t('fieldwork.finalScore')}: <b>{pct(v.finalScore, i18n.language)}</b>
          </Text>
          {failed.length > 0 && (
            <Alert color="red" title={t('fieldwork.criticalFailed')} mt="xs">
              {failed.map((it) => (
                <Text key={it.key} size="sm">
                  {it.label}
                </Text>
              ))}
            </Alert>
          )}
        </Stack>
      </Paper>
      <Button component={Link} to="/fieldwork/my" variant="light">
        {t('fieldwork.backToMine')}
      </Button>
    </Stack>
  );
}

export default function VisitFormPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const online = useOnline();
  const q = useVisit(id);
  const [draft, setDraft] = useState<TDraft>(() => loadDraft(id) ?? newDraft(id));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TVisitDetail | null>(null);
  const [storageFull, setStorageFull] = useState(false);
  const flushing = useRef(false);

  const update = useCallback((fn: (d: TDraft) => TDraft) => {
    setDraft((d) => {
      const next = fn(d);
      setStorageFull(!saveDraft(next));
      return next;
    });
  }, []);

  useEffect(() => {
    registerOfflineWorker();
  }, []);
  useEffect(() => {
    if (q.data) {
      update((d) => ({ ...d, visit: q.data }));
      void primeOfflineCache(['/api/auth/session', `/api/fieldwork/visits/${id}`]);
    }
  }, [q.data, id, update]);

  const visit = q.data ?? draft.visit;

  const flush = useCallback(async () => {
    const d = loadDraft(id);
    if (!d?.queued || flushing.current) return;
    flushing.current = true;
    setSending(true);
    setError(null);
    try {
      for (const p of d.photos.filter((x) => !x.uploaded)) {
        await api.post(`/api/fieldwork/visits/${id}/photos`, {
          id: p.id,
          kind: p.kind,
          itemKey: p.itemKey,
          filename: p.filename,
          contentBase64: p.dataUrl,
        });
        p.uploaded = true;
        saveDraft(d);
      }
      const r = await api.post<{ replay: boolean; visit: TVisitDetail }>(
        `/api/fieldwork/visits/${id}/submit`,
        {
          answers: Object.entries(d.answers)
            .filter(([, v]) => v !== null)
            .map(([key, value]) => ({ key, value, comment: d.comments[key] ?? '' })),
          startedAt: d.startedAt,
          endedAt: d.endedAt ?? new Date().toISOString(),
          comment: d.comment,
        },
      );
      dropDraft(id);
      setResult(r.visit);
      void qc.invalidateQueries({ queryKey: ['fieldwork'] });
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) {
        // refused by the server (nothing stored): back to editing, answers kept
        setError(e.message);
        update((x) => ({ ...x, queued: false }));
      }
      // network failure: stays queued, sent when the connection returns
    } finally {
      flushing.current = false;
      setSending(false);
    }
  }, [id, qc, update]);

  useEffect(() => {
    if (online && draft.queued) void flush();
  }, [online, draft.queued, flush]);

  if (result) return <Result v={result} />;
  if (!visit) {
    if (q.isLoading) return <PageLoader />;
    return <Alert color="red">{t('fieldwork.notAvailable')}</Alert>;
  }
  if (visit.status !== 'scheduled' && !draft.queued) return <Result v={visit} />;

  const sections = [...new Set(visit.items.map((it) => it.section))];
  const photosOf = (key: string | null, kind: 'evidence' | 'receipt') =>
    draft.photos.filter((p) => p.itemKey === key && p.kind === kind).length;
  const addPhoto = async (
    file: File | null,
    itemKey: string | null,
    kind: 'evidence' | 'receipt',
  ) => {
    if (!file) return;
    if (!file.type.startsWith('image/')) {
      setError(t('fieldwork.notImage'));
      return;
    }
    const dataUrl = await shrinkImage(file).catch(() => null);
    if (!dataUrl) {
      setError(t('fieldwork.notImage'));
      return;
    }
    update((d) => ({
      ...d,
      photos: [
        ...d.photos,
        { id: uuid(), kind, itemKey, filename: file.name, dataUrl, uploaded: false },
      ],
    }));
  };
  const where = visit.unitName ?? visit.competitorName ?? '';
  const answered = visit.items.filter((it) => draft.answers[it.key] != null).length;

  return (
    <Stack gap="sm" maw={640} mx="auto">
      <div>
        <Title order={2} size="h3">
          {where}
        </Title>
        <Text size="sm" c="dimmed">
          {visit.checklistName}
          {visit.windowTo
            ? ` · ${t('fieldwork.until', { date: date(visit.windowTo, i18n.language) })}`
            : ''}
        </Text>
      </div>
      <Alert color={online ? 'gray' : 'yellow'} role="status" p="xs">
        {online ? t('fieldwork.savedOnDevice') : t('fieldwork.offline')}
      </Alert>
      {storageFull && <Alert color="red">{t('fieldwork.storageFull')}</Alert>}
      {sections.map((s) => (
        <Stack key={s} gap="xs" component="section" aria-label={s}>
          <Title order={3} size="h5" mt="xs">
            {s}
          </Title>
          {visit.items
            .filter((it) => it.section === s)
            .map((it) => (
              <ItemField
                key={it.key}
                item={it}
                value={draft.answers[it.key] ?? null}
                comment={draft.comments[it.key] ?? ''}
                photos={photosOf(it.key, 'evidence')}
                onValue={(v) => update((d) => ({ ...d, answers: { ...d.answers, [it.key]: v } }))}
                onComment={(c) =>
                  update((d) => ({ ...d, comments: { ...d.comments, [it.key]: c } }))
                }
                onPhoto={(f) => void addPhoto(f, it.key, 'evidence')}
              />
            ))}
        </Stack>
      ))}
      <Paper withBorder p="sm" radius="md">
        <Stack gap="xs">
          {visit.kind !== 'audit' && (
            <FileInput
              label={t('fieldwork.receiptPhoto')}
              description={t('fieldwork.receiptHelp')}
              placeholder={
                photosOf(null, 'receipt') > 0
                  ? t('fieldwork.photosN', { n: photosOf(null, 'receipt') })
                  : t('fieldwork.takePhoto')
              }
              accept="image/*"
              capture="environment"
              clearable={false}
              value={null}
              onChange={(f) => void addPhoto(f, null, 'receipt')}
            />
          )}
          <Textarea
            label={t('fieldwork.generalComment')}
            autosize
            minRows={2}
            value={draft.comment}
            onChange={(e) => {
              const comment = e.currentTarget.value;
              update((d) => ({ ...d, comment }));
            }}
          />
        </Stack>
      </Paper>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {draft.queued && !online && (
        <Alert color="yellow" role="status">
          {t('fieldwork.queued')}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('fieldwork.answeredN', { n: answered, total: visit.items.length })}
      </Text>
      <Button
        size="md"
        loading={sending}
        onClick={() => {
          update((d) => ({ ...d, queued: true, endedAt: d.endedAt ?? new Date().toISOString() }));
          if (navigator.onLine) setTimeout(() => void flush(), 0);
        }}
      >
        {t('fieldwork.send')}
      </Button>
    </Stack>
  );
}
