// The segment the needs and orientation tabs work on, kept in the URL (?segment=) so a link
// reproduces the view: a picker of known segments and a field to start a new one.
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSegments } from './api';

export const ALL = '*';

export function useSegment(): [string | null, (s: string | null) => void] {
  const [sp, setSp] = useSearchParams();
  const seg = sp.get('segment');
  // '*' = every segment (the needs tab); no parameter = not chosen yet
  return [
    seg?.trim() && seg !== ALL ? seg : null,
    (s) => {
      const next = new URLSearchParams(sp);
      if (s) next.set('segment', s);
      else next.delete('segment');
      setSp(next, { replace: true });
    },
  ];
}

export function SegmentPicker({ allowAll }: { allowAll?: boolean }) {
  const { t } = useTranslation();
  const [segment, setSegment] = useSegment();
  const segs = useSegments();
  const [fresh, setFresh] = useState('');
  const first = segs.data?.items[0]?.name;
  // A tab that needs one segment opens on the first known one.
  const [sp] = useSearchParams();
  const chosen = sp.has('segment');
  useEffect(() => {
    if (!chosen && first) setSegment(first);
  }, [chosen, first, setSegment]);
  const names = new Set((segs.data?.items ?? []).map((s) => s.name));
  if (segment) names.add(segment);
  const data = [
    ...(allowAll ? [{ value: ALL, label: t('strategy.allSegments') }] : []),
    ...[...names].map((n) => ({ value: n, label: n })),
  ];
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={t('strategy.segment')}
        data={data}
        value={segment ?? (allowAll && chosen ? ALL : null)}
        allowDeselect={false}
        searchable
        placeholder={t('strategy.pickSegment')}
        onChange={(v) => setSegment(v || null)}
        data-testid="strategy-segment"
        w={{ base: '100%', sm: 260 }}
      />
      <TextInput
        label={t('strategy.newSegment')}
        value={fresh}
        onChange={(e) => setFresh(e.currentTarget.value)}
        w={{ base: '100%', sm: 200 }}
      />
      <Button
        variant="default"
        disabled={!fresh.trim()}
        onClick={() => {
          setSegment(fresh.trim());
          setFresh('');
        }}
      >
        {t('strategy.useSegment')}
      </Button>
    </Group>
  );
}
