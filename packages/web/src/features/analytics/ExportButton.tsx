import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { downloadCsv, type TCell, toCsv } from './csv';

interface Props {
  name: string;
  header: () => string[];
  rows: () => TCell[][];
  disabled?: boolean;
}

/** Downloads a chart's data as CSV, built in the browser from what the screen shows. */
export function ExportButton({ name, header, rows, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <Button
      size="xs"
      variant="default"
      disabled={disabled}
      onClick={() => downloadCsv(`${name}.csv`, toCsv(header(), rows()))}
    >
      {t('analytics.exportCsv')}
    </Button>
  );
}
