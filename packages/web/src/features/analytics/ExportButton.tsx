import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { downloadCsv, type TCell, toCsv } from './csv';
import { downloadXlsx, toXlsx } from './xlsx';

interface Props {
  name: string;
  header: () => string[];
  rows: () => TCell[][];
  disabled?: boolean;
}

/** Downloads a chart's data as CSV or XLSX, built in the browser from what the screen shows. */
export function ExportButton({ name, header, rows, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="xs"
        variant="default"
        disabled={disabled}
        onClick={() => downloadCsv(`${name}.csv`, toCsv(header(), rows()))}
      >
        {t('analytics.exportCsv')}
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={disabled}
        onClick={() => downloadXlsx(`${name}.xlsx`, toXlsx(name, header(), rows()))}
      >
        {t('analytics.exportXlsx')}
      </Button>
    </Group>
  );
}
