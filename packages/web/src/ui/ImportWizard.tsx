// The one file-import wizard (customers, survey responses, transactions): upload → preview
// (→ column mapping) (→ trial run) → run with progress → summary with the rejected rows and
// their CSV. Each screen supplies its texts, its upload/start calls, what its preview, mapping
// and counts look like, and its rejected-rows table; the steps, the polling of the import's
// status and the download live here.
import { Button, FileInput, Group, Stack, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { api, download } from '../api/client';
import { notifyError } from './notify';

export interface TImportWizardTexts {
  stepUpload: string;
  stepPreview: string;
  /** Only with a mapping step. */
  stepMapping?: string;
  /** Only with a trial run. */
  stepDryRun?: string;
  stepRun: string;
  uploadHelp: string;
  file: string;
  upload: string;
  back: string;
  next: string;
  dryRun?: string;
  dryRunHelp?: string;
  run: string;
  downloadRejected: string;
  /** The heading of the finished state, if any. */
  done?: string;
  /** With it, the finished state offers to start over with another file. */
  again?: string;
}

export interface TWizardStatus {
  status: string;
  rejected: number;
}

export interface TImportWizardProps<P extends { id: string }, S extends TWizardStatus> {
  texts: TImportWizardTexts;
  accept: string;
  /** Query key prefix of the status polling (one per import kind). */
  statusKey: readonly unknown[];
  upload: (file: File) => Promise<P>;
  preview: (p: P) => ReactNode;
  /** A column-mapping step after the preview (the screen keeps the mapping's state). */
  mapping?: (p: P) => ReactNode;
  /** Whether the file can be run (e.g. required columns found); default yes. */
  runnable?: (p: P) => boolean;
  /** With a trial run (stores nothing, shows what would happen and the rejections). */
  trial: boolean;
  start: (p: P, dryRun: boolean) => Promise<void>;
  statusUrl: (p: P) => string;
  /** Progress and counts of a status. */
  counts: (s: S) => ReactNode;
  /** The rejected rows on screen (shown once a run is finished with rejections). */
  rejections: (p: P, s: S, runKey: number) => ReactNode;
  rejectionsCsv: (p: P) => string;
  /** Buttons beside "download" once the real run is done (e.g. back to the list). */
  doneActions?: ReactNode;
  /** Called once when the real run is done. */
  onStored?: () => void;
}

const ACTIVE = new Set(['uploaded', 'queued', 'running']);

export const isFinished = (s: TWizardStatus | undefined) => Boolean(s && !ACTIVE.has(s.status));

type TStep = 'upload' | 'preview' | 'mapping' | 'trial' | 'run';

export function ImportWizard<P extends { id: string }, S extends TWizardStatus>(
  o: TImportWizardProps<P, S>,
) {
  const { texts } = o;
  // Several labelled steps do not fit side by side on a phone: stack them there.
  const phone = useMediaQuery('(max-width: 40em)');
  const steps: TStep[] = [
    'upload',
    'preview',
    ...(o.mapping ? (['mapping'] as const) : []),
    ...(o.trial ? (['trial'] as const) : []),
    'run',
  ];
  const [step, setStep] = useState<TStep>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped on each run so polling starts fresh for the trial and then the real run.
  const [runKey, setRunKey] = useState(0);
  const status = useQuery({
    queryKey: [...o.statusKey, preview?.id ?? null, runKey],
    queryFn: () => api.get<S>(o.statusUrl(preview as P)),
    enabled: Boolean(preview) && runKey > 0,
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.status) ? false : 1000),
  });
  const finished = isFinished(status.data);
  const stored = step === 'run' && status.data?.status === 'done';
  const { onStored } = o;
  useEffect(() => {
    if (stored) onStored?.();
  }, [stored, onStored]);

  const go = (s: TStep) => setStep(s);
  const restart = () => {
    setPreview(null);
    setFile(null);
    setRunKey(0);
    go('upload');
  };
  const after = (s: TStep): TStep => steps[steps.indexOf(s) + 1] ?? 'run';
  const before = (s: TStep): TStep => steps[steps.indexOf(s) - 1] ?? 'upload';

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    try {
      setPreview(await o.upload(file));
      go('preview');
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async (dryRun: boolean) => {
    if (!preview) return;
    setBusy(true);
    try {
      await o.start(preview, dryRun);
      setRunKey((k) => k + 1);
      go(dryRun ? 'trial' : 'run');
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const downloadRejected = () =>
    preview && download(o.rejectionsCsv(preview), 'rejected-rows.csv').catch(notifyError);
  const hasRejected = finished && (status.data?.rejected ?? 0) > 0;
  const runnable = preview ? (o.runnable?.(preview) ?? true) : false;
  const results = preview && status.data && (
    <Stack gap="sm">
      {o.counts(status.data)}
      {hasRejected && o.rejections(preview, status.data, runKey)}
    </Stack>
  );
  const downloadButton = hasRejected && (
    <Button variant="default" onClick={() => void downloadRejected()}>
      {texts.downloadRejected}
    </Button>
  );
  // The step that starts a run: the trial from the last step before it, or the real run.
  const startButton = (from: TStep) =>
    after(from) === 'trial' ? (
      <Button onClick={() => void run(true)} loading={busy} disabled={!runnable}>
        {texts.dryRun}
      </Button>
    ) : after(from) === 'run' ? (
      <Button onClick={() => void run(false)} loading={busy} disabled={!runnable}>
        {texts.run}
      </Button>
    ) : (
      <Button onClick={() => go(after(from))} disabled={!runnable}>
        {texts.next}
      </Button>
    );
  const backButton = (from: TStep) => (
    <Button variant="default" onClick={() => go(before(from))}>
      {texts.back}
    </Button>
  );

  const body: Record<TStep, { label: string; node: ReactNode }> = {
    upload: {
      label: texts.stepUpload,
      node: (
        <Stack gap="sm" maw={560}>
          <Text size="sm">{texts.uploadHelp}</Text>
          <FileInput
            label={texts.file}
            accept={o.accept}
            value={file}
            onChange={setFile}
            clearable
          />
          <Group>
            <Button onClick={() => void upload()} loading={busy} disabled={!file}>
              {texts.upload}
            </Button>
          </Group>
        </Stack>
      ),
    },
    preview: {
      label: texts.stepPreview,
      node: (
        <>
          {preview && o.preview(preview)}
          <Group mt="md">
            {backButton('preview')}
            {startButton('preview')}
          </Group>
        </>
      ),
    },
    mapping: {
      label: texts.stepMapping ?? '',
      node: (
        <>
          {preview && o.mapping?.(preview)}
          <Group mt="md">
            {backButton('mapping')}
            {startButton('mapping')}
          </Group>
        </>
      ),
    },
    trial: {
      label: texts.stepDryRun ?? '',
      node: (
        <>
          <Text size="sm" mb="sm">
            {texts.dryRunHelp}
          </Text>
          {results}
          <Group mt="md">
            {backButton('trial')}
            {downloadButton}
            <Button
              onClick={() => void run(false)}
              loading={busy}
              disabled={!finished || status.data?.status === 'failed'}
            >
              {texts.run}
            </Button>
          </Group>
        </>
      ),
    },
    run: {
      label: texts.stepRun,
      node: (
        <>
          {results}
          {status.data?.status === 'failed' && !o.trial && (
            <Group mt="md">
              <Button variant="default" onClick={() => go('upload')}>
                {texts.back}
              </Button>
            </Group>
          )}
          {status.data?.status === 'failed' && o.trial && (
            <Group mt="md">
              <Button onClick={() => void run(false)} loading={busy}>
                {texts.run}
              </Button>
            </Group>
          )}
        </>
      ),
    },
  };

  return (
    <Stepper
      active={stored ? steps.length : steps.indexOf(step)}
      size="sm"
      allowNextStepsSelect={false}
      orientation={phone ? 'vertical' : 'horizontal'}
      wrap
    >
      {steps.map((s) => (
        <Stepper.Step key={s} label={body[s].label}>
          {body[s].node}
        </Stepper.Step>
      ))}
      <Stepper.Completed>
        <Stack gap="sm">
          {texts.done && <Text fw={600}>{texts.done}</Text>}
          {results}
          <Group>
            {downloadButton}
            {o.doneActions}
            {texts.again && (
              <Button variant="default" onClick={restart}>
                {texts.again}
              </Button>
            )}
          </Group>
        </Stack>
      </Stepper.Completed>
    </Stepper>
  );
}
