// The case page's impartiality panel (ISO 10002 objectivity: nobody investigates a complaint about
// themselves): who handles the case; assign by the org's strategy or reassign to a chosen
// eligible agent (the ineligible are listed, disabled, with the reason); the assignee declares a
// conflict of interest, which reassigns; the staff members the complaint is about, editable.
// Hidden from roles that cannot act; the server decides and its localized refusal is shown.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import {
  canActOnCases,
  type TAssignment,
  type TCaseDetail,
  type TExclusion,
  useAssignment,
  useCaseActions,
} from './api';
import { StaffPicker } from './StaffPicker';

const REASONS = new Set<TExclusion>(['involved', 'conflict', 'manager']);

/** An API refusal as the panel shows it: the server's localized text, plus why when known. */
function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('errors.generic');
  const reason =
    error instanceof ApiError
      ? (error.details as { reason?: TExclusion } | null)?.reason
      : undefined;
  return (
    <Alert color="red" role="alert" title={t('complaints.assign.refused')}>
      <Text size="sm">{message}</Text>
      {reason && REASONS.has(reason) && (
        <Text size="sm" mt={4}>
          {t(`complaints.assign.reason.${reason}`)}
        </Text>
      )}
    </Alert>
  );
}

function useNames(a: TAssignment | undefined) {
  const names = new Map<string, string>();
  for (const p of a?.people ?? []) names.set(p.id, p.name);
  for (const p of a?.candidates ?? []) names.set(p.id, p.name);
  return names;
}

function AssignmentCard({ k, a, canAct }: { k: TCaseDetail; a: TAssignment; canAct: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const act = useCaseActions(k.id);
  const names = useNames(a);
  const [to, setTo] = useState<string | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const declareRef = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // keyboard: the reason field takes the focus when the form opens, the button gets it back
  useEffect(() => {
    if (declaring) reasonRef.current?.focus();
    else if (opened.current) declareRef.current?.focus();
    opened.current = declaring;
  }, [declaring]);
  const [reason, setReason] = useState('');
  // the outcome's text key and the new assignee, named at render from the refreshed panel data
  const [result, setResult] = useState<{ key: string; id: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = k.status !== 'closed' && k.status !== 'rejected';
  const mine = Boolean(user && a.assigneeId === user.id);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? '—') : null);
  const outcome = (prefix: 'assigned' | 'conflict') => (c: { assigneeId: string | null }) => {
    setError(null);
    setResult({
      key: `complaints.assign.${prefix}${c.assigneeId ? 'To' : 'None'}`,
      id: c.assigneeId,
    });
  };
  const fail = (e: unknown) => {
    setResult(null);
    setError(e);
  };
  const options = [
    ...a.candidates
      .filter((c) => c.id !== a.assigneeId)
      .map((c) => ({
        value: c.id,
        label: t('complaints.assign.option', { name: c.name, load: c.load }),
      })),
    ...a.excluded.map((x) => ({
      value: x.userId,
      label: `${names.get(x.userId) ?? x.userId} — ${t(`complaints.assign.why.${x.reason}`)}`,
      disabled: true,
    })),
  ];
  const busy = act.assign.isPending || act.conflict.isPending;

  return (
    <Card withBorder component="section" aria-labelledby="assign-h">
      <Stack gap="xs">
        <Title order={2} size="h4" id="assign-h">
          {t('complaints.assign.title')}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Text>{t('complaints.assign.assignee')}:</Text>
          {a.assigneeId ? (
            <Text fw={600} data-testid="assignee" style={{ overflowWrap: 'anywhere' }}>
              {nameOf(a.assigneeId)}
            </Text>
          ) : (
            <Badge color="orange" variant="light" data-testid="assignee">
              {t('complaints.assign.none')}
            </Badge>
          )}
          {mine && (
            <Badge variant="outline" size="sm">
              {t('complaints.assign.you')}
            </Badge>
          )}
        </Group>
        {open && (
          <Text size="sm" c="dimmed">
            {t(`complaints.assign.strategy.${a.strategy}`)}
          </Text>
        )}
        {a.excluded.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('complaints.assign.leftOut')}:{' '}
            {a.excluded
              .map(
                (x) => `${names.get(x.userId) ?? '—'} (${t(`complaints.assign.why.${x.reason}`)})`,
              )
              .join(', ')}
          </Text>
        )}
        {result && (
          <Alert color="teal" role="status">
            {t(result.key, { name: (result.id && names.get(result.id)) || '—' })}
          </Alert>
        )}
        <Refusal error={error} />

        {canAct && open && (
          <>
            <Button
              variant="light"
              style={{ alignSelf: 'flex-start' }}
              loading={act.assign.isPending && act.assign.variables === undefined}
              disabled={busy}
              onClick={() =>
                act.assign.mutate(undefined, { onSuccess: outcome('assigned'), onError: fail })
              }
            >
              {t('complaints.assign.auto')}
            </Button>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (to)
                  act.assign.mutate(to, {
                    onSuccess: (c) => {
                      setTo(null);
                      outcome('assigned')(c);
                    },
                    onError: fail,
                  });
              }}
            >
              <Group align="end" gap="xs" wrap="wrap">
                <Select
                  label={t('complaints.assign.to')}
                  placeholder={t('complaints.assign.pick')}
                  data={options}
                  value={to}
                  onChange={setTo}
                  searchable
                  nothingFoundMessage={t('complaints.assign.noneEligible')}
                  style={{ flex: '1 1 14rem' }}
                />
                <Button
                  type="submit"
                  disabled={!to || busy}
                  loading={act.assign.isPending && act.assign.variables !== undefined}
                >
                  {t('complaints.assign.reassign')}
                </Button>
              </Group>
            </form>
          </>
        )}

        {canAct && open && mine && !declaring && (
          <Button
            variant="outline"
            color="orange"
            style={{ alignSelf: 'flex-start' }}
            ref={declareRef}
            onClick={() => setDeclaring(true)}
          >
            {t('complaints.assign.declare')}
          </Button>
        )}
        {canAct && open && mine && declaring && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const why = reason.trim();
              if (!why) return;
              act.conflict.mutate(why, {
                onSuccess: (c) => {
                  setDeclaring(false);
                  setReason('');
                  outcome('conflict')(c);
                },
                onError: fail,
              });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('complaints.assign.conflictReason')}
                description={t('complaints.assign.conflictHint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={2000}
                required
                ref={reasonRef}
              />
              <Group justify="end" gap="xs">
                <Button variant="default" onClick={() => setDeclaring(false)}>
                  {t('common.cancel')}
                </Button>
                <Button
                  type="submit"
                  color="orange"
                  disabled={!reason.trim()}
                  loading={act.conflict.isPending}
                >
                  {t('complaints.assign.conflictSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function InvolvedCard({ k, a, canAct }: { k: TCaseDetail; a: TAssignment; canAct: boolean }) {
  const { t } = useTranslation();
  const act = useCaseActions(k.id);
  const names = useNames(a);
  const saved = a.staffInvolved.join(',');
  const [value, setValue] = useState<string[]>(a.staffInvolved);
  // the outcome's text key and the new assignee, named at render from the refreshed panel data
  const [result, setResult] = useState<{ key: string; id: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the saved list changes
  useEffect(() => setValue(a.staffInvolved), [saved]);
  const dirty = value.join(',') !== saved;

  return (
    <Card withBorder component="section" aria-labelledby="involved-h">
      <Stack gap="xs">
        <Title order={2} size="h4" id="involved-h">
          {t('complaints.involved.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('complaints.involved.hint')}
        </Text>
        {canAct ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const before = a.assigneeId;
              act.staffInvolved.mutate(value, {
                onSuccess: (c) => {
                  setError(null);
                  setResult({
                    key:
                      c.assigneeId === before
                        ? 'complaints.involved.saved'
                        : c.assigneeId
                          ? 'complaints.involved.moved'
                          : 'complaints.involved.unassigned',
                    id: c.assigneeId,
                  });
                },
                onError: (e) => {
                  setResult(null);
                  setError(e);
                },
              });
            }}
          >
            <Stack gap="xs">
              <StaffPicker value={value} onChange={setValue} known={names} />
              <Group justify="end">
                <Button type="submit" disabled={!dirty} loading={act.staffInvolved.isPending}>
                  {t('complaints.involved.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : a.staffInvolved.length ? (
          <Group gap="xs">
            {a.staffInvolved.map((id) => (
              <Badge key={id} variant="light" tt="none">
                {names.get(id) ?? '—'}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm">{t('complaints.involved.none')}</Text>
        )}
        {result && (
          <Alert color="teal" role="status">
            {t(result.key, { name: (result.id && names.get(result.id)) || '—' })}
          </Alert>
        )}
        <Refusal error={error} />
      </Stack>
    </Card>
  );
}

export function AssignmentPanel({ k }: { k: TCaseDetail }) {
  const { user } = useSession();
  const a = useAssignment(k.id);
  if (!a.data) return null;
  const canAct = canActOnCases(user?.role);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <AssignmentCard k={k} a={a.data} canAct={canAct} />
      <InvolvedCard k={k} a={a.data} canAct={canAct} />
    </SimpleGrid>
  );
}

/** Names for timeline entries (assigned → whom); from the panel's data. */
export function useAssignmentNames(id: string) {
  return useNames(useAssignment(id).data);
}
