// Downloads the printable SERVQUAL gap report (server-side PDF) with the filters on screen and
// the UI language, so the file shows what the screen shows. Errors (e.g. no Chromium on the
// server) arrive localised and are shown as a notification.
import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, withQuery } from '../../api/client';
import { fmtLang } from '../../lib/format';
import { notifyError } from '../../ui/notify';
import { analyticsQuery } from './api';
import type { TFilters } from './filters';

export function PdfButton({ filters }: { filters: TFilters }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const lang = fmtLang(i18n.language);
  const href = withQuery(
    `/api/analytics/surveys/${encodeURIComponent(filters.survey)}/servqual.pdf`,
    { ...analyticsQuery(filters), lang },
  );
  return (
    <Button
      size="xs"
      variant="default"
      loading={busy}
      aria-label={busy ? t('analytics.preparingPdf') : undefined}
      data-href={href}
      onClick={() => {
        setBusy(true);
        download(href, 'servqual.pdf')
          .catch(notifyError)
          .finally(() => setBusy(false));
      }}
    >
      {t('analytics.downloadPdf')}
    </Button>
  );
}
