// One case: the complaint and the customer first (ComplaintPanel: what they wrote, who they
// are, the classification corrected in place), then the SLA panel (each target's due instant, business time left or overdue), assignment
// and staff involved (AssignmentPanel), state actions, a note or message to the customer
// (optionally waiting for the reply, which pauses the SLA clocks), the response, the customer's
// "how did we handle it" rating, and the timeline (internal entries marked).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../auth/session';
import { dateTime } from '../../lib/format';
import { actorName } from '../../ui/actor';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { AssignmentPanel, useAssignmentNames } from './AssignmentPanel';
import {
  canActOnCases,
  type TEventRow,
  type TSlaTarget,
  useCase,
  useCaseActions,
  useSla,
} from './api';
import { CloseCase } from './CloseCase';
import { ComplaintPanel } from './ComplaintPanel';
import { RatingText } from './Rating';
import { duration, SlaBadge } from './SlaBadge';

const TRANSITIONS = ['acknowledged', 'assessed', 'investigating', 'rejected', 'reopened'] as const;

function TargetCard({ target, zone }: { target: TSlaTarget; zone: string }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
    });
  const left = target.remainingMinutes;
  return (
    <Card withBorder padding="sm">
      <Text fw={600}>{t(`complaints.sla.target.${target.target}`)}</Text>
      <div>
        <SlaBadge status={target.status} />
      </div>
      <Text size="sm" c="dimmed">
        {t('complaints.sla.goal', { time: duration(target.targetMinutes, t) })}
      </Text>
      {target.dueAt && (
        <Text size="sm">{t('complaints.sla.due', { when: when(target.dueAt) })}</Text>
      )}
      {left !== null && (
        <Text size="sm" c={left < 0 ? 'red' : undefined} fw={left < 0 ? 600 : undefined}>
          {left < 0
            ? t('complaints.sla.late', { time: duration(left, t) })
            : t('complaints.sla.left', { time: duration(left, t) })}
        </Text>
      )}
      {target.metAt && (
        <Text size="sm">{t('complaints.sla.metAt', { when: when(target.metAt) })}</Text>
      )}
    </Card>
  );
}

/** What an entry adds beyond its title: who it was assigned to, the rating given. */
function EventDetail({ e, names }: { e: TEventRow; names: Map<string, string> }) {
  const { t } = useTranslation();
  if (e.kind === 'assigned' && typeof e.data.to === 'string')
    return (
      <Text size="sm">
        {t('complaints.case.assignedTo', { name: names.get(e.data.to) ?? '—' })}
      </Text>
    );
  if (e.kind === 'classified' && e.data.changes && typeof e.data.changes === 'object') {
    const fields = Object.keys(e.data.changes).map((f) =>
      t(`complaints.field.${f}`, { defaultValue: f }),
    );
    if (fields.length)
      return <Text size="sm">{t('complaints.case.changed', { fields: fields.join(', ') })}</Text>;
  }
  if (
    (e.kind === 'customer_linked' || e.kind === 'customer_match_dismissed') &&
    typeof e.data.customerName === 'string'
  )
    return <Text size="sm">{t('complaints.case.linkedTo', { name: e.data.customerName })}</Text>;
  if (e.kind === 'rated' && typeof e.data.rating === 'number')
    return (
      <Text size="sm" fw={600}>
        <RatingText rating={e.data.rating} />
      </Text>
    );
  return null;
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const c = useCase(id);
  const sla = useSla(id);
  const act = useCaseActions(id);
  const names = useAssignmentNames(id);
  // viewers read only: the actions the server would refuse them are not offered
  const canAct = canActOnCases(useSession().user?.role);
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'internal' | 'customer' | 'response'>('internal');
  const [awaitReply, setAwaitReply] = useState(false);
  const phone = useMediaQuery('(max-width: 40em)');
  if (c.isLoading) return <PageLoader />;
  if (c.error || !c.data)
    return <Alert color="red">{c.error?.message ?? t('complaints.case.notFound')}</Alert>;
  const k = c.data;
  const when = (iso: string) => dateTime(iso, i18n.language);
  const refresh = () => void sla.refetch();

  const send = () => {
    const text = body.trim();
    if (!text) return;
    const onSuccess = () => {
      setBody('');
      setAwaitReply(false);
      notifyOk(t('complaints.case.saved'));
      refresh();
    };
    if (kind === 'response')
      act.respond.mutate({ body: text }, { onSuccess, onError: notifyError });
    else
      act.note.mutate(
        { body: text, visibility: kind, ...(kind === 'customer' ? { awaitReply } : {}) },
        { onSuccess, onError: notifyError },
      );
  };

  return (
    <Stack>
      <Anchor component={Link} to="/complaints" size="sm">
        ← {t('complaints.list.title')}
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {k.reference}
          </Title>
          <Text>{k.subject}</Text>
        </div>
        <Group gap="xs">
          <Badge size="lg">{t(`complaints.status.${k.status}`)}</Badge>
          <Badge size="lg" variant="light">
            {t(`complaints.severity.${k.severity}`)}
          </Badge>
        </Group>
      </Group>

      <ComplaintPanel k={k} canAct={canAct} />

      <section aria-labelledby="sla-h">
        <Group justify="space-between">
          <Title order={2} size="h4" id="sla-h">
            {t('complaints.sla.title')}
          </Title>
          {sla.data?.paused && <Badge color="gray">{t('complaints.sla.waiting')}</Badge>}
        </Group>
        {sla.data && (
          <>
            <Text size="xs" c="dimmed" mb="xs">
              {t('complaints.sla.zone', { zone: sla.data.timeZone })}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {sla.data.targets.map((x) => (
                <TargetCard key={x.target} target={x} zone={sla.data.timeZone} />
              ))}
            </SimpleGrid>
          </>
        )}
      </section>

      {k.rating !== null && (
        <Alert color="teal" variant="light" title={t('complaints.rating.title')}>
          <Text fw={600}>
            <RatingText rating={k.rating} />
          </Text>
          {k.ratingComment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {k.ratingComment}
            </Text>
          )}
        </Alert>
      )}

      <AssignmentPanel k={k} />

      {canAct &&
        k.allowedTransitions.some((s) => (TRANSITIONS as readonly string[]).includes(s)) && (
          <Group gap="xs" aria-label={t('complaints.case.actions')}>
            {k.allowedTransitions
              .filter((s): s is (typeof TRANSITIONS)[number] =>
                (TRANSITIONS as readonly string[]).includes(s),
              )
              .map((s) => (
                <Button
                  key={s}
                  variant={s === 'rejected' ? 'outline' : 'light'}
                  color={s === 'rejected' ? 'red' : undefined}
                  loading={act.transition.isPending}
                  onClick={() =>
                    act.transition.mutate(
                      s === 'rejected'
                        ? { to: s, reason: t('complaints.case.rejectReason') }
                        : { to: s },
                      { onSuccess: refresh, onError: notifyError },
                    )
                  }
                >
                  {t(`complaints.action.${s}`)}
                </Button>
              ))}
          </Group>
        )}

      {canAct && k.allowedTransitions.includes('closed') && (
        <CloseCase id={k.id} onClosed={refresh} />
      )}

      {canAct && (
        <Card withBorder>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              send();
            }}
          >
            <Stack gap="xs">
              <SegmentedControl
                aria-label={t('complaints.case.kind')}
                orientation={phone ? 'vertical' : 'horizontal'}
                fullWidth={phone}
                value={kind}
                onChange={(v) => setKind(v as typeof kind)}
                data={[
                  { value: 'internal', label: t('complaints.case.internal') },
                  { value: 'customer', label: t('complaints.case.customer') },
                  { value: 'response', label: t('complaints.case.response') },
                ]}
              />
              <Textarea
                label={t('complaints.case.text')}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                autosize
                minRows={3}
                required
              />
              {kind === 'customer' && (
                <Checkbox
                  label={t('complaints.case.awaitReply')}
                  checked={awaitReply}
                  onChange={(e) => setAwaitReply(e.currentTarget.checked)}
                />
              )}
              <Group justify="end">
                <Button type="submit" loading={act.note.isPending || act.respond.isPending}>
                  {t('complaints.case.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}

      <section aria-labelledby="tl-h">
        <Title order={2} size="h4" id="tl-h" mb="sm">
          {t('complaints.case.timeline')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {[...k.events].reverse().map((e) => (
            <Timeline.Item
              key={e.id}
              color={
                e.kind.startsWith('sla.') ? 'red' : e.visibility === 'customer' ? 'teal' : 'gray'
              }
              title={
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {t(`complaints.event.${e.kind}`, { defaultValue: e.kind })}
                  </Text>
                  {e.toStatus && (
                    <Badge size="xs" variant="light">
                      {t(`complaints.status.${e.toStatus}`)}
                    </Badge>
                  )}
                  {e.visibility === 'internal' && (
                    <Badge size="xs" color="gray" variant="outline">
                      {t('complaints.case.internalTag')}
                    </Badge>
                  )}
                </Group>
              }
            >
              <EventDetail e={e} names={names} />
              {e.body && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {e.body}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {actorName(t, e.actorLabel)} · {when(e.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </section>
    </Stack>
  );
}
