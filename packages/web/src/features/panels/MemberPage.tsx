// One panel member: profile, consent and the participation history (surveys answered as a
// registry customer, sessions invited to / attended, incentives given).
import { Alert, Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { useMember } from './api';

const STATUS_COLOR: Record<string, string> = {
  active: 'teal',
  pending: 'yellow',
  withdrawn: 'gray',
  erased: 'gray',
};

export default function MemberPage() {
  const { memberId = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const q = useMember(memberId);
  if (q.isLoading) return <PageLoader />;
  if (!q.data) return <Alert color="red">{t('panels.memberPage.notFound')}</Alert>;
  const m = q.data;
  const profile: [string, string][] = [
    [t('panels.member.segment'), m.segment ?? '—'],
    [t('panels.member.tier'), m.tier ?? '—'],
    [t('panels.sample.fields.use_class'), m.useClass ? t(`useClass.${m.useClass}`) : '—'],
    ...Object.entries(m.demographics).map(([k, v]): [string, string] => [k, v]),
    [t('panels.memberPage.consentAt'), m.consentAt ? f.date(m.consentAt) : '—'],
    [
      t('panels.memberPage.lastContact'),
      m.lastContactedAt ? f.date(m.lastContactedAt) : t('panels.memberPage.never'),
    ],
  ];
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/panels/${m.panelId}/members`} size="sm">
        ← {t('panels.memberPage.back')}
      </Anchor>
      <div>
        <Group gap="sm" wrap="wrap">
          <Title order={1} size="h2">
            {m.name}
          </Title>
          <Badge variant="light" color={STATUS_COLOR[m.status] ?? 'gray'}>
            {t(`panels.member.statuses.${m.status}`)}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm">
          {t(`panels.member.source.${m.source}`)}
          {m.email ? ` · ${m.email}` : ''}
          {m.customerId && (
            <>
              {' · '}
              <Anchor component={Link} to={`/customers/${m.customerId}`}>
                {t('panels.memberPage.customer')}
              </Anchor>
            </>
          )}
        </Text>
        <Text size="sm" mt={4}>
          {t('panels.memberPage.summary', {
            surveys: f.int(m.history.surveysAnswered),
            attended: f.int(m.history.attended),
            invited: f.int(m.history.invited),
            incentives: f.num(m.history.incentives, 0),
          })}
        </Text>
      </div>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('panels.memberPage.profile')}
        </Title>
        <Group gap="xl" wrap="wrap">
          {profile.map(([k, v]) => (
            <div key={k}>
              <Text size="xs" c="dimmed">
                {k}
              </Text>
              <Text size="sm">{v}</Text>
            </div>
          ))}
        </Group>
      </Card>
      <HistoryTable
        title={t('panels.memberPage.surveys')}
        empty={t('panels.memberPage.surveysNone')}
        minWidth={320}
        head={[t('panels.memberPage.survey'), t('panels.memberPage.answeredAt')]}
      >
        {m.surveysAnswered.map((s) => (
          <Table.Tr key={s.responseId}>
            <Table.Td>
              <Anchor component={Link} to={`/surveys/${s.surveyId}`}>
                {s.surveyName}
              </Anchor>
            </Table.Td>
            <Table.Td>{f.date(s.answeredAt)}</Table.Td>
          </Table.Tr>
        ))}
      </HistoryTable>
      <HistoryTable
        title={t('panels.memberPage.sessions')}
        empty={t('panels.memberPage.sessionsNone')}
        minWidth={520}
        head={[
          t('panels.memberPage.topic'),
          t('panels.memberPage.date'),
          t('panels.memberPage.rsvp'),
          t('panels.memberPage.attended'),
        ]}
      >
        {m.sessions.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>
              <Anchor component={Link} to={`/panels/sessions/${s.id}`}>
                {s.topic}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t(`panels.session.kind.${s.kind}`)}
              </Text>
            </Table.Td>
            <Table.Td>{f.dateTime(s.startsAt)}</Table.Td>
            <Table.Td>{t(`panels.memberPage.rsvps.${s.rsvp ?? 'pending'}`)}</Table.Td>
            <Table.Td>
              {s.attended ? t('panels.memberPage.yes') : t('panels.memberPage.no')}
            </Table.Td>
          </Table.Tr>
        ))}
      </HistoryTable>
      <HistoryTable
        title={t('panels.memberPage.incentives')}
        empty={t('panels.memberPage.incentivesNone')}
        minWidth={480}
        head={[
          t('panels.incentives.date'),
          t('panels.incentives.kindLabel'),
          t('panels.incentives.amount'),
          t('panels.incentives.session'),
          t('panels.incentives.note'),
        ]}
      >
        {m.incentives.map((x) => (
          <Table.Tr key={x.id}>
            <Table.Td>{f.date(x.createdAt)}</Table.Td>
            <Table.Td>{t(`panels.incentives.kind.${x.kind}`)}</Table.Td>
            <Table.Td>{f.num(x.amount, x.kind === 'points' ? 0 : 2)}</Table.Td>
            <Table.Td>{x.sessionTopic ?? '—'}</Table.Td>
            <Table.Td>{x.note}</Table.Td>
          </Table.Tr>
        ))}
      </HistoryTable>
    </Stack>
  );
}

/** One participation list: a titled card with its table, or a line saying it is empty. */
function HistoryTable({
  title,
  empty,
  minWidth,
  head,
  children,
}: {
  title: string;
  empty: string;
  minWidth: number;
  head: string[];
  children: ReactNode[];
}) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children.length === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {head.map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
