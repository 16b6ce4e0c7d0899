// The nine customer-orientation questions, answered per segment with links to evidence.
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canWrite, useSession } from '../../auth/session';
import { date } from '../../lib/format';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { saveOrientation, type TOrientationAnswer, useOrientation } from './api';
import { EvidenceEditor, EvidenceList } from './Evidence';
import { SegmentPicker, useSegment } from './Segment';

const PICKS: Record<string, string[]> = {
  who: ['atRisk', 'value'],
  needs: ['needs', 'kano'],
  service: ['standards', 'value'],
  expectations: ['servqual', 'kano'],
  meets: ['servqual', 'nps', 'complaintReports'],
  process: ['standards', 'complaints'],
  improve: ['priorities', 'complaintReports'],
  use: ['comments', 'complaints'],
  help: ['comments', 'standards'],
};

function Question({
  a,
  index,
  segment,
  writable,
}: {
  a: TOrientationAnswer;
  index: number;
  segment: string;
  writable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [answer, setAnswer] = useState(a.answer);
  const [evidence, setEvidence] = useState(a.evidence);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setAnswer(a.answer);
    setEvidence(a.evidence);
  }, [a]);
  const dirty = answer !== a.answer || JSON.stringify(evidence) !== JSON.stringify(a.evidence);
  const save = async () => {
    setBusy(true);
    try {
      await saveOrientation(a.question, { segment, answer, evidence });
      notifyOk(t('strategy.saved'));
      await qc.invalidateQueries({ queryKey: ['strategy', 'orientation', segment] });
      await qc.invalidateQueries({ queryKey: ['strategy', 'segments'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const id = `q-${a.question}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-h`}>
      <Stack gap="xs">
        <Title order={2} size="h5" id={`${id}-h`}>
          {index + 1}. {t(`strategy.question.${a.question}`)}
        </Title>
        <Text size="xs" c="dimmed">
          {t(`strategy.questionHelp.${a.question}`)}
        </Text>
        {writable ? (
          <>
            <Textarea
              label={t('strategy.orientation.answer')}
              autosize
              minRows={2}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
            />
            <EvidenceEditor
              idPrefix={id}
              value={evidence}
              onChange={setEvidence}
              picks={PICKS[a.question] ?? []}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {a.updatedAt
                  ? t('strategy.updatedAt', { date: date(a.updatedAt, i18n.language) })
                  : ''}
              </Text>
              <Button size="xs" onClick={() => void save()} loading={busy} disabled={!dirty}>
                {t('strategy.save')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.answer || t('strategy.orientation.unanswered')}
            </Text>
            <EvidenceList links={a.evidence} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

export default function OrientationPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [segment] = useSegment();
  const q = useOrientation(segment);
  const writable = canWrite(user);
  const answered = q.data?.items.filter((x) => x.answer.trim()).length ?? 0;
  return (
    <Stack gap="md">
      <Text size="sm" maw={820}>
        {t('strategy.orientation.intro')}
      </Text>
      <SegmentPicker />
      {!segment ? (
        <Text c="dimmed">{t('strategy.orientation.pick')}</Text>
      ) : q.isLoading || !q.data ? (
        <PageLoader />
      ) : (
        <>
          <Text size="sm" fw={500}>
            {t('strategy.orientation.progress', { answered, total: q.data.items.length })}
          </Text>
          {q.data.items.map((a, i) => (
            <Question key={a.question} a={a} index={i} segment={segment} writable={writable} />
          ))}
        </>
      )}
    </Stack>
  );
}
