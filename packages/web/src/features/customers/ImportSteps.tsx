import {
  Alert,
  Badge,
  Group,
  List,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TImportPreview, TImportStatus } from '../../api/types';
import { int } from '../../lib/format';

/** The reader's warnings are English sentences for the CLI and logs; the one the wizard can
 *  meet (a file that is not UTF-8) is shown in the user's language. */
function useWarningText(): (w: string) => string {
  const { t } = useTranslation();
  return (w) => (/Windows-1252/.test(w) ? t('import.warnLatin1') : w);
}

export function PreviewStep({ p }: { p: TImportPreview }) {
  const { t } = useTranslation();
  const warningText = useWarningText();
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm">{p.fileName}</Text>
        <Badge variant="light">{t('import.encoding', { encoding: p.encoding })}</Badge>
      </Group>
      {p.warnings.length > 0 && (
        <Alert
          color="yellow"
          title={t('import.warnings')}
          // Mantine's yellow title is ~3:1 on the yellow background; dark text passes AA.
          styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
        >
          <List size="sm">
            {p.warnings.map((w) => (
              <List.Item key={w}>{warningText(w)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Table.ScrollContainer minWidth={400}>
        <Table striped withTableBorder>
          <caption>{t('import.sampleCaption')}</caption>
          <Table.Thead>
            <Table.Tr>
              {p.headers.map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.sampleRows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity
              <Table.Tr key={i}>
                {p.headers.map((h, j) => (
                  <Table.Td key={h}>{row[j] ?? ''}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

interface MappingProps {
  headers: string[];
  mapping: Record<string, string | null>;
  targets: { value: string; label: string }[];
  onChange: (m: Record<string, string | null>) => void;
}

export function MappingStep({ headers, mapping, targets, onChange }: MappingProps) {
  const { t } = useTranslation();
  const used = Object.values(mapping).filter(Boolean);
  const hasId = used.includes('externalId') || used.includes('name');
  return (
    <Stack gap="sm">
      <Text size="sm">{t('import.mappingHelp')}</Text>
      {!hasId && (
        <Alert color="yellow" role="status">
          {t('import.mappingNeedsKey')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {headers.map((h) => (
          <Select
            key={h}
            label={t('import.column', { header: h })}
            placeholder={t('import.ignore')}
            data={targets}
            value={mapping[h] ?? null}
            clearable
            searchable
            onChange={(v) => onChange({ ...mapping, [h]: v })}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export function StatusCounts({ s }: { s: TImportStatus }) {
  const { t, i18n } = useTranslation();
  const warningText = useWarningText();
  const n = (x: number) => int(x, i18n.language);
  const pct =
    s.total > 0 ? Math.round((s.processed / s.total) * 100) : s.status === 'done' ? 100 : 0;
  return (
    <Stack gap="xs">
      <Progress
        value={pct}
        size="lg"
        aria-label={t('import.progress')}
        animated={s.status === 'running'}
      />
      <Text size="sm" aria-live="polite">
        {t(`import.status.${s.status}`)} ·{' '}
        {t('import.processed', { processed: n(s.processed), total: n(s.total) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {(['inserted', 'updated', 'unchanged', 'rejected'] as const).map((k) => (
          <div key={k}>
            <Text size="xs" c="dimmed">
              {t(`import.${k}`)}
            </Text>
            <Text fw={700} size="lg" c={k === 'rejected' && s[k] > 0 ? 'red.8' : undefined}>
              {n(s[k])}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {s.error && (
        <Alert color="red" role="alert">
          {s.error}
        </Alert>
      )}
      {s.warnings.length > 0 && (
        <List size="sm">
          {s.warnings.map((w) => (
            <List.Item key={w}>{warningText(w)}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
