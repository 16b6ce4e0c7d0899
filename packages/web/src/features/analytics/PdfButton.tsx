// Downloads a dashboard's printable report (server-side PDF, see pdf.ts for the links) with the
// filters on screen and the UI language, so the file shows what the screen shows. Errors (e.g.
// no Chromium on the server) arrive localised and are shown as a notification.
import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client';
import { fmtLang, type TFmtLang } from '../../lib/format';
import { notifyError } from '../../ui/notify';

export function PdfButton({
  href,
  fallbackName,
  disabled,
}: {
  /** the report's URL for a language (pdfHref.*) */
  href: (lang: TFmtLang) => string;
  fallbackName: string;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const url = href(fmtLang(i18n.language));
  return (
    <Button
      size="xs"
      variant="default"
      loading={busy}
      disabled={disabled}
      aria-label={busy ? t('analytics.preparingPdf') : undefined}
      data-href={url}
      onClick={() => {
        setBusy(true);
        download(url, fallbackName)
          .catch(notifyError)
          .finally(() => setBusy(false));
      }}
    >
      {t('analytics.downloadPdf')}
    </Button>
  );
}
