// Customer follow-up page (no login): /complaint/track/:token, the link in every mail to the
// customer. Shows the status, customer-visible timeline and the response; the customer accepts or
// rejects the response (while `responded`) and rates the handling 1–5 (after closing/rejection).
import {
  Alert,
  Badge,
  Button,
  Card,
  Container,
  Group,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { dateTime, money as formatMoney } from '../../lib/format';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import { RatingText } from './Rating';

interface LinkView {
  reference: string;
  status: string;
  subject: string;
  receivedAt: string;
  expectedResponseBy: string | null;
  responseText: string | null;
  remedies: { type: string; amountCents?: number; currency?: string; note?: string }[] | null;
  rejectReason: string | null;
  recourse: string | null;
  customerDecision: string | null;
  rating: number | null;
  ratingComment?: string | null;
  canDecide: boolean;
  canRate: boolean;
  timeline: {
    at: string;
    kind: string;
    toStatus: string | null;
    body: string | null;
    from: 'customer' | 'company';
    /** on the customer's own 'rated' entry */
    rating?: number | null;
  }[];
}

export default function TrackPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const url = `/api/public/complaint-links/${encodeURIComponent(token)}`;
  const view = useQuery({
    queryKey: ['complaint-link', token],
    queryFn: () => api.get<LinkView>(url),
  });
  const [comment, setComment] = useState('');
  const [rating, setRating] = useState('');
  const [ratingComment, setRatingComment] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['complaint-link', token] });
  const decide = useMutation({
    mutationFn: (accepted: boolean) =>
      api.post(`${url}/decision`, {
        accepted,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: refresh,
    onError: notifyError,
  });
  const rate = useMutation({
    mutationFn: () =>
      api.post(`${url}/rating`, {
        rating: Number(rating),
        ...(ratingComment.trim() ? { comment: ratingComment.trim() } : {}),
      }),
    onSuccess: refresh,
    onError: notifyError,
  });
  const when = (iso: string) => dateTime(iso, i18n.language);
  const money = (cents: number, currency = 'EUR') =>
    formatMoney(cents / 100, i18n.language, currency, 2);

  if (view.isLoading) return <PageLoader />;
  const v = view.data;
  return (
    <Container size="sm" py="md" px="sm">
      <Stack>
        <Group justify="flex-end">
          <LanguageSwitch />
        </Group>
        {!v ? (
          <Alert color="red" role="alert">
            {t('complaints.track.notFound')}
          </Alert>
        ) : (
          <>
            <Title order={1} size="h2">
              {t('complaints.track.title')}{' '}
              <span style={{ whiteSpace: 'nowrap' }}>{v.reference}</span>
            </Title>
            <Group gap="xs">
              <Text>{t('complaints.field.status')}:</Text>
              <Badge size="lg" variant="light">
                {t(`complaints.status.${v.status}`)}
              </Badge>
            </Group>
            <Card withBorder>
              <Stack gap={4}>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {v.subject}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('complaints.track.receivedAt', { at: when(v.receivedAt) })}
                </Text>
                {v.expectedResponseBy && !v.responseText && (
                  <Text size="sm">
                    {t('complaints.track.expected', { at: when(v.expectedResponseBy) })}
                  </Text>
                )}
              </Stack>
            </Card>

            {v.responseText && (
              <Card withBorder>
                <Stack gap="xs">
                  <Title order={2} size="h4">
                    {t('complaints.track.response')}
                  </Title>
                  <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {v.responseText}
                  </Text>
                  {(v.remedies ?? []).length > 0 && (
                    <>
                      <Text fw={600} size="sm">
                        {t('complaints.track.remedies')}
                      </Text>
                      <ul style={{ margin: 0, paddingInlineStart: '1.2rem' }}>
                        {(v.remedies ?? []).map((r, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: fixed list, never reordered
                          <li key={i}>
                            {t(`complaints.track.remedy.${r.type}`)}
                            {r.amountCents !== undefined
                              ? ` — ${money(r.amountCents, r.currency)}`
                              : ''}
                            {r.note ? ` — ${r.note}` : ''}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                  {v.customerDecision && (
                    <Text size="sm" c="dimmed">
                      {v.customerDecision === 'accepted'
                        ? t('complaints.track.accepted')
                        : t('complaints.track.rejected')}
                    </Text>
                  )}
                </Stack>
              </Card>
            )}

            {v.rejectReason && (
              <Alert color="orange" title={t('complaints.track.rejectedTitle')}>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{v.rejectReason}</Text>
                {v.recourse && (
                  <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                    {t('complaints.track.recourse')}: {v.recourse}
                  </Text>
                )}
              </Alert>
            )}

            {v.canDecide && (
              <Card withBorder>
                <Stack>
                  <Title order={2} size="h4">
                    {t('complaints.track.decideTitle')}
                  </Title>
                  <Textarea
                    label={t('complaints.track.comment')}
                    autosize
                    minRows={2}
                    value={comment}
                    onChange={(e) => setComment(e.currentTarget.value)}
                  />
                  <Group grow>
                    <Button
                      color="teal"
                      loading={decide.isPending && decide.variables === true}
                      disabled={decide.isPending}
                      onClick={() => decide.mutate(true)}
                    >
                      {t('complaints.track.accept')}
                    </Button>
                    <Button
                      color="red"
                      variant="outline"
                      loading={decide.isPending && decide.variables === false}
                      disabled={decide.isPending}
                      onClick={() => decide.mutate(false)}
                    >
                      {t('complaints.track.reject')}
                    </Button>
                  </Group>
                </Stack>
              </Card>
            )}

            {v.canRate && (
              <Card withBorder>
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (rating) rate.mutate();
                  }}
                >
                  <Stack>
                    <Title order={2} size="h4">
                      {t('complaints.track.rateTitle')}
                    </Title>
                    <Radio.Group
                      label={t('complaints.track.rating')}
                      description={t('complaints.track.ratingScale')}
                      value={rating}
                      onChange={setRating}
                      required
                    >
                      <Group mt="xs" gap="md">
                        {['1', '2', '3', '4', '5'].map((n) => (
                          <Radio key={n} value={n} label={n} size="md" />
                        ))}
                      </Group>
                    </Radio.Group>
                    <Textarea
                      label={t('complaints.track.comment')}
                      autosize
                      minRows={2}
                      value={ratingComment}
                      onChange={(e) => setRatingComment(e.currentTarget.value)}
                    />
                    <Button type="submit" disabled={!rating} loading={rate.isPending}>
                      {t('complaints.track.sendRating')}
                    </Button>
                  </Stack>
                </form>
              </Card>
            )}
            {v.rating !== null && (
              <Alert color="teal" role="status">
                {t('complaints.track.thanksRating', { rating: v.rating })}
              </Alert>
            )}

            <Title order={2} size="h4">
              {t('complaints.track.history')}
            </Title>
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {v.timeline.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only
                <li key={i}>
                  <Text size="sm" fw={600}>
                    {e.kind === 'status' && e.toStatus
                      ? t(`complaints.status.${e.toStatus}`)
                      : e.kind === 'rated'
                        ? t('complaints.track.rating')
                        : t(`complaints.event.${e.kind}`, { defaultValue: e.kind })}{' '}
                    <Text span size="xs" c="dimmed">
                      {when(e.at)} ·{' '}
                      {e.from === 'customer' ? t('complaints.track.you') : t('complaints.track.us')}
                    </Text>
                  </Text>
                  {e.kind === 'rated' && typeof e.rating === 'number' && (
                    <Text size="sm">
                      <RatingText rating={e.rating} />
                    </Text>
                  )}
                  {e.body && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {e.body}
                    </Text>
                  )}
                </li>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Container>
  );
}
