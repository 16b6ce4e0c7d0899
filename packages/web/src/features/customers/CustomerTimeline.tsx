// The customer page's timeline: every module's entries about the customer, newest first, each
// in words (event, actor, scores, state) and linked to its own page; older pages on demand.
import { Anchor, Badge, Button, Group, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { TTimelineItem, TTimelineLink } from '../../api/types';
import { dateTime, date as fmtDate, num } from '../../lib/format';
import { actorName } from '../../ui/actor';
import { notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { unitName, useOrgUnits } from '../../ui/units';
import { useTimeline } from './api';

const SCORE_ORDER = ['nps', 'csat', 'satisfaction', 'effort'] as const;
/** Customer fields as labelled on the customer form (the audit keeps field names). */
export const FIELD_LABEL: Record<string, string> = {
  externalId: 'customers.externalId',
  name: 'customers.name',
  email: 'customers.email',
  phone: 'customers.phone',
  kind: 'customers.kind',
  useClass: 'customers.useClass',
  tier: 'customers.tier',
  status: 'customers.status',
  unitId: 'customers.unit',
  internalUnitId: 'customers.internalUnit',
  language: 'customers.language',
  consentEmail: 'customers.consentEmail',
  consentSurvey: 'customers.consentSurvey',
  statedNeeds: 'customers.statedNeeds',
  realNeeds: 'customers.realNeeds',
  needTags: 'customers.needTags',
};

const eventTitle = (t: TFunction, type: string) =>
  t(`c360.event.${type.replaceAll('.', '_')}`, { defaultValue: t('c360.event.other') });

function linkTo(l: TTimelineLink): string {
  if (l.to === 'complaint') return `/complaints/${l.id}`;
  if (l.to === 'survey') return `/surveys/${l.id}/responses`;
  return `/surveys/${l.surveyId}/responses?response=${l.responseId}`;
}

function linkText(t: TFunction, e: TTimelineItem): string {
  if (e.link?.to === 'complaint')
    return t('c360.openCase', { ref: String(e.data.reference ?? '') });
  if (e.link?.to === 'survey') return t('c360.openSurvey');
  return t('c360.openResponses');
}

/** The second line of an entry: what the data says, in words. */
function Detail({ e }: { e: TTimelineItem }) {
  const { t, i18n } = useTranslation();
  const units = useOrgUnits();
  const lang = i18n.language;
  const d = e.data;
  if (e.type === 'survey.response' || e.type === 'survey.response.partial') {
    const scores = (d.scores ?? {}) as Record<string, number>;
    const shown = SCORE_ORDER.filter((k) => typeof scores[k] === 'number');
    if (shown.length === 0) return null;
    return (
      <Group gap={4}>
        {shown.map((k) => (
          <Badge key={k} variant="light" color="blue">
            {t(`c360.score.${k}`, { v: num(scores[k] as number, lang) })}
          </Badge>
        ))}
      </Group>
    );
  }
  if (e.type === 'complaint') {
    return (
      <Group gap={4}>
        <Badge variant="light" color={d.status === 'closed' ? 'gray' : 'orange'}>
          {t(`complaints.status.${String(d.status)}`, { defaultValue: String(d.status) })}
        </Badge>
        <Badge variant="outline" color="gray">
          {t(`complaints.severity.${String(d.severity)}`, { defaultValue: String(d.severity) })}
        </Badge>
      </Group>
    );
  }
  if (e.type === 'complaint.status') {
    const st = (k: unknown) => t(`complaints.status.${String(k)}`, { defaultValue: String(k) });
    return (
      <Text size="sm">
        {d.from ? t('c360.statusChange', { from: st(d.from), to: st(d.to) }) : st(d.to)}
      </Text>
    );
  }
  if (e.type === 'complaint.assigned' && typeof d.assignee === 'string') {
    return <Text size="sm">{t('c360.assignedTo', { name: d.assignee })}</Text>;
  }
  if (e.type === 'retention.points_earned' || e.type === 'retention.points_redeemed') {
    return (
      <Text size="sm">
        {t('c360.points', {
          points: num(Number(d.points), lang),
          balance: num(Number(d.balance), lang),
        })}
      </Text>
    );
  }
  if (e.type === 'retention.winback_survey' && typeof d.survey === 'string') {
    return <Text size="sm">{t('c360.winbackSurvey', { survey: d.survey })}</Text>;
  }
  if (e.type === 'retention.purchase' || e.type === 'retention.refund') {
    const amount = new Intl.NumberFormat(lang, {
      style: 'currency',
      currency: String(d.currency ?? 'EUR'),
    }).format(Number(d.amount));
    return (
      <Text size="sm">
        {amount}
        {typeof d.units === 'number'
          ? ` · ${d.units === 1 ? t('c360.unitOne') : t('c360.unitsN', { n: d.units })}`
          : ''}
      </Text>
    );
  }
  if (e.type === 'retention.tier') {
    const tier = (k: unknown) => t(`retention.tier.${String(k)}`, { defaultValue: String(k) });
    return (
      <Text size="sm">
        {d.from
          ? t('c360.tierChange', { from: tier(d.from), to: tier(d.to) })
          : t('c360.tierNew', { to: tier(d.to) })}
      </Text>
    );
  }
  if (e.type === 'customer.updated' || e.type === 'customer.consent') {
    const changes = (d.changes ?? {}) as Record<string, unknown>;
    const consent = (['consentEmail', 'consentSurvey'] as const).flatMap((k) => {
      const c = changes[k];
      if (!Array.isArray(c)) return [];
      const value = c[1] ? t('c360.given') : t('c360.withdrawn');
      return [
        k === 'consentEmail'
          ? t('c360.consentEmail', { value })
          : t('c360.consentSurvey', { value }),
      ];
    });
    const show = (k: string, v: unknown) =>
      v === null || v === undefined
        ? '—'
        : k === 'unitId'
          ? unitName(units.data, String(v))
          : k === 'status'
            ? t(`status.${String(v)}`)
            : String(v);
    const others = Object.entries(changes)
      .filter(([k]) => !k.startsWith('consent'))
      .map(([k, v]) => {
        const label = t(FIELD_LABEL[k] ?? 'c360.event.other');
        return Array.isArray(v) ? `${label} (${show(k, v[0])} → ${show(k, v[1])})` : label;
      });
    return (
      <Stack gap={0}>
        {consent.map((c) => (
          <Text size="sm" key={c}>
            {c}
          </Text>
        ))}
        {others.length > 0 && (
          <Text size="sm">{t('c360.changed', { fields: others.join(', ') })}</Text>
        )}
      </Stack>
    );
  }
  if (e.summary && e.type === 'customer.note') {
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {e.summary}
      </Text>
    );
  }
  return null;
}

function Entry({ e }: { e: TTimelineItem }) {
  const { t, i18n } = useTranslation();
  const date = e.dateOnly
    ? fmtDate(e.at.slice(0, 10), i18n.language)
    : dateTime(e.at, i18n.language);
  const showSummary = e.summary && e.type !== 'customer.note';
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {eventTitle(t, e.type)}
        {showSummary ? `: ${e.summary}` : ''}
      </Text>
      <Detail e={e} />
      <Text size="xs" c="dimmed">
        <time dateTime={e.at}>{date}</time>
        {e.actor ? ` · ${t('actor.by', { who: actorName(t, e.actor) })}` : ''}
      </Text>
      {e.link && (
        <Anchor component={Link} to={linkTo(e.link)} size="sm">
          {linkText(t, e)}
        </Anchor>
      )}
    </Stack>
  );
}

export function NoteForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await api.post(`/api/customers/${customerId}/notes`, { body });
      setBody('');
      notifyOk(t('c360.note.saved'));
      await qc.invalidateQueries({ queryKey: ['customer', customerId, 'timeline'] });
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        if (body.trim()) void save();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('c360.note.label')}
          placeholder={t('c360.note.placeholder')}
          value={body}
          onChange={(ev) => setBody(ev.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={4000}
        />
        <Button
          type="submit"
          variant="light"
          loading={busy}
          disabled={!body.trim()}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('c360.note.save')}
        </Button>
      </Stack>
    </form>
  );
}

export function CustomerTimeline({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useTimeline(id);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <Text c="red.8">{q.error.message}</Text>;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Text c="dimmed">{t('customer.noTimeline')}</Text>;
  return (
    <Stack gap="md">
      <section aria-label={t('customer.timeline')}>
        <Timeline bulletSize={14} lineWidth={2}>
          {items.map((e) => (
            <Timeline.Item key={e.key}>
              <Entry e={e} />
            </Timeline.Item>
          ))}
        </Timeline>
      </section>
      {q.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('c360.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
