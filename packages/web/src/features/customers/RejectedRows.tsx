// The rejected rows of an import and why, on screen (the first 100; the CSV has them all).
import type { TImportRejection } from '@fidelia/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { RejectedRowsTable } from '../../ui/RejectedRowsTable';

export const SHOWN = 100;

/** "duplicate_external_id:2" → the reason key and its argument (the first row with that id). */
export function splitReason(reason: string): { code: string; arg: string } {
  const i = reason.indexOf(':');
  return i < 0 ? { code: reason, arg: '' } : { code: reason.slice(0, i), arg: reason.slice(i + 1) };
}

export function RejectedRows({ importId, runKey }: { importId: string; runKey: number }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['customer-import-rejections', importId, runKey],
    queryFn: () =>
      api.get<{ items: TImportRejection[]; total: number }>(
        `/api/customer-imports/${importId}/rejections`,
        { limit: SHOWN },
      ),
  });
  if (!q.data || q.data.total === 0) return null;
  const reason = (r: string) => {
    const { code, arg } = splitReason(r);
    return t(`import.reason.${code}`, { defaultValue: t('import.reason.other'), n: arg });
  };
  return (
    <RejectedRowsTable
      data={q.data}
      minWidth={520}
      reason={reason}
      texts={{
        title: t('import.rejectedTitle'),
        first: (shown, total) => t('import.rejectedFirst', { shown, total }),
        all: (total) => t('import.rejectedAll', { total }),
        row: t('import.rejRow'),
        column: t('import.rejColumn'),
        value: t('import.rejValue'),
        reason: t('import.rejReason'),
      }}
    />
  );
}
