// SLA badge: colour and words for a case's most urgent target (list) or one target (case page).
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TSlaState } from './api';

export const SLA_COLOR: Record<TSlaState, string> = {
  breached: 'red',
  met_late: 'orange',
  warning: 'yellow',
  running: 'blue',
  paused: 'gray',
  met: 'teal',
};

export function SlaBadge({ status }: { status: TSlaState | undefined }) {
  const { t } = useTranslation();
  if (!status)
    return (
      <Badge variant="outline" color="gray">
        {t('complaints.sla.none')}
      </Badge>
    );
  return (
    <Badge color={SLA_COLOR[status]} variant={status === 'breached' ? 'filled' : 'light'}>
      {t(`complaints.sla.state.${status}`)}
    </Badge>
  );
}

/** "3 h 20 min" from business minutes (always positive; the caller says late or left). */
export function duration(minutes: number, t: (k: string, o?: Record<string, unknown>) => string) {
  const m = Math.round(Math.abs(minutes));
  const h = Math.floor(m / 60);
  return h ? t('complaints.sla.hm', { h, m: m % 60 }) : t('complaints.sla.m', { m });
}
