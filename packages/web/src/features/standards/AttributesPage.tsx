// The shared service attribute catalogue (issue 16): one list that standards, Kano questions,
// complaint classification and needs point to; add / edit / delete for those who edit, and a
// read-only "where used" for everyone.
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { canWrite, useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { fieldErrorsOf, notifyError, notifyOk } from '../../ui/notify';
import { PageLoader } from '../../ui/PageLoader';
import {
  ATTRIBUTE_GROUPS,
  DIMENSIONS,
  nameOf,
  type TAttribute,
  type TAttributeUsage,
  useAttributes,
  useAttributeUsage,
  useServqualWording,
} from './api';

interface TDraft {
  key: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  group: string;
  dimension: string;
  servqualItems: string[];
}
const EMPTY: TDraft = {
  key: '',
  nameEs: '',
  nameEn: '',
  descriptionEs: '',
  descriptionEn: '',
  group: 'process',
  dimension: '',
  servqualItems: [],
};

function AttributeForm({ edit, onDone }: { edit: TAttribute | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const qc = useQueryClient();
  const wording = useServqualWording();
  const [d, setD] = useState<TDraft>(
    edit
      ? {
          key: edit.key,
          nameEs: edit.nameEs,
          nameEn: edit.nameEn,
          descriptionEs: edit.descriptionEs ?? '',
          descriptionEn: edit.descriptionEn ?? '',
          group: edit.group,
          dimension: edit.dimension ?? '',
          servqualItems: edit.servqualItems.map(String),
        }
      : EMPTY,
  );
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (p: Partial<TDraft>) => setD((x) => ({ ...x, ...p }));
  const save = async () => {
    setBusy(true);
    setErrors({});
    const body = {
      nameEs: d.nameEs.trim(),
      nameEn: d.nameEn.trim() || d.nameEs.trim(),
      descriptionEs: d.descriptionEs.trim() || null,
      descriptionEn: d.descriptionEn.trim() || null,
      group: d.group,
      dimension: d.dimension || null,
      servqualItems: d.servqualItems.map(Number),
    };
    try {
      if (edit) await api.patch(`/api/standards/attributes/${edit.id}`, body);
      else await api.post('/api/standards/attributes', { ...body, key: d.key.trim() });
      notifyOk(t('standards.attributes.saved'));
      await qc.invalidateQueries({ queryKey: ['standards'] });
      onDone();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const items = (wording.data?.items ?? []).filter(
    (i) => !d.dimension || i.dimension === d.dimension,
  );
  return (
    <Stack gap="sm">
      <TextInput
        label={t('standards.attributes.key')}
        description={t('standards.attributes.keyHelp')}
        value={d.key}
        onChange={(e) => set({ key: e.currentTarget.value })}
        disabled={Boolean(edit)}
        required
        error={errors.key}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('standards.field.nameEs')}
          value={d.nameEs}
          onChange={(e) => set({ nameEs: e.currentTarget.value })}
          required
          error={errors.nameEs}
        />
        <TextInput
          label={t('standards.field.nameEn')}
          value={d.nameEn}
          onChange={(e) => set({ nameEn: e.currentTarget.value })}
          error={errors.nameEn}
        />
        <Select
          label={t('standards.attributes.group')}
          data={ATTRIBUTE_GROUPS.map((g) => ({ value: g, label: t(`standards.group.${g}`) }))}
          value={d.group}
          onChange={(v) => set({ group: v ?? 'process' })}
          allowDeselect={false}
        />
        <Select
          label={t('standards.field.dimension')}
          data={DIMENSIONS.map((x) => ({ value: x, label: t(`standards.dimension.${x}`) }))}
          value={d.dimension || null}
          onChange={(v) => set({ dimension: v ?? '', servqualItems: [] })}
          clearable
        />
      </SimpleGrid>
      <MultiSelect
        label={t('standards.field.items')}
        data={items.map((i) => ({
          value: String(i.n),
          label: `${t('standards.itemShort', { n: i.n })} · ${lang === 'en' ? i.en : i.es}`,
        }))}
        value={d.servqualItems}
        onChange={(v) => set({ servqualItems: v })}
        searchable
        error={errors.servqualItems}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea
          label={t('standards.field.descriptionEs')}
          value={d.descriptionEs}
          onChange={(e) => set({ descriptionEs: e.currentTarget.value })}
          autosize
        />
        <Textarea
          label={t('standards.field.descriptionEn')}
          value={d.descriptionEn}
          onChange={(e) => set({ descriptionEn: e.currentTarget.value })}
          autosize
        />
      </SimpleGrid>
      <Group>
        <Button onClick={() => void save()} loading={busy}>
          {t('standards.attributes.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function Usage({ u }: { u: TAttributeUsage | undefined }) {
  const { t } = useTranslation();
  if (!u) return null;
  const parts = [
    u.standards.length
      ? t('standards.attributes.usedStandards', { count: u.standards.length })
      : '',
    u.kanoQuestions.length
      ? t('standards.attributes.usedKano', {
          count: u.kanoQuestions.length,
          surveys: [...new Set(u.kanoQuestions.map((q) => q.surveyName))].join(', '),
        })
      : '',
    u.complaints ? t('standards.attributes.usedComplaints', { count: u.complaints }) : '',
  ].filter(Boolean);
  return (
    <Text size="xs" c={parts.length ? undefined : 'dimmed'}>
      {parts.length ? parts.join(' · ') : t('standards.attributes.unused')}
    </Text>
  );
}

export default function AttributesPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { user } = useSession();
  const qc = useQueryClient();
  const writer = canWrite(user);
  const attrs = useAttributes();
  const usage = useAttributeUsage();
  const [editing, setEditing] = useState<TAttribute | 'new' | null>(null);
  const byId = new Map((usage.data ?? []).map((u) => [u.attributeId, u]));
  const [syncing, setSyncing] = useState(false);
  const sync = async () => {
    setSyncing(true);
    try {
      const r = await api.post<{ added: number }>('/api/standards/attributes/sync', {});
      notifyOk(
        r.added
          ? t('standards.attributes.synced', { count: r.added })
          : t('standards.attributes.syncedNone'),
      );
      await qc.invalidateQueries({ queryKey: ['standards'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setSyncing(false);
    }
  };
  const remove = async (a: TAttribute) => {
    if (!window.confirm(t('standards.attributes.confirmDelete', { name: nameOf(a, lang) }))) return;
    try {
      await api.del(`/api/standards/attributes/${a.id}`);
      notifyOk(t('standards.attributes.deleted'));
      await qc.invalidateQueries({ queryKey: ['standards'] });
    } catch (e) {
      notifyError(e);
    }
  };
  if (attrs.isLoading) return <PageLoader />;
  if (attrs.isError)
    return (
      <Alert color="red" role="alert">
        {t('standards.loadError')}
      </Alert>
    );
  const list = attrs.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={720}>
          {t('standards.attributes.help')}
        </Text>
        {writer && (
          <Button onClick={() => setEditing('new')}>{t('standards.attributes.new')}</Button>
        )}
      </Group>
      {list.length === 0 && <Alert color="gray">{t('standards.attributes.empty')}</Alert>}
      {ATTRIBUTE_GROUPS.map((g) => {
        const rows = list.filter((a) => a.group === g);
        if (rows.length === 0) return null;
        return (
          <Stack key={g} gap={4}>
            <Title order={2} size="h4">
              {t(`standards.group.${g}`)}
            </Title>
            <Table.ScrollContainer minWidth={600}>
              <Table striped layout="fixed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('standards.attributes.name')}</Table.Th>
                    <Table.Th w={190}>{t('standards.field.dimension')}</Table.Th>
                    <Table.Th w={170}>{t('standards.col.items')}</Table.Th>
                    <Table.Th w={220}>{t('standards.attributes.usage')}</Table.Th>
                    {writer && <Table.Th w={150}>{t('standards.col.action')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Text size="sm">{nameOf(a, lang)}</Text>
                        <Text size="xs" c="dimmed">
                          {lang === 'en' ? a.nameEs : a.nameEn}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {a.dimension ? t(`standards.dimension.${a.dimension}`) : '—'}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {a.servqualItems.map((k) => (
                            <Badge key={k} size="sm" variant="light">
                              {t('standards.itemShort', { n: k })}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Usage u={byId.get(a.id)} />
                      </Table.Td>
                      {writer && (
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(a)}>
                            {t('standards.edit')}
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => void remove(a)}
                            aria-label={t('standards.attributes.deleteNamed', {
                              name: nameOf(a, lang),
                            })}
                          >
                            {t('standards.attributes.delete')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        );
      })}
      <Text size="xs" c="dimmed">
        {t('standards.attributes.complaintsNote')}
      </Text>
      {writer && (
        <Group>
          <Button variant="light" loading={syncing} onClick={() => void sync()}>
            {t('standards.attributes.sync')}
          </Button>
        </Group>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' ? t('standards.attributes.new') : t('standards.attributes.editTitle')
        }
        size="lg"
      >
        {editing !== null && (
          <AttributeForm
            edit={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
