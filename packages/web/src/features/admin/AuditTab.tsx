// The audit log as "who did what to what": the actor's name, the action in words, the entity's
// name linked to its page, the changed fields in words; the raw JSON only on demand.
import { Anchor, Button, Code, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { TAuditEntry, TOrgUnit, TPage } from '../../api/types';
import { dateTime } from '../../lib/format';
import { PageLoader } from '../../ui/PageLoader';
import { unitName, useOrgUnits } from '../../ui/units';
import { FIELD_LABEL } from '../customers/CustomerTimeline';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Created a customer", or for generic verbs "Changed · Unit". */
function actionText(t: TFunction, e: TAuditEntry): string {
  const entity = t(`auditLog.entity.${e.entity}`, { defaultValue: t('auditLog.entity.other') });
  if (e.action.includes('.'))
    return t(`auditLog.action.${e.action.replaceAll('.', '_')}`, {
      defaultValue: `${t('auditLog.action.other')} · ${entity}`,
    });
  const verb = t(`auditLog.verb.${e.action}`, { defaultValue: t('auditLog.action.other') });
  return `${verb} · ${entity}`;
}

function entityLink(e: TAuditEntry): string | null {
  if (!e.entityId) return null;
  if (e.entity === 'customer') return `/customers/${e.entityId}`;
  if (e.entity === 'survey') return `/surveys/${e.entityId}`;
  if (e.entity === 'user') return '/admin/users';
  if (e.entity === 'org_unit') return '/admin/units';
  return null;
}

function entityName(e: TAuditEntry, units: TOrgUnit[] | undefined): string | null {
  if (e.entityLabel) return e.entityLabel;
  if (e.entity === 'org_unit' && e.entityId) return unitName(units, e.entityId);
  return null;
}

/** Field changes in words; ids of units become their names, other ids are left out. */
const AUDIT_FIELD: Record<string, string> = {
  role: 'auditLog.field.role',
  active: 'auditLog.field.active',
  scopes: 'auditLog.field.scopes',
  unit: 'auditLog.field.unit',
};

function changesText(t: TFunction, e: TAuditEntry, units: TOrgUnit[] | undefined): string | null {
  const changes = e.changes;
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return null;
  const show = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'string' && UUID.test(v)) {
      const u = units?.find((x) => x.id === v);
      return u ? u.name : '…';
    }
    if (typeof v === 'object') return '…';
    return String(v);
  };
  const parts = Object.entries(changes as Record<string, unknown>).map(([k, v]) => {
    const key = FIELD_LABEL[k] ?? AUDIT_FIELD[k];
    const label = key ? t(key) : k;
    return Array.isArray(v) && v.length === 2 ? `${label} (${show(v[0])} → ${show(v[1])})` : label;
  });
  if (!parts.length) return null;
  // A creation lists the initial values; only later entries are changes.
  const created = e.action === 'create' || e.action.endsWith('.created');
  return created
    ? t('auditLog.set', { fields: parts.join(', ') })
    : t('auditLog.changed', { fields: parts.join(', ') });
}

function Entry({ e, units }: { e: TAuditEntry; units: TOrgUnit[] | undefined }) {
  const { t, i18n } = useTranslation();
  const who = e.actorName ?? e.actorEmail ?? t('actor.system');
  const name = entityName(e, units);
  const to = entityLink(e);
  const changes = changesText(t, e, units);
  const hasJson =
    Boolean(e.changes) &&
    typeof e.changes === 'object' &&
    Object.keys(e.changes as object).length > 0;
  return (
    <Paper withBorder p="sm" radius="sm" component="li">
      <Stack gap={2}>
        <Text size="sm">
          <Text span fw={600}>
            {who}
          </Text>
          {' · '}
          {actionText(t, e)}
          {name && (
            <>
              {': '}
              {to ? (
                <Anchor component={Link} to={to}>
                  {name}
                </Anchor>
              ) : (
                name
              )}
            </>
          )}
        </Text>
        {changes && <Text size="sm">{changes}</Text>}
        <Text size="xs" c="dimmed">
          <time dateTime={e.at}>{dateTime(e.at, i18n.language)}</time>
        </Text>
        {hasJson && (
          <details>
            <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
              {t('auditLog.showJson')}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(e.changes, null, 2)}
            </Code>
          </details>
        )}
      </Stack>
    </Paper>
  );
}

export function AuditTab() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const q = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get<TPage<TAuditEntry>>('/api/audit', { cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <Text c="red.8">{q.error.message}</Text>;
  const rows = q.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <Text>{t('admin.audit.empty')}</Text>;
  return (
    <Stack>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((r) => (
          <Entry key={r.id} e={r} units={units.data} />
        ))}
      </Stack>
      {q.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('customers.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
