import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TApiToken } from '../../api/types';
import { dateTime } from '../../lib/format';
import { fieldErrorsOf, notifyError } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';

const SCOPES = ['read', 'write'] as const;

export function TokensTab() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['tokens'],
    queryFn: () => api.get<{ items: TApiToken[] }>('/api/tokens').then((r) => r.items),
  });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The plain token exists only in this response; it is never shown again.
  const [created, setCreated] = useState<string | null>(null);
  const fmt = (d: string | null) => dateTime(d, i18n.language);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      const res = await api.post<{ token: string }>('/api/tokens', { name, scopes });
      setCreated(res.token);
      setName('');
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) notifyError(err);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api.del(`/api/tokens/${id}`);
      await qc.invalidateQueries({ queryKey: ['tokens'] });
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Stack>
      <form onSubmit={create} noValidate>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('admin.tokens.name')}
            required
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={{ base: '100%', sm: 240 }}
          />
          <MultiSelect
            label={t('admin.tokens.scopes')}
            data={SCOPES.map((x) => ({ value: x, label: t(`admin.tokens.scope.${x}`) }))}
            value={scopes}
            error={errors.scopes}
            onChange={setScopes}
            w={{ base: '100%', sm: 320 }}
          />
          <Button type="submit" disabled={!name.trim() || scopes.length === 0}>
            {t('admin.tokens.create')}
          </Button>
        </Group>
      </form>
      {created && (
        <Alert
          color="teal"
          title={t('admin.tokens.createdTitle')}
          withCloseButton
          onClose={() => setCreated(null)}
          closeButtonLabel={t('common.close')}
        >
          <Stack gap="xs">
            <Text size="sm">{t('admin.tokens.createdText')}</Text>
            <Code block style={{ wordBreak: 'break-all' }}>
              {created}
            </Code>
            <Group>
              <CopyButton value={created}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      {q.isPending ? (
        <PageLoader />
      ) : q.isError ? (
        <Text c="red.8">{q.error.message}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.tokens.name')}</Table.Th>
                <Table.Th>{t('admin.tokens.scopes')}</Table.Th>
                <Table.Th>{t('admin.tokens.createdAt')}</Table.Th>
                <Table.Th>{t('admin.tokens.lastUsedAt')}</Table.Th>
                <Table.Th>{t('admin.tokens.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((tk) => (
                <Table.Tr key={tk.id}>
                  <Table.Td>{tk.name}</Table.Td>
                  <Table.Td>
                    {tk.scopes
                      .map((x) => t(`admin.tokens.scope.${x}`, { defaultValue: x }))
                      .join(', ')}
                  </Table.Td>
                  <Table.Td>{fmt(tk.createdAt)}</Table.Td>
                  <Table.Td>{fmt(tk.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {tk.revokedAt ? (
                      t('admin.tokens.revokedAt', { at: fmt(tk.revokedAt) })
                    ) : (
                      <Button
                        size="xs"
                        color="red"
                        variant="outline"
                        onClick={() => void revoke(tk.id)}
                        aria-label={t('admin.tokens.revokeNamed', { name: tk.name })}
                      >
                        {t('admin.tokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
